/**
 * What RULEBOOK §J says of each legal form, checked from area@3 on (R-J1..R-J4, R-J6): the documents the law names for
 * the form, a kommunalförbund's formation and representation, a gemensam nämnd's representation, avtalssamverkan only
 * since 2018-07-01, a company's kommunala ändamål and myndighetsutövning only with support in law, and the declaration
 * as no form at all. Pure functions returning null or the Refusal naming the rule; area.v3.machine.ts builds its
 * guards from them (area@1 and area@2 keep the rules they judged with).
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import type { LocalDate } from '../kernel/time';
import { checkAllSigned, checkFormalisation, checkRegisteredExisting, yesCodes } from './area.rules';
import type { AreaContext, AreaEvent, DocumentRef, GoverningDocumentKind, LegalForm, NamedForm } from './area.types';

type EventOf<T extends AreaEvent['type']> = KernelEventOf<AreaEvent, T>;

/** The documents the law names for each form, and the rule that names them. */
export const FORM_DOCUMENTS: Record<LegalForm, { ruleId: string; kinds: GoverningDocumentKind[] }> = {
  KOMMUNALFORBUND: { ruleId: 'R-J1', kinds: ['FORBUNDSORDNING'] },
  GEMENSAM_NAMND: { ruleId: 'R-J2', kinds: ['OVERENSKOMMELSE', 'REGLEMENTE'] },
  AVTALSSAMVERKAN: { ruleId: 'R-J3', kinds: ['AVTAL'] },
  GEMENSAMT_BOLAG: { ruleId: 'R-J4', kinds: ['BOLAGSORDNING', 'AGARDIREKTIV'] },
};

/** R-J3: KL 9 kap. 37 § (SFS 2017:725) in force from this Stockholm date. */
export const AVTALSSAMVERKAN_FROM: LocalDate = '2018-07-01';

const list = (items: string[]) => items.join(', ') || '–';

/** R-J6, then R-J1..R-J4: no declaration among the governing documents, and every kind the form needs. */
export function checkFormDocuments(form: LegalForm, documents: DocumentRef[]): Refusal | null {
  const declaration = documents.find((d) => d.kind === 'AVSIKTSFORKLARING');
  if (declaration) {
    return refusal(
      'AREA_DECLARATION_NOT_A_FORM',
      'R-J6',
      `${declaration.documentKey} ${declaration.version} is an avsiktsförklaring: it is none of the legal forms and governs no area's ${form}; no legal effect is derived from it.`,
      `${declaration.documentKey} ${declaration.version} är en avsiktsförklaring: den är ingen av samverkansformerna och styr inget områdes ${form}; ingen rättsverkan följer av den.`,
      { documentVersionId: declaration.documentVersionId, kind: declaration.kind },
    );
  }
  const { ruleId, kinds } = FORM_DOCUMENTS[form];
  const missing = kinds.filter((k) => !documents.some((d) => d.kind === k));
  if (missing.length) {
    return refusal(
      'AREA_FORM_DOCUMENT_MISSING',
      ruleId,
      `A ${form} is formalised with ${list(kinds)}; missing: ${list(missing)}.`,
      `En ${form} formaliseras med ${list(kinds)}; saknas: ${list(missing)}.`,
      { legalForm: form, required: kinds, missing },
    );
  }
  return null;
}

/** R-J3: avtalssamverkan only since 2018-07-01; each named date (field → Stockholm date) on or after it. */
export function checkAvtalssamverkanDates(form: NamedForm, dates: Record<string, LocalDate>): Refusal | null {
  if (form !== 'AVTALSSAMVERKAN') return null;
  const early = Object.entries(dates).filter(([, d]) => d < AVTALSSAMVERKAN_FROM);
  if (!early.length) return null;
  const named = early.map(([f, d]) => `${f} ${d}`).join(', ');
  return refusal(
    'AREA_AVTALSSAMVERKAN_BEFORE_2018',
    'R-J3',
    `Avtalssamverkan (KL 9 kap. 37 §) exists only since ${AVTALSSAMVERKAN_FROM}; ${named} is earlier.`,
    `Avtalssamverkan (KL 9 kap. 37 §) finns först från ${AVTALSSAMVERKAN_FROM}; ${named} är tidigare.`,
    { from: AVTALSSAMVERKAN_FROM, fields: early.map(([f]) => f) },
  );
}

/**
 * R-J1, R-J2: each participant that takes part is represented: ≥ 1 ledamot and ≥ 1 ersättare in a kommunalförbund,
 * ≥ 1 ledamot in a gemensam nämnd.
 */
export function checkRepresentation(
  context: AreaContext,
  event: EventOf<'AREA_FORMALISED'>,
  form: 'KOMMUNALFORBUND' | 'GEMENSAM_NAMND',
): Refusal | null {
  const substitutesNeeded = form === 'KOMMUNALFORBUND' ? 1 : 0;
  const ruleId = form === 'KOMMUNALFORBUND' ? 'R-J1' : 'R-J2';
  const seats = event.representation ?? [];
  const missing = yesCodes(context).filter((code) => {
    const r = seats.filter((s) => s.municipalityCode === code);
    const members = r.reduce((n, s) => n + s.members, 0);
    const substitutes = r.reduce((n, s) => n + s.substitutes, 0);
    return members < 1 || substitutes < substitutesNeeded;
  });
  if (!missing.length) return null;
  const needs =
    form === 'KOMMUNALFORBUND'
      ? { en: 'at least one ledamot and one ersättare', sv: 'minst en ledamot och en ersättare' }
      : { en: 'at least one ledamot', sv: 'minst en ledamot' };
  return refusal(
    'AREA_MEMBER_NOT_REPRESENTED',
    ruleId,
    `Every participant of a ${form} is represented by ${needs.en}; not so for ${list(missing)}.`,
    `Varje deltagande kommun i en ${form} företräds av ${needs.sv}; inte så för ${list(missing)}.`,
    { legalForm: form, unrepresented: missing },
  );
}

/** The day the last participant's fullmäktige adopted (its standing KF decision), and whose it was. */
export function lastFullmaktigeAdoption(context: AreaContext): { code: string; date: LocalDate } | null {
  const yes = yesCodes(context);
  const adoptions = context.participants
    .filter((p) => yes.includes(p.code) && p.decision?.organ === 'KF')
    .map((p) => ({ code: p.code, date: p.decision!.date }));
  return adoptions.reduce<{ code: string; date: LocalDate } | null>((a, b) => (!a || b.date > a.date ? b : a), null);
}

/** R-J1: a förbundsfullmäktige or förbundsdirektion, every member represented, formed on or after the last adoption. */
export function checkForbund(context: AreaContext, event: EventOf<'AREA_FORMALISED'>): Refusal | null {
  if (!event.forbundBody) {
    return refusal(
      'AREA_FORBUND_BODY_MISSING',
      'R-J1',
      'A kommunalförbund decides in a förbundsfullmäktige or a förbundsdirektion; the formalisation names neither.',
      'Ett kommunalförbund beslutar i förbundsfullmäktige eller förbundsdirektion; formaliseringen anger inget av dem.',
      { field: 'forbundBody' },
    );
  }
  const unrepresented = checkRepresentation(context, event, 'KOMMUNALFORBUND');
  if (unrepresented) return unrepresented;
  const last = lastFullmaktigeAdoption(context);
  if (last && event.startDate < last.date) {
    return refusal(
      'AREA_FORMATION_BEFORE_ADOPTION',
      'R-J1',
      `A kommunalförbund is formed when every member's fullmäktige has adopted the förbundsordning; ${last.code} adopted it on ${last.date}, after the formation date ${event.startDate}.`,
      `Ett kommunalförbund bildas när alla medlemmars fullmäktige antagit förbundsordningen; ${last.code} antog den ${last.date}, efter bildandedagen ${event.startDate}.`,
      { startDate: event.startDate, lastAdoption: last.date, municipalityCode: last.code },
    );
  }
  return null;
}

/** R-J4: the kommunala ändamålet stated; myndighetsutövning only with its support in law named. */
export function checkCompany(event: EventOf<'AREA_FORMALISED'>): Refusal | null {
  if (!event.municipalPurpose?.trim()) {
    return refusal(
      'AREA_COMPANY_PURPOSE_MISSING',
      'R-J4',
      'Fullmäktige fastställer a jointly owned company’s kommunala ändamål in the bolagsordning (KL 10 kap. 3 §); none is stated.',
      'Fullmäktige fastställer det kommunala ändamålet med ett gemensamt bolag i bolagsordningen (KL 10 kap. 3 §); inget ändamål anges.',
      { field: 'municipalPurpose' },
    );
  }
  if (event.myndighetsutovning && !event.legalBasis?.trim()) {
    return refusal(
      'AREA_COMPANY_AUTHORITY_WITHOUT_BASIS',
      'R-J4',
      'Myndighetsutövning is handed to a company only with support in law (KL 10 kap. 1 §); no legal basis is named.',
      'Myndighetsutövning lämnas till ett bolag endast med stöd i lag (KL 10 kap. 1 §); inget lagstöd anges.',
      { field: 'legalBasis' },
    );
  }
  return null;
}

/** area@3's formalisation: area@1's checks (R-F3, R-J5, the host), then what the law says of the form (R-J1..R-J6). */
export function checkFormalisationV3(context: AreaContext, event: EventOf<'AREA_FORMALISED'>): Refusal | null {
  const base = checkFormalisation(context, event);
  if (base) return base;
  const form = event.legalForm as LegalForm;
  const dates = checkAvtalssamverkanDates(form, { formalisedOn: event.formalisedOn, startDate: event.startDate });
  if (dates) return dates;
  const documents = checkFormDocuments(form, event.documents);
  if (documents) return documents;
  if (form === 'KOMMUNALFORBUND') return checkForbund(context, event);
  if (form === 'GEMENSAM_NAMND') return checkRepresentation(context, event, 'GEMENSAM_NAMND');
  if (form === 'GEMENSAMT_BOLAG') return checkCompany(event);
  return null;
}

/** area@3's registration of an existing collaboration: G6, and an avtalssamverkan started no earlier than R-J3 allows. */
export function checkRegisteredExistingV3(
  context: AreaContext,
  event: EventOf<'AREA_REGISTERED_EXISTING'>,
): Refusal | null {
  return (
    checkRegisteredExisting(context, event) ??
    checkAvtalssamverkanDates(event.legalForm, { startDate: event.startDate })
  );
}

/** area@3's start of operation: signed for all (R-F6), and an avtalssamverkan not started before 2018-07-01 (R-J3). */
export function checkAllSignedV3(context: AreaContext, event: EventOf<'OPERATION_STARTED'>): Refusal | null {
  const form = context.formalisation?.legalForm;
  return checkAllSigned(context) ?? (form ? checkAvtalssamverkanDates(form, { startedOn: event.startedOn }) : null);
}

/**
 * R-J1: a change of a kommunalförbund takes effect only when every member's fullmäktige approved it, so its revision
 * goes back to the decisions; it is not re-formalised on the old ones.
 */
export function checkChangeApprovedByAll(context: AreaContext): Refusal | null {
  if (context.formalisation?.legalForm !== 'KOMMUNALFORBUND') return null;
  return refusal(
    'AREA_CHANGE_NOT_APPROVED_BY_ALL',
    'R-J1',
    'A change of a kommunalförbund takes effect only when every member’s fullmäktige has approved it: the revision goes back to the decisions (backTo BESLUT).',
    'En ändring av ett kommunalförbund gäller först när alla medlemmars fullmäktige godkänt den: revideringen går tillbaka till besluten (backTo BESLUT).',
    { legalForm: 'KOMMUNALFORBUND', backTo: 'BESLUT' },
  );
}
