/**
 * The rules of a collaboration area (RULEBOOK §3 F, J; the guards G1–G6 of §4.2; R-E2, R-I1, R-C11). Pure functions
 * over the machine's context and an event: each returns null or the Refusal naming its rule; the machine's guards
 * are built from these same functions (one declaration of each).
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import { ORGAN_NAMES } from '../membership/entry.rules';
import type { DecisionOrgan } from '../membership/membership.types';
import { checkSignatoryFor } from '../signature/signatory.rules';
import type { AreaContext, AreaEvent, LegalForm, NamedForm, Participant } from './area.types';

type EventOf<T extends AreaEvent['type']> = KernelEventOf<AreaEvent, T>;

/** R-J5: the organ that decides a municipality's participation, per legal form. */
export const COMPETENT_ORGANS: Record<LegalForm, DecisionOrgan[]> = {
  KOMMUNALFORBUND: ['KF'],
  GEMENSAM_NAMND: ['KF'],
  GEMENSAMT_BOLAG: ['KF'],
  AVTALSSAMVERKAN: ['KF', 'KS', 'NAMND'],
};

const list = (codes: string[]) => codes.join(', ') || '–';

// ---------------------------------------------------------------- proposal and registration (R-F1, R-F2, R-F3, G6)

/** R-F1: an area is joint work of at least two municipalities (each decides itself whether it takes part, R-F2). */
export function checkProposal(
  _context: AreaContext,
  event: EventOf<'AREA_PROPOSED' | 'AREA_REGISTERED_EXISTING'>,
): Refusal | null {
  const distinct = [...new Set(event.participants)];
  if (distinct.length < 2) {
    return refusal(
      'AREA_TOO_FEW_PARTICIPANTS',
      'R-F1',
      `An area needs at least two participating municipalities; ${distinct.length} proposed (${list(distinct)}).`,
      `Ett samverkansområde kräver minst två deltagande kommuner; ${distinct.length} föreslagen (${list(distinct)}).`,
      { participants: distinct },
    );
  }
  return null;
}

/** R-F3: a network (chefsnätverk) is not an organisational form; an area is formalised in a legal form. */
export function checkLegalForm(form: NamedForm): Refusal | null {
  if (form === 'NATVERK') {
    return refusal(
      'AREA_NOT_A_LEGAL_FORM',
      'R-F3',
      'A network is not a legal form of collaboration: choose avtalssamverkan, gemensam nämnd, kommunalförbund or a jointly owned company.',
      'Ett nätverk är ingen organisatorisk form för samverkan: välj avtalssamverkan, gemensam nämnd, kommunalförbund eller gemensamt bolag.',
      { legalForm: form },
    );
  }
  return null;
}

/** G6 (R-F3): an existing collaboration registered straight into operation brings its governing document. */
export function checkRegisteredExisting(
  context: AreaContext,
  event: EventOf<'AREA_REGISTERED_EXISTING'>,
): Refusal | null {
  const proposal = checkProposal(context, event) ?? checkLegalForm(event.legalForm);
  if (proposal) return proposal;
  if (!event.documents.length) {
    return refusal(
      'AREA_NO_GOVERNING_DOCUMENT',
      'G6',
      'An existing collaboration is registered into operation only with its governing document (R-F3).',
      'En befintlig samverkan registreras i drift endast med sitt styrande dokument (R-F3).',
    );
  }
  return checkHost(event.participants, event.hostMunicipality);
}

function checkHost(yes: string[], host: string | undefined): Refusal | null {
  if (host !== undefined && !yes.includes(host)) {
    return refusal(
      'AREA_HOST_NOT_PARTICIPANT',
      'R-F3',
      `The host municipality ${host} must be one of the participants that take part (${list(yes)}).`,
      `Värdkommunen ${host} ska vara en av de deltagande kommunerna (${list(yes)}).`,
      { hostMunicipality: host, participants: yes },
    );
  }
  return null;
}

// ---------------------------------------------------------------- stages 1 and 2 (G1, G2, G5)

/** G1 (R-D7 by analogy, SEED-AF §12, §16): KDG's assignment and the council informed before the förstudie. */
export function checkForankringDone(context: AreaContext): Refusal | null {
  if (!context.assignment) {
    return refusal(
      'AREA_NO_KDG_ASSIGNMENT',
      'G1',
      'The förstudie starts on an assignment (uppdrag) from KDG; none is recorded.',
      'Förstudien startar på ett uppdrag från KDG; inget uppdrag är registrerat.',
    );
  }
  if (!context.councilInformedOn) {
    return refusal(
      'AREA_COUNCIL_NOT_INFORMED',
      'G1',
      'Samverkansrådet must be informed before the förstudie starts (R-D7 by analogy); no information is recorded.',
      'Samverkansrådet ska informeras innan förstudien startar (R-D7 analogt); ingen information är registrerad.',
    );
  }
  return null;
}

/** R-F3 on the report's proposed form. */
export function checkReport(_context: AreaContext, event: EventOf<'REPORT_SUBMITTED'>): Refusal | null {
  return checkLegalForm(event.proposedLegalForm);
}

/** G2 (R-F4, R-G1): the decisions are prepared on a report with a form analysis, a proposed form and a cost model. */
export function checkForstudieDone(context: AreaContext): Refusal | null {
  if (!context.report) {
    return refusal(
      'AREA_REPORT_MISSING',
      'G2',
      'The municipalities decide on the förstudie report: its form analysis, proposed legal form and cost model (R-F4, R-G1); none is recorded.',
      'Kommunerna beslutar på förstudiens rapport med formanalys, föreslagen samverkansform och kostnadsmodell (R-F4, R-G1); ingen rapport är registrerad.',
    );
  }
  return null;
}

/** G5 (R-E2): Samverkansrådet decides nothing; no stage moves on its record. */
export function checkCouncilDecision(): Refusal | null {
  return refusal(
    'COUNCIL_NOT_DECISION_MAKING',
    'R-E2',
    'Samverkansrådet is not a decision-making body: no stage of an area moves on its record (G5). Each municipality decides (R-F5).',
    'Samverkansrådet är inte ett beslutande organ: inget steg i ett samverkansområde tas på dess protokoll (G5). Varje kommun beslutar själv (R-F5).',
  );
}

// ---------------------------------------------------------------- stage 3: each municipality decides (R-F2, R-J5, G4)

export function participantOf(context: AreaContext, code: string): Participant | undefined {
  return context.participants.find((p) => p.code === code);
}

/** The legal form the decisions are taken under: the formalised one after a revision, else the report's. */
export function decidedLegalForm(context: AreaContext): LegalForm | undefined {
  return context.formalisation?.legalForm ?? context.report?.proposedLegalForm;
}

/** R-F2, R-J5, G4: a participant decides once, by the organ competent for the form, on a justerat protocol. */
export function checkParticipation(context: AreaContext, event: EventOf<'PARTICIPATION_DECIDED'>): Refusal | null {
  const p = participantOf(context, event.municipalityCode);
  if (!p) {
    return refusal(
      'AREA_NOT_PARTICIPANT',
      'R-F2',
      `${event.municipalityCode} is not a participant of this area (${list(context.participants.map((x) => x.code))}).`,
      `${event.municipalityCode} deltar inte i detta samverkansområde (${list(context.participants.map((x) => x.code))}).`,
      { municipalityCode: event.municipalityCode },
    );
  }
  if (p.answer) {
    return refusal(
      'AREA_ALREADY_DECIDED',
      'R-F2',
      `${p.code} has already decided (${p.answer}, decision ${p.decision?.decisionId ?? '–'}); one decision per participant.`,
      `${p.code} har redan beslutat (${p.answer}, beslut ${p.decision?.decisionId ?? '–'}); ett beslut per kommun.`,
      { municipalityCode: p.code, answer: p.answer },
    );
  }
  const form = decidedLegalForm(context);
  const organs = form ? COMPETENT_ORGANS[form] : [];
  if (form && !organs.includes(event.decision.organ)) {
    const names = (lang: 'sv' | 'en') => organs.map((o) => ORGAN_NAMES[o][lang]).join(' / ');
    return refusal(
      'WRONG_DECISION_ORGAN',
      'R-J5',
      `Taking part in ${form} is decided by ${names('en')}; this decision was taken by ${ORGAN_NAMES[event.decision.organ]?.en ?? event.decision.organ}.`,
      `Deltagande i ${form} beslutas av ${names('sv')}; detta beslut är fattat av ${ORGAN_NAMES[event.decision.organ]?.sv ?? event.decision.organ}.`,
      { legalForm: form, competentOrgans: organs, organ: event.decision.organ },
    );
  }
  if (!event.decision.justerat) {
    return refusal(
      'DECISION_NOT_JUSTERAT',
      'G4',
      'A participation decision counts once its protocol is justerat (R-I1); laga kraft is not awaited (R-I8).',
      'Ett beslut om deltagande räknas när protokollet är justerat (R-I1); laga kraft inväntas inte (R-I8).',
      { decisionId: event.decision.decisionId },
    );
  }
  return null;
}

// ---------------------------------------------------------------- stage 4: formalisation and signatures (R-F3, R-F6, R-J5)

/** The participants that take part: a standing yes, or registered with an existing collaboration. */
export function yesCodes(context: AreaContext): string[] {
  return context.participants.filter((p) => p.answer === 'YES' || p.registeredExisting).map((p) => p.code);
}

/** R-F3, R-J5: formalised in a legal form, the one the municipalities decided on, hosted by a participant. */
export function checkFormalisation(context: AreaContext, event: EventOf<'AREA_FORMALISED'>): Refusal | null {
  const notAForm = checkLegalForm(event.legalForm);
  if (notAForm) return notAForm;
  const decided = decidedLegalForm(context);
  if (decided && event.legalForm !== decided) {
    return refusal(
      'AREA_LEGAL_FORM_CHANGED',
      'R-J5',
      `The municipalities decided on ${decided}; a formalisation as ${event.legalForm} needs new decisions (a revision).`,
      `Kommunerna har beslutat om ${decided}; en formalisering som ${event.legalForm} kräver nya beslut (revidering).`,
      { decidedLegalForm: decided, legalForm: event.legalForm },
    );
  }
  return checkHost(yesCodes(context), event.hostMunicipality);
}

/** R-F6 (and R-B5 by analogy): an authorised signatory of a participant signs one of the governing documents. */
export function checkAgreementSignature(context: AreaContext, event: EventOf<'AGREEMENT_SIGNED'>): Refusal | null {
  const yes = yesCodes(context);
  const stranger = event.municipalityCodes.find((c) => !yes.includes(c));
  if (stranger) {
    return refusal(
      'AREA_SIGNER_NOT_PARTICIPANT',
      'R-F6',
      `${stranger} does not take part in this area (${list(yes)}) and cannot sign its agreement.`,
      `${stranger} deltar inte i detta samverkansområde (${list(yes)}) och kan inte underteckna dess avtal.`,
      { municipalityCode: stranger },
    );
  }
  const governing = context.formalisation?.documents ?? [];
  if (!governing.some((d) => d.sha256 === event.document.sha256)) {
    return refusal(
      'AREA_DOCUMENT_NOT_GOVERNING',
      'R-F6',
      `The signed version (${event.document.documentKey} ${event.document.version}) is not a governing document of the area.`,
      `Den undertecknade versionen (${event.document.documentKey} ${event.document.version}) är inte ett styrande dokument för området.`,
      { sha256: event.document.sha256, governing: governing.map((d) => d.sha256) },
    );
  }
  return checkSignatoryFor('AREA_AGREEMENT', event);
}

/** The participants whose authorised signatory has not signed yet. */
export function unsignedCodes(context: AreaContext): string[] {
  const signed = new Set(context.signatures.flatMap((s) => s.municipalityCodes));
  return yesCodes(context).filter((c) => !signed.has(c));
}

/** R-F3, R-F6: operation starts on an agreement signed for every participant that takes part. */
export function checkAllSigned(context: AreaContext): Refusal | null {
  const missing = unsignedCodes(context);
  if (missing.length) {
    return refusal(
      'AREA_NOT_ALL_SIGNED',
      'R-F6',
      `The agreement is not signed for ${list(missing)} yet; operation starts on a signed agreement.`,
      `Avtalet är ännu inte undertecknat för ${list(missing)}; driften startar på ett undertecknat avtal.`,
      { unsigned: missing },
    );
  }
  return null;
}

// ---------------------------------------------------------------- annulment (D10, R-C11)

/** The participant whose current decision is the annulled one, if any. */
export function annulledParticipant(context: AreaContext, decisionId: string): Participant | undefined {
  return context.participants.find((p) => p.decision?.decisionId === decisionId);
}

/** R-C11: an annulment names a decision that drives this area now. */
export function checkAnnulment(context: AreaContext, event: EventOf<'DECISION_ANNULLED'>): Refusal | null {
  if (!annulledParticipant(context, event.decisionId)) {
    return refusal(
      'DECISION_NOT_IN_WORKFLOW',
      'R-C11',
      'The annulled decision does not drive this area (any more).',
      'Det upphävda beslutet driver inte (längre) detta samverkansområde.',
      { decisionId: event.decisionId },
    );
  }
  return null;
}
