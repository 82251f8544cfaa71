import type { AppError } from '../../common/errors';
import { placeRefusals, selectField } from '../clerk/clerk-fields';
import { stockholmInstant } from '../clerk/dto-check';
import { csrfField, field, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Lang, Messages } from '../i18n/messages';
import { exitNoticeBody, exitNoticeFields } from './exit-notice-form';

/** The parts of a membership event's form; each is the API's DTO field (membership-event.dto.ts) of that name. */
type Part =
  'decision' | 'signedOn' | 'signatory' | 'desiredExitDate' | 'arrivedAt' | 'notice' | 'noticeArrivedAt' | 'informedOn';

/**
 * The events a clerk records on the membership page, with their parts in the order the DTO has them (the neutral
 * ENTRY_DECIDED of membership v2, or FULLMAKTIGE_ADOPTED_DECLARATION of v1: the service offers whichever applies).
 * COUNCIL_APPROVED_EXIT is left out: the rule always refuses it (R-C6, R-E2), so it is no form to offer.
 */
const FORMS: Record<string, Part[]> = {
  FULLMAKTIGE_ADOPTED_DECLARATION: ['decision'],
  ENTRY_DECIDED: ['decision'],
  KSO_SIGNED: ['signedOn', 'signatory'],
  FULLMAKTIGE_REQUESTED_EXIT: ['decision', 'desiredExitDate'],
  // R-C12: the notice's sender, recipient, channel and registrations beside its arrival (exit-notice-form.ts)
  EXIT_NOTICE_DELIVERED: ['arrivedAt', 'notice'],
  EXIT_REQUEST_WITHDRAWN: ['decision', 'noticeArrivedAt'],
  COUNCIL_INFORMED: ['informedOn'],
};

/** The forms to show: the events the membership's workflow takes now (its allowedEvents), in the workflow's order. */
export const membershipFormEvents = (allowed: string[]): string[] => allowed.filter((e) => e in FORMS);

/** A rule refusal's field where its details do not name one (the rule's code says which fact it judged). */
const FIELD_OF_CODE: Record<string, string> = {
  WRONG_DECISION_ORGAN: 'decision_organ',
  NO_FULLMAKTIGE_DECISION: 'decision_organ',
  EXIT_NOT_ON_31_DEC: 'desiredExitDate',
  EXIT_NOTICE_TOO_SHORT: 'desiredExitDate',
  WITHDRAWAL_TOO_LATE: 'noticeArrivedAt',
  WITHDRAWAL_BEFORE_REQUEST: 'noticeArrivedAt',
  COUNCIL_INFORMED_BEFORE_NOTICE: 'informedOn',
};

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The API's body of one event from its form: `decision_date` → `decision.date`, instants typed in Stockholm time
 * sent with their offset, empty optional fields left out; anything else as typed, so the DTO's own sentence refuses it.
 */
export function membershipEventBody(
  type: string,
  form: FormBody,
  version: number,
  offsetOf: (instant: string) => number,
): Record<string, unknown> {
  const body: Record<string, unknown> = { type, expectedVersion: version };
  for (const part of FORMS[type] ?? []) {
    if (part === 'decision') {
      body.decision = {
        organ: one(form, 'decision_organ'),
        date: one(form, 'decision_date').trim(),
        paragraph: optional(one(form, 'decision_paragraph')),
        diarienummer: optional(one(form, 'decision_diarienummer')),
      };
    } else if (part === 'signatory') {
      body.signatory = { name: one(form, 'signatory_name').trim(), office: one(form, 'signatory_office') };
    } else if (part === 'notice') {
      Object.assign(body, exitNoticeBody(form));
    } else if (part === 'arrivedAt' || part === 'noticeArrivedAt') {
      body[part] = stockholmInstant(one(form, part), offsetOf);
    } else if (part === 'desiredExitDate') {
      const value = optional(one(form, part));
      if (value) body[part] = value;
    } else {
      body[part] = one(form, part).trim();
    }
  }
  const note = optional(one(form, 'note'));
  if (note) body.note = note;
  return body;
}

/** The service's refusal beside the field it concerns: a DTO path (`decision.date`), a rule's details or its code. */
export function membershipRefusals(error: AppError, lang: Lang): ShownRefusal[] {
  return placeRefusals(error, lang, (path, code, details) => {
    if (path) {
      const [head, sub] = path.split('.');
      if (head === 'decision') return `decision_${sub ?? 'date'}`;
      if (head === 'signatory') return `signatory_${sub ?? 'name'}`;
      if (head === 'expectedVersion' || head === 'type') return null;
      // The notice's facts: named after their paths (exit-notice-form.ts), a whole object at its first field.
      if (head === 'sender' || head === 'recipient') return sub ? path.replace(/\./g, '_') : `${head}_name`;
      if (head === 'registrations')
        return /\.\d+\./.test(path) ? path.replace(/\./g, '_') : 'registrations_0_diarienummer';
      return head;
    }
    if (typeof details.field === 'string') return details.field.replace(/\./g, '_');
    return FIELD_OF_CODE[code] ?? null;
  });
}

/** One event's form: posts to the membership's events, every typed value kept on a refusal. */
export function membershipEventForm(a: {
  type: string;
  action: string;
  csrf: string;
  version: number;
  values: FormBody | null;
  refusals: ShownRefusal[];
  t: Messages;
  today: string;
  /** The membership's municipality: the sending one of an exit notice. */
  municipality: string;
}): Html {
  const { type, t } = a;
  const v = (name: string, fallback = '') => (a.values ? one(a.values, name) : fallback);
  const id = (name: string) => `${type}-${name}`;
  const refused = (name: string) => a.refusals.filter((r) => r.field === name);
  const text = (name: string, label: string, kind: 'text' | 'date', hint?: string, fallback = '') =>
    field({ id: id(name), name, label, hint, value: v(name, fallback), kind, refusals: refused(name), t });
  const parts: Html[] = [];
  for (const part of FORMS[type] ?? []) {
    if (part === 'decision') {
      parts.push(
        selectField({
          id: id('decision_organ'),
          name: 'decision_organ',
          label: t.web2_organ,
          value: v('decision_organ', type === 'ENTRY_DECIDED' ? '' : 'KF'),
          options: ['KF', 'KS', 'NAMND'].map((o) => ({ value: o, text: t[`web2_organ_${o}` as 'web2_organ_KF'] })),
          refusals: refused('decision_organ'),
          t,
        }),
        text('decision_date', t.web2_decisionDate, 'date', t.field_dateHint, a.today),
        text('decision_paragraph', t.web2_decisionParagraph, 'text'),
        text('decision_diarienummer', t.web2_diarienummer, 'text'),
      );
    } else if (part === 'signatory') {
      parts.push(
        text('signatory_name', t.web2_signatoryName, 'text'),
        selectField({
          id: id('signatory_office'),
          name: 'signatory_office',
          label: t.web2_signatoryOffice,
          value: v('signatory_office', 'KSO'),
          options: ['KSO', 'OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'].map((o) => ({
            value: o,
            text: t[`web2_office_${o}` as 'web2_office_KSO'],
          })),
          refusals: refused('signatory_office'),
          t,
        }),
      );
    } else if (part === 'signedOn') parts.push(text('signedOn', t.web2_signedOn, 'date', t.field_dateHint, a.today));
    else if (part === 'informedOn')
      parts.push(text('informedOn', t.web2_informedOn, 'date', t.field_dateHint, a.today));
    else if (part === 'desiredExitDate')
      parts.push(text('desiredExitDate', t.web2_desiredExitDate, 'text', t.web2_desiredExitDateHint));
    else if (part === 'arrivedAt') parts.push(text('arrivedAt', t.web2_arrivedAt, 'text', t.web2_instantHint));
    else if (part === 'notice')
      parts.push(exitNoticeFields({ id, value: v, refused, municipality: a.municipality, t }));
    else parts.push(text('noticeArrivedAt', t.web2_noticeArrivedAt, 'text', t.web2_instantHint));
  }
  return html`<section class="event-form" aria-labelledby="${id('heading')}">
    <h3 id="${id('heading')}">${t.web2_event(type)}</h3>
    <form method="post" action="${a.action}" novalidate>
      ${csrfField(a.csrf)}
      <input type="hidden" name="type" value="${type}" />
      <input type="hidden" name="version" value="${String(a.version)}" />
      ${parts}
      ${field({ id: id('note'), name: 'note', label: t.web2_note, value: v('note'), kind: 'textarea', refusals: refused('note'), t })}
      <button type="submit" class="button">${t.web2_record}</button>
    </form>
  </section>`;
}
