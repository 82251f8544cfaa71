import { randomUUID } from 'crypto';
import { stockholmOffsetMinutes } from '../../../machines/calendar/calendar';
import { javGroundsOf } from '../../../machines/protocol/attendance.rules';
import { DECISION_SUBJECTS, type Attendee, type BodyKind } from '../../../machines/protocol/decision.types';
import { csrfField, errorSummary, field, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import { checkboxField, linesOf, namesOf, selectField } from './clerk-fields';
import { stockholmInstant } from './dto-check';
import {
  formalQuestionFields,
  kontrapropositionFields,
  questionsBody,
  questionsFieldOfCode,
  questionsFieldOfPath,
  tjanstgoringFields,
  voteList,
  votesOf,
  type FormParts,
  type QuestionOrigins,
} from './paragraph-form-questions';

/** The rows a paragraph form offers (a protocol rarely has more; more are recorded through the API). */
export const PROPOSAL_IDS = ['A', 'B', 'C'];
const JAV_ROWS = 2;
const RESERVATION_ROWS = 2;
const NOTE_ROWS = 2;
const OUT_ROWS = 2;
const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Which form row each element of the body's lists came from (an empty row is left out of the body). */
interface Origins extends QuestionOrigins {
  proposals: number[];
  jav: number[];
  reservations: number[];
  notes: number[];
  /** R-H12: the rows of members not taking part in the decision. */
  out: number[];
}

export interface ParagraphFormState {
  values: FormBody;
  refusals: ShownRefusal[];
}

/**
 * The API's body of POST /meetings/:id/paragraphs (RecordParagraphDto) from the protocol form: lists are a line
 * each, people a comma list of the attendees' names (their party taken from the attendance), times Stockholm time.
 */
export function paragraphBody(
  form: FormBody,
  attendees: Attendee[],
): { body: Record<string, unknown>; origins: Origins } {
  const v = (name: string) => one(form, name).trim();
  const opt = (name: string) => (v(name) ? v(name) : undefined);
  const person = (name: string) => {
    const party = attendees.find((a) => a.name === name)?.party;
    return party ? { name, party } : { name };
  };
  const origins: Origins = { proposals: [], jav: [], reservations: [], notes: [], out: [], tj: [], fq: [] };
  const proposals = PROPOSAL_IDS.flatMap((id, i) => {
    if (!v(`p${i}_text`) && !v(`p${i}_by`)) return [];
    origins.proposals.push(i);
    const att = linesOf(one(form, `p${i}_att`));
    return [
      { id, by: namesOf(v(`p${i}_by`)).map(person), text: v(`p${i}_text`), ...(att.length ? { attSatser: att } : {}) },
    ];
  });
  const votes = votesOf(form, attendees, 'vote');
  const method: Record<string, unknown> = { kind: v('method_kind'), adopted: v('method_adopted') };
  for (const k of ['ja', 'nej', 'voteRequestedBy', 'lotFellOn']) if (v(`method_${k}`)) method[k] = v(`method_${k}`);
  if (votes.length) method.votes = votes;
  if (v('method_election') === 'ja') method.election = true;
  const jav = rows(JAV_ROWS).flatMap((i) => {
    if (!v(`jav${i}_member`) && !v(`jav${i}_reason`)) return [];
    origins.jav.push(i);
    const ground = v(`jav${i}_ground`);
    return [{ member: v(`jav${i}_member`), reason: v(`jav${i}_reason`), ...(ground ? { ground } : {}) }];
  });
  const instant = (name: string) => (v(name) ? stockholmInstant(v(name), stockholmOffsetMinutes) : undefined);
  const reservations = rows(RESERVATION_ROWS).flatMap((i) => {
    if (!v(`r${i}_members`)) return [];
    origins.reservations.push(i);
    const r: Record<string, unknown> = { members: namesOf(v(`r${i}_members`)).map(person) };
    if (v(`r${i}_for`)) r.inFavourOf = v(`r${i}_for`);
    if (v(`r${i}_announcedAt`)) r.announcedAt = instant(`r${i}_announcedAt`);
    if (v(`r${i}_motivation`)) {
      r.motivation = {
        text: v(`r${i}_motivation`),
        ...(v(`r${i}_submittedAt`) ? { submittedAt: instant(`r${i}_submittedAt`) } : {}),
      };
    }
    return [r];
  });
  const notes = rows(NOTE_ROWS).flatMap((i) => {
    if (!v(`n${i}_member`) && !v(`n${i}_text`)) return [];
    origins.notes.push(i);
    return [{ member: person(v(`n${i}_member`)), text: v(`n${i}_text`), allowedByChair: v(`n${i}_allowed`) === 'ja' }];
  });
  // R-H12: who announced not taking part, and whether before the chair put the question
  const notParticipating = rows(OUT_ROWS).flatMap((i) => {
    if (!v(`np${i}_member`)) return [];
    origins.out.push(i);
    return [{ member: v(`np${i}_member`), announcedBeforeQuestion: v(`np${i}_before`) === 'ja' }];
  });
  const att = linesOf(one(form, 'decision_att'));
  const body: Record<string, unknown> = {
    paragraphNumber: v('paragraphNumber'),
    matter: { title: v('matterTitle'), ...(opt('diarienummer') ? { diarienummer: v('diarienummer') } : {}) },
    subject: v('subject'),
    beslutsunderlag: linesOf(one(form, 'beslutsunderlag')),
    proposals,
    beslutsgang: linesOf(one(form, 'beslutsgang')),
    decision: { ...(opt('decision_text') ? { text: v('decision_text') } : {}), attSatser: att },
    jav,
    reservations,
    protokollsanteckningar: notes,
    sendTo: linesOf(one(form, 'sendTo')),
  };
  const election = v('method_election') === 'ja';
  if (election) body.election = true;
  const questions = questionsBody(form, attendees, person, election);
  Object.assign(body, questions.parts);
  Object.assign(origins, questions.origins);
  // R-H6, R-H22: a matter sent on by a granted motion has no vote on the matter: no adopted proposal, no votes.
  const sentOn = questions.origins.fq.some((i) => v(`fq${i}_outcome`) === 'GRANTED');
  if (!sentOn || v('method_adopted') || votes.length) body.method = method;
  if (opt('collaboration')) body.collaboration = v('collaboration');
  if (opt('summary')) body.summary = v('summary');
  if (v('immediateJustering') === 'ja') body.immediateJustering = true;
  if (notParticipating.length) body.notParticipating = notParticipating;
  if (v('myndighetsutovning') === 'ja') body.myndighetsutovning = true;
  return { body, origins };
}

/** The form field a validation path of the body concerns (`reservations.0.members` → the first used row's names). */
function fieldOfPath(path: string, o: Origins): string | null {
  const [head, n, rest] = [path.split('.')[0], Number(path.split('.')[1]), path.split('.').slice(2).join('.')];
  const row = (list: number[]) => list[Number.isInteger(n) ? n : 0] ?? 0;
  switch (head) {
    case 'paragraphNumber':
    case 'subject':
    case 'collaboration':
    case 'summary':
    case 'beslutsunderlag':
    case 'beslutsgang':
    case 'sendTo':
      return head;
    case 'matter':
      return path === 'matter.diarienummer' ? 'diarienummer' : 'matterTitle';
    case 'proposals':
      return `p${row(o.proposals)}_${rest.startsWith('by') ? 'by' : rest.startsWith('attSatser') ? 'att' : 'text'}`;
    case 'method': {
      const k = path.split('.')[1];
      return ['adopted', 'ja', 'nej', 'voteRequestedBy', 'lotFellOn'].includes(k) ? `method_${k}` : 'method_kind';
    }
    case 'decision':
      return path.startsWith('decision.text') ? 'decision_text' : 'decision_att';
    case 'jav':
      return `jav${row(o.jav)}_${rest === 'reason' || rest === 'ground' ? rest : 'member'}`;
    case 'reservations': {
      const r = row(o.reservations);
      if (rest.startsWith('inFavourOf')) return `r${r}_for`;
      if (rest.startsWith('announcedAt')) return `r${r}_announcedAt`;
      if (rest.startsWith('motivation.submittedAt')) return `r${r}_submittedAt`;
      if (rest.startsWith('motivation')) return `r${r}_motivation`;
      return `r${r}_members`;
    }
    case 'protokollsanteckningar': {
      const r = row(o.notes);
      return `n${r}_${rest.startsWith('allowedByChair') ? 'allowed' : rest.startsWith('text') ? 'text' : 'member'}`;
    }
    case 'notParticipating':
      return `np${row(o.out)}_${rest.startsWith('announcedBeforeQuestion') ? 'before' : 'member'}`;
    case 'myndighetsutovning':
      return head;
    default:
      return questionsFieldOfPath(path, o) ?? null;
  }
}

/**
 * Where a refusal of the paragraph goes on the form: a validation's path, or the field a rule's code concerns
 * (the rules decide; this only places their sentence, using the names and values they give in `details`).
 */
export function paragraphFieldOf(form: FormBody, o: Origins, attendees: Attendee[]) {
  const rowWith = (prefix: string, suffix: string, used: number[], test: (value: string) => boolean) => {
    const hit = used.find((i) => test(one(form, `${prefix}${i}_${suffix}`).trim()));
    return `${prefix}${hit ?? used[0] ?? 0}_${suffix}`;
  };
  const named = (member: unknown) => (value: string) => namesOf(value).includes(String(member));
  return (path: string | null, code: string, details: Record<string, unknown>): string | null => {
    if (path) return fieldOfPath(path, o);
    const question = questionsFieldOfCode(form, attendees, o, code, details);
    if (question !== undefined) return question;
    switch (code) {
      case 'PARAGRAPH_EXISTS':
        return 'paragraphNumber';
      case 'DIARIENUMMER_OTHER_CASE':
        return 'diarienummer';
      case 'NOT_AT_MEETING':
        if (o.out.some((i) => one(form, `np${i}_member`).trim() === details.member))
          return rowWith('np', 'member', o.out, (x) => x === details.member);
        if (o.jav.some((i) => one(form, `jav${i}_member`).trim() === details.member))
          return rowWith('jav', 'member', o.jav, (x) => x === details.member);
        if (o.fq.some((i) => namesOf(one(form, `fq${i}_by`)).includes(String(details.member))))
          return rowWith('fq', 'by', o.fq, named(details.member));
        return rowWith('n', 'member', o.notes, (x) => x === details.member);
      // R-H12: beside the announcement it concerns; an abstention in myndighetsutövning beside the flag
      case 'NOT_PARTICIPATING_NOT_SERVING':
      case 'NOT_PARTICIPATING_VOTED':
        return rowWith('np', 'member', o.out, (x) => x === details.member);
      case 'MUST_TAKE_PART_IN_MYNDIGHETSUTOVNING':
        return details.announced ? rowWith('np', 'member', o.out, (x) => x === details.member) : 'myndighetsutovning';
      case 'NOT_QUORATE':
        return o.jav.length ? `jav${o.jav[0]}_member` : null;
      case 'UNKNOWN_PROPOSAL':
      case 'VOTE_RESULT_MISMATCH':
        return 'method_adopted';
      case 'VOTE_REQUESTED':
        return 'method_voteRequestedBy';
      case 'VOTE_QUESTION_MISSING':
        return 'method_ja';
      case 'DECISION_METHOD_MISSING':
      case 'VOTES_WITHOUT_VOTE':
      case 'VOTER_NOT_PARTICIPANT':
      case 'DUPLICATE_VOTE':
      case 'TIE_NEEDS_CASTING_VOTE':
      case 'TIE_NEEDS_LOTTNING':
      case 'NOT_A_TIE':
      case 'CASTING_VOTE_IN_ELECTION':
      case 'CHAIR_DID_NOT_VOTE':
      case 'LOTTNING_ONLY_IN_ELECTIONS':
        return 'method_kind';
      case 'NOT_ELIGIBLE_TO_RESERVE':
        return rowWith('r', 'members', o.reservations, named(details.member));
      case 'RESERVATION_FOR_ADOPTED':
        return rowWith('r', 'for', o.reservations, (x) => x === one(form, 'method_adopted').trim());
      case 'RESERVATION_TOO_LATE':
        return rowWith('r', 'announcedAt', o.reservations, (x) => x !== '');
      case 'MOTIVATION_TOO_LATE':
        return rowWith('r', 'submittedAt', o.reservations, (x) => x !== '');
      case 'PROTOKOLLSANTECKNING_NOT_ALLOWED':
        return rowWith('n', 'allowed', o.notes, () => true);
      default:
        return null;
    }
  };
}

/** The protocol form of one paragraph, in the order a protocol is written; every value typed comes back on a refusal. */
export function paragraphForm(
  meetingId: string,
  attendees: Attendee[],
  bodyKind: BodyKind,
  csrf: string,
  t: Messages,
  state: ParagraphFormState | null,
): Html {
  const values = state?.values ?? {};
  const refusals = state?.refusals ?? [];
  const id = (name: string) => `pf-${name}`;
  const val = (name: string) => one(values, name);
  const of = (name: string) => refusals.filter((r) => r.field === name);
  const text = (name: string, label: string, kind: 'text' | 'textarea' = 'text', hint?: string) =>
    field({ id: id(name), name, label, hint, value: val(name), kind, refusals: of(name), t });
  const choice = (name: string, label: string, options: Array<{ value: string; text: string }>, hint?: string) =>
    selectField({ id: id(name), name, label, hint, value: val(name), options, refusals: of(name), t });
  const check = (name: string, label: string) =>
    checkboxField({ id: id(name), name, label, checked: val(name) === 'ja', refusals: of(name), t });
  const none = { value: '', text: t.clerk_none };
  const proposalOptions = [none, ...PROPOSAL_IDS.map((p) => ({ value: p, text: t.clerk_proposal(p) }))];
  const people = [none, ...attendees.map((a) => ({ value: a.name, text: a.name }))];
  const grounds = [none, ...javGroundsOf(bodyKind).map((g) => ({ value: g, text: t.clerk_javGroundName(g) }))];
  const parts: FormParts = { text, choice, check, t, attendees, none, people, proposalOptions };
  return html`<form
    method="post"
    action="/protokoll/sammantraden/${meetingId}/paragrafer"
    class="event-form"
    novalidate
  >
    ${errorSummary(refusals, t, id)} ${csrfField(csrf)}
    <input type="hidden" name="_key" value="${randomUUID()}" />
    <fieldset>
      <legend><h3>${t.clerk_matter}</h3></legend>
      ${text('paragraphNumber', t.clerk_paragraphNumber, 'text', t.clerk_paragraphNumberHint)}
      ${text('matterTitle', t.clerk_matterTitle)}
      ${text('diarienummer', t.clerk_diarienummer, 'text', t.clerk_optional)}
      ${choice(
        'subject',
        t.clerk_subject,
        DECISION_SUBJECTS.map((s) => ({ value: s, text: t.clerk_subjectName(s) })),
      )}
      ${text('collaboration', t.clerk_collaboration, 'text', t.clerk_collaborationHint)}
      ${text('summary', t.clerk_summary, 'textarea', t.clerk_optional)}
      ${text('beslutsunderlag', t.clerk_beslutsunderlag, 'textarea', t.clerk_oneALine)}
      ${check('myndighetsutovning', t.clerk_myndighetsutovning)}
    </fieldset>
    ${tjanstgoringFields(parts)}
    <fieldset>
      <legend><h3>${t.clerk_jav}</h3></legend>
      ${rows(JAV_ROWS).map(
        (i) =>
          html`<div class="row">
            ${choice(`jav${i}_member`, t.clerk_javMember(i + 1), people)} ${text(`jav${i}_reason`, t.clerk_javReason)}
            ${choice(`jav${i}_ground`, t.clerk_javGround, grounds, t.clerk_javGroundHint)}
          </div>`,
      )}
    </fieldset>
    <fieldset>
      <legend><h3>${t.clerk_proposals}</h3></legend>
      ${PROPOSAL_IDS.map(
        (p, i) =>
          html`<div class="row">
            <h4>${t.clerk_proposal(p)}</h4>
            ${text(`p${i}_by`, t.clerk_proposalBy, 'text', t.clerk_namesHint)}
            ${text(`p${i}_text`, t.clerk_proposalText, 'textarea')}
            ${text(`p${i}_att`, t.clerk_attSatser, 'textarea', t.clerk_oneALine)}
          </div>`,
      )}
    </fieldset>
    ${formalQuestionFields(parts)} ${kontrapropositionFields(parts)}
    <fieldset>
      <legend><h3>${t.clerk_beslutsgang}</h3></legend>
      ${text('beslutsgang', t.clerk_beslutsgangLines, 'textarea', t.clerk_oneALine)}
      ${choice(
        'method_kind',
        t.clerk_method,
        ['ACKLAMATION', 'OPEN_VOTE', 'CASTING_VOTE', 'LOTTNING'].map((k) => ({
          value: k,
          text: t.clerk_methodName(k),
        })),
      )}
      ${choice('method_adopted', t.clerk_adopted, proposalOptions)} ${choice('method_ja', t.clerk_ja, proposalOptions)}
      ${choice('method_nej', t.clerk_nej, proposalOptions)}
      ${choice('method_voteRequestedBy', t.clerk_voteRequestedBy, people)} ${check('method_election', t.clerk_election)}
      ${choice('method_lotFellOn', t.clerk_lotFellOn, proposalOptions)} ${voteList(parts, 'vote')}
    </fieldset>
    <fieldset>
      <legend><h3>${t.clerk_notParticipating}</h3></legend>
      <p class="hint">${t.clerk_notParticipatingHint}</p>
      ${rows(OUT_ROWS).map(
        (i) =>
          html`<div class="row">
            ${choice(`np${i}_member`, t.clerk_notParticipatingMember(i + 1), people)}
            ${check(`np${i}_before`, t.clerk_announcedBeforeQuestion)}
          </div>`,
      )}
    </fieldset>
    <fieldset>
      <legend><h3>${t.clerk_decision}</h3></legend>
      ${text('decision_text', t.clerk_decisionText, 'textarea', t.clerk_optional)}
      ${text('decision_att', t.clerk_attSatser, 'textarea', t.clerk_oneALine)}
    </fieldset>
    <fieldset>
      <legend><h3>${t.clerk_reservations}</h3></legend>
      ${rows(RESERVATION_ROWS).map(
        (i) =>
          html`<div class="row">
            <h4>${t.clerk_reservation(i + 1)}</h4>
            ${text(`r${i}_members`, t.clerk_reservationMembers, 'text', t.clerk_namesHint)}
            ${choice(`r${i}_for`, t.clerk_inFavourOf, proposalOptions)}
            ${text(`r${i}_announcedAt`, t.clerk_announcedAt, 'text', t.clerk_timeHint)}
            ${text(`r${i}_motivation`, t.clerk_motivation, 'textarea', t.clerk_optional)}
            ${text(`r${i}_submittedAt`, t.clerk_submittedAt, 'text', t.clerk_timeHint)}
          </div>`,
      )}
    </fieldset>
    <fieldset>
      <legend><h3>${t.clerk_notes}</h3></legend>
      ${rows(NOTE_ROWS).map(
        (i) =>
          html`<div class="row">
            ${choice(`n${i}_member`, t.clerk_noteMember(i + 1), people)}
            ${text(`n${i}_text`, t.clerk_noteText, 'textarea')} ${check(`n${i}_allowed`, t.clerk_allowedByChair)}
          </div>`,
      )}
    </fieldset>
    <fieldset>
      <legend><h3>${t.clerk_expediering}</h3></legend>
      ${text('sendTo', t.clerk_sendTo, 'textarea', t.clerk_oneALine)} ${check('immediateJustering', t.clerk_immediate)}
    </fieldset>
    <button type="submit" class="button">${t.clerk_recordParagraph}</button>
  </form>`;
}
