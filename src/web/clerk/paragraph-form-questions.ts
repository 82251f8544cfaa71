/**
 * The paragraph form's parts of issue 11 points 1–3 (issue 12 §3): who serves in the paragraph and for whom (R-H20),
 * återremiss and bordläggning tried before the matter (R-H6, R-H16), and the kontrapropositionsvotering (R-H8).
 * Their fields, their part of the API's body, and where the rules' refusals of them go; paragraph-form.ts calls them.
 */
import type { Attendee, Person } from '../../../machines/protocol/decision.types';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import { namesOf } from './clerk-fields';

/** Återremiss or bordläggning: a protocol seldom tries more than two in one paragraph (more through the API). */
export const FORMAL_ROWS = 2;
const rows = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Which form row each element of the body's lists came from: attendees' indexes, formal questions' rows. */
export interface QuestionOrigins {
  tj: number[];
  fq: number[];
}

type Option = { value: string; text: string };

/** The field helpers of paragraph-form.ts, so that these rows are drawn exactly as the others. */
export interface FormParts {
  text: (name: string, label: string, kind?: 'text' | 'textarea', hint?: string) => Html;
  choice: (name: string, label: string, options: Option[], hint?: string) => Html;
  check: (name: string, label: string) => Html;
  t: Messages;
  attendees: Attendee[];
  none: Option;
  people: Option[];
  proposalOptions: Option[];
}

const isErsattare = (a: Attendee) => a.role !== 'LEDAMOT';

/** A vote list: one choice for each attendee who may serve in the paragraph (R-H20: an ersättare may). */
export function voteList(f: FormParts, prefix: string): Html {
  const { t, none } = f;
  return html`<h4>${t.clerk_voteList}</h4>
    ${f.attendees.map((a, i) =>
      f.choice(`${prefix}${i}`, t.clerk_voteOf(a.name), [
        none,
        { value: 'JA', text: t.clerk_vote_JA },
        { value: 'NEJ', text: t.clerk_vote_NEJ },
        { value: 'AVSTAR', text: t.clerk_vote_AVSTAR },
      ]),
    )}`;
}

/** R-H20: a checkbox per attendee; for an ersättare, the ledamot it serves for. None checked = not recorded. */
export function tjanstgoringFields(f: FormParts): Html {
  const { t, none } = f;
  const ledamoter = [none, ...f.attendees.filter((a) => !isErsattare(a)).map((a) => ({ value: a.name, text: a.name }))];
  return html`<fieldset>
    <legend><h3>${t.clerk_tjanstgoring}</h3></legend>
    <p class="hint">${t.clerk_tjanstgoringHint}</p>
    ${f.attendees.map(
      (a, i) =>
        html`<div class="row">
          ${f.check(`tj${i}`, t.clerk_servesIn(a.name))}
          ${isErsattare(a) ? f.choice(`tj${i}_for`, t.clerk_servesFor(a.name), ledamoter) : ''}
        </div>`,
    )}
  </fieldset>`;
}

/** R-H6, R-H16: återremiss and bordläggning, each with who moved it, how it was decided and what came of it. */
export function formalQuestionFields(f: FormParts): Html {
  const { t, none } = f;
  return html`<fieldset>
    <legend><h3>${t.clerk_formalQuestions}</h3></legend>
    <p class="hint">${t.clerk_formalQuestionsHint}</p>
    ${rows(FORMAL_ROWS).map(
      (i) =>
        html`<div class="row">
          <h4>${t.clerk_formalQuestion(i + 1)}</h4>
          ${f.choice(`fq${i}_kind`, t.clerk_fqKind, [
            none,
            { value: 'ATERREMISS', text: t.clerk_fqKindName('ATERREMISS') },
            { value: 'BORDLAGGNING', text: t.clerk_fqKindName('BORDLAGGNING') },
          ])}
          ${f.text(`fq${i}_by`, t.clerk_fqMovedBy, 'text', t.clerk_namesHint)}
          ${f.text(`fq${i}_reason`, t.clerk_fqReason, 'textarea', t.clerk_fqReasonHint)}
          ${f.choice(`fq${i}_decidedBy`, t.clerk_fqDecidedBy, [
            { value: 'MAJORITY', text: t.clerk_fqMajority },
            { value: 'MINORITY', text: t.clerk_fqMinority },
          ])}
          ${f.text(`fq${i}_supporters`, t.clerk_fqSupporters, 'text', t.clerk_fqSupportersHint)}
          ${f.choice(
            `fq${i}_method`,
            t.clerk_fqMethod,
            [
              none,
              ...['ACKLAMATION', 'OPEN_VOTE', 'CASTING_VOTE'].map((k) => ({ value: k, text: t.clerk_methodName(k) })),
            ],
            t.clerk_fqMethodHint,
          )}
          ${f.choice(`fq${i}_voteRequestedBy`, t.clerk_voteRequestedBy, f.people)} ${voteList(f, `fq${i}_vote`)}
          ${f.choice(`fq${i}_outcome`, t.clerk_fqOutcome, [
            none,
            { value: 'GRANTED', text: t.clerk_fqGranted },
            { value: 'REFUSED', text: t.clerk_fqRefused },
          ])}
        </div>`,
    )}
  </fieldset>`;
}

/** R-H8: with three proposals, the vote that picks the motförslag to put against the huvudförslag. */
export function kontrapropositionFields(f: FormParts): Html {
  const { t, proposalOptions } = f;
  return html`<fieldset>
    <legend><h3>${t.clerk_kontraproposition}</h3></legend>
    <p class="hint">${t.clerk_kontrapropositionHint}</p>
    ${f.choice('k_huvud', t.clerk_huvudforslag, proposalOptions)}
    ${f.choice(
      'k_kind',
      t.clerk_method,
      ['ACKLAMATION', 'OPEN_VOTE', 'CASTING_VOTE', 'LOTTNING'].map((k) => ({ value: k, text: t.clerk_methodName(k) })),
    )}
    ${f.choice('k_adopted', t.clerk_motforslag, proposalOptions)} ${f.choice('k_ja', t.clerk_ja, proposalOptions)}
    ${f.choice('k_nej', t.clerk_nej, proposalOptions)}
    ${f.choice('k_voteRequestedBy', t.clerk_voteRequestedBy, f.people)}
    ${f.choice('k_lotFellOn', t.clerk_lotFellOn, proposalOptions)} ${voteList(f, 'k_vote')}
  </fieldset>`;
}

/** The votes of one vote list, as the API takes them. */
export function votesOf(form: FormBody, attendees: Attendee[], prefix: string) {
  return attendees.flatMap((a, i) => {
    const vote = one(form, `${prefix}${i}`).trim();
    return vote ? [{ member: a.name, vote }] : [];
  });
}

/** The body's tjanstgoring, formalQuestions and kontraproposition (each left out when the form has none). */
export function questionsBody(
  form: FormBody,
  attendees: Attendee[],
  person: (name: string) => Person,
  election: boolean,
): { parts: Record<string, unknown>; origins: QuestionOrigins } {
  const v = (name: string) => one(form, name).trim();
  const origins: QuestionOrigins = { tj: [], fq: [] };
  const parts: Record<string, unknown> = {};
  const tjanstgoring = attendees.flatMap((a, i) => {
    if (v(`tj${i}`) !== 'ja') return [];
    origins.tj.push(i);
    return [{ member: a.name, ...(v(`tj${i}_for`) ? { servesFor: v(`tj${i}_for`) } : {}) }];
  });
  if (tjanstgoring.length) parts.tjanstgoring = tjanstgoring;
  const formal = rows(FORMAL_ROWS).flatMap((i) => {
    const p = (k: string) => v(`fq${i}_${k}`);
    if (!p('kind') && !p('by')) return [];
    origins.fq.push(i);
    const votes = votesOf(form, attendees, `fq${i}_vote`);
    const q: Record<string, unknown> = {
      kind: p('kind'),
      movedBy: namesOf(p('by')).map(person),
      decidedBy: p('decidedBy') || 'MAJORITY',
      outcome: p('outcome'),
    };
    if (p('reason')) q.reason = p('reason');
    if (p('supporters')) q.supporters = namesOf(p('supporters'));
    if (p('method') || votes.length || p('voteRequestedBy')) {
      q.method = {
        kind: p('method'),
        ...(votes.length ? { votes } : {}),
        ...(p('voteRequestedBy') ? { voteRequestedBy: p('voteRequestedBy') } : {}),
      };
    }
    return [q];
  });
  if (formal.length) parts.formalQuestions = formal;
  if (v('k_huvud')) {
    const method: Record<string, unknown> = { kind: v('k_kind'), adopted: v('k_adopted') };
    for (const k of ['ja', 'nej', 'voteRequestedBy', 'lotFellOn']) if (v(`k_${k}`)) method[k] = v(`k_${k}`);
    const votes = votesOf(form, attendees, 'k_vote');
    if (votes.length) method.votes = votes;
    if (election) method.election = true;
    parts.kontraproposition = { huvudforslag: v('k_huvud'), method };
  }
  return { parts, origins };
}

const METHOD_KEYS = ['adopted', 'ja', 'nej', 'voteRequestedBy', 'lotFellOn'];

/** The form field a validation path of these parts concerns; undefined when the path is not theirs. */
export function questionsFieldOfPath(path: string, o: QuestionOrigins): string | null | undefined {
  const parts = path.split('.');
  const n = Number(parts[1]);
  const row = (list: number[]) => list[Number.isInteger(n) ? n : 0] ?? 0;
  switch (parts[0]) {
    case 'tjanstgoring':
      return `tj${row(o.tj)}${parts[2] === 'servesFor' ? '_for' : ''}`;
    case 'formalQuestions': {
      const r = row(o.fq);
      const key = parts[2] ?? 'kind';
      const field: Record<string, string> = {
        movedBy: 'by',
        method: parts[3] === 'voteRequestedBy' ? 'voteRequestedBy' : 'method',
      };
      return `fq${r}_${field[key] ?? (['reason', 'decidedBy', 'supporters', 'outcome'].includes(key) ? key : 'kind')}`;
    }
    case 'kontraproposition':
      if (parts[1] !== 'method') return 'k_huvud';
      return METHOD_KEYS.includes(parts[2]) ? `k_${parts[2]}` : 'k_kind';
    case 'election':
      return 'method_election';
    default:
      return undefined;
  }
}

/** A refused vote of a formal question or of the kontrapropositionsvotering, marked so in the details. */
function voteFieldOf(o: QuestionOrigins, code: string, details: Record<string, unknown>): string | null {
  if (details.votering === 'FORMAL_QUESTION') {
    const r = o.fq[Number(details.question)] ?? o.fq[0] ?? 0;
    if (code === 'VOTE_RESULT_MISMATCH' || code === 'NOT_A_TIE') return `fq${r}_outcome`;
    return code === 'VOTE_REQUESTED' ? `fq${r}_voteRequestedBy` : `fq${r}_method`;
  }
  if (details.votering === 'KONTRAPROPOSITION') {
    if (code === 'UNKNOWN_PROPOSAL' || code === 'VOTE_RESULT_MISMATCH') return 'k_adopted';
    if (code === 'VOTE_REQUESTED') return 'k_voteRequestedBy';
    return code === 'VOTE_QUESTION_MISSING' ? 'k_ja' : 'k_kind';
  }
  return null;
}

/**
 * Where a rule's refusal of these parts goes, by its code and details (undefined: not theirs). A vote of a formal
 * question or of the kontrapropositionsvotering is marked so in the details (questions.rules.ts).
 */
export function questionsFieldOfCode(
  form: FormBody,
  attendees: Attendee[],
  o: QuestionOrigins,
  code: string,
  details: Record<string, unknown>,
): string | null | undefined {
  const v = (name: string) => one(form, name).trim();
  const tjOf = (member: unknown, suffix = '') => {
    const i = attendees.findIndex((a) => a.name === member);
    return `tj${i >= 0 ? i : (o.tj[0] ?? 0)}${suffix}`;
  };
  const fqRow = (test: (i: number) => boolean) => o.fq.find(test) ?? o.fq[0] ?? 0;
  const minority = () => fqRow((i) => v(`fq${i}_decidedBy`) === 'MINORITY');
  const vote = voteFieldOf(o, code, details);
  if (vote) return vote;
  switch (code) {
    case 'SERVES_TWICE':
    case 'JAVIG_SERVES':
    case 'ERSATTARE_OUT_OF_ORDER':
      return tjOf(details.member);
    case 'SERVES_FOR_MISSING':
    case 'SERVES_FOR_INVALID':
      return tjOf(details.member, '_for');
    case 'TOO_MANY_SERVING':
      return tjOf(null);
    case 'JAV_GROUND_MISSING':
    case 'JAV_GROUND_NOT_FOR_BODY':
      return `jav${[0, 1].find((i) => v(`jav${i}_member`) === details.member) ?? 0}_ground`;
    case 'MOVER_NOT_PARTICIPANT':
      return `fq${fqRow((i) => namesOf(v(`fq${i}_by`)).includes(String(details.member)))}_by`;
    case 'DECIDED_AFTER_GRANTED_MOTION': {
      const granted = o.fq.findIndex((i) => v(`fq${i}_outcome`) === 'GRANTED');
      if (granted >= 0 && granted < o.fq.length - 1) return `fq${o.fq[granted]}_outcome`;
      return v('method_kind') || v('method_adopted') ? 'method_kind' : 'k_huvud';
    }
    case 'MINORITY_RIGHT_ONLY_IN_FULLMAKTIGE':
    case 'MINORITY_RIGHT_NOT_IN_ELECTIONS':
    case 'MINORITY_RIGHT_USED':
      return `fq${minority()}_decidedBy`;
    case 'MINORITY_TOO_FEW':
      return `fq${minority()}_supporters`;
    case 'MINORITY_REQUEST_NOT_GRANTED':
      return `fq${minority()}_outcome`;
    case 'ATERREMISS_REASON_MISSING':
      return `fq${minority()}_reason`;
    case 'CONTINUED_MATTER_NEEDS_DIARIENUMMER':
      return 'diarienummer';
    case 'KONTRAPROPOSITION_MISSING':
    case 'KONTRAPROPOSITION_INVALID':
      return 'k_huvud';
    case 'HUVUDVOTERING_WRONG_PROPOSALS':
      return v('method_kind') === 'ACKLAMATION' ? 'method_adopted' : 'method_ja';
    default:
      return undefined;
  }
}
