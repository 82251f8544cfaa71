import { randomUUID } from 'crypto';
import type { MeetingListItem } from '../../decision/meeting-list';
import { csrfField, errorSummary, field, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import type { Messages } from '../i18n/messages';
import { checkboxField, selectField } from './clerk-fields';
import { stockholmInstant } from './dto-check';
import { stockholmOffsetMinutes } from '../../../machines/calendar/calendar';

/** Attendance rows on the form that records a meeting (more are recorded through the API). */
export const ATTENDEE_ROWS = 12;
const ROLES = ['LEDAMOT', 'TJANSTGORANDE_ERSATTARE', 'ERSATTARE'];

export interface MeetingFormState {
  values: FormBody;
  refusals: ShownRefusal[];
}

/** The API's body of POST /bodies/:id/meetings (CreateMeetingDto) from the form; rows without a name are left out. */
export function meetingBody(form: FormBody): { body: Record<string, unknown>; rows: number[] } {
  const v = (name: string) => one(form, name).trim();
  const used = Array.from({ length: ATTENDEE_ROWS }, (_, i) => i).filter((i) => v(`att${i}_name`));
  const attendees = used.map((i) => ({
    name: v(`att${i}_name`),
    ...(v(`att${i}_party`) ? { party: v(`att${i}_party`) } : {}),
    role: v(`att${i}_role`),
    ...(v(`att${i}_chair`) === 'ja' ? { chair: true } : {}),
  }));
  const body: Record<string, unknown> = { date: v('date'), attendees };
  if (v('place')) body.place = v('place');
  if (v('secretary')) body.secretary = v('secretary');
  if (v('closedAt')) body.closedAt = stockholmInstant(v('closedAt'), stockholmOffsetMinutes);
  if (v('justeringAt')) body.justeringAt = stockholmInstant(v('justeringAt'), stockholmOffsetMinutes);
  // R-H18: ticked, open to the public; left, the law's default (fullmäktige public, another body closed)
  if (v('public') === 'ja') body.public = true;
  return { body, rows: used };
}

/** R-H18's refusals of a meeting are the open/closed choice's. */
const OPENNESS_CODES = ['FULLMAKTIGE_MEETS_IN_PUBLIC', 'OPEN_MEETING_NOT_ALLOWED'];

/**
 * The form field of a validation path of the meeting body (`attendees.2.role` → the third used row's role), or of a
 * rule's refusal (R-H18 → the open/closed choice).
 */
export function meetingFieldOf(rows: number[]) {
  return (path: string | null, code?: string): string | null => {
    if (!path) return code && OPENNESS_CODES.includes(code) ? 'public' : null;
    const [head, n, rest] = path.split('.');
    if (head !== 'attendees')
      return ['date', 'place', 'secretary', 'closedAt', 'justeringAt', 'bodyId', 'public'].includes(head) ? head : null;
    const row = rows[Number(n)] ?? 0;
    return `att${row}_${rest === 'party' || rest === 'role' || rest === 'chair' ? rest : 'name'}`;
  };
}

export function meetingsTable(meetings: MeetingListItem[], t: Messages): Html {
  if (!meetings.length) return html`<p>${t.clerk_noMeetings}</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${t.clerk_meetingsTitleAll}">
    <table>
      <thead>
        <tr>
          <th scope="col">${t.clerk_colDate}</th>
          <th scope="col">${t.clerk_colBody}</th>
          <th scope="col">${t.clerk_colPlace}</th>
        </tr>
      </thead>
      <tbody>
        ${meetings.map(
          (m) =>
            html`<tr>
              <td>
                <a href="/protokoll/sammantraden/${m.id}"><time datetime="${m.date}">${m.date}</time></a>
              </td>
              <td>${m.body.name}</td>
              <td>${m.place ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** The form that records a meeting of one of the municipality's bodies, with its attendance. */
export function meetingForm(
  bodies: Array<{ id: string; name: string }>,
  csrf: string,
  t: Messages,
  state: MeetingFormState | null,
): Html {
  const values = state?.values ?? {};
  const refusals = state?.refusals ?? [];
  const id = (name: string) => `mf-${name}`;
  const of = (name: string) => refusals.filter((r) => r.field === name);
  const text = (name: string, label: string, kind: 'text' | 'date' = 'text', hint?: string) =>
    field({ id: id(name), name, label, hint, value: one(values, name), kind, refusals: of(name), t });
  const rows = Array.from({ length: ATTENDEE_ROWS }, (_, i) => i);
  return html`<form method="post" action="/protokoll/sammantraden" class="event-form" novalidate>
    ${errorSummary(refusals, t, id)} ${csrfField(csrf)}
    <input type="hidden" name="_key" value="${randomUUID()}" />
    <fieldset>
      <legend><h3>${t.clerk_meetingFacts}</h3></legend>
      ${selectField({
        id: id('bodyId'),
        name: 'bodyId',
        label: t.clerk_body,
        value: one(values, 'bodyId'),
        options: bodies.map((b) => ({ value: b.id, text: b.name })),
        refusals: of('bodyId'),
        t,
      })}
      ${text('date', t.clerk_meetingDate, 'date', t.field_dateHint)} ${text('place', t.clerk_place)}
      ${text('secretary', t.clerk_secretary)} ${text('closedAt', t.clerk_closedAt, 'text', t.clerk_timeHint)}
      ${text('justeringAt', t.clerk_justeringAt, 'text', t.clerk_timeHint)}
      <p class="hint" id="${id('public')}-hint">${t.clerk_publicHint}</p>
      ${checkboxField({
        id: id('public'),
        name: 'public',
        label: t.clerk_public,
        checked: one(values, 'public') === 'ja',
        refusals: of('public'),
        t,
      })}
    </fieldset>
    <fieldset>
      <legend><h3>${t.clerk_attendance}</h3></legend>
      <p class="hint">${t.clerk_attendanceHint}</p>
      ${rows.map(
        (i) =>
          html`<div class="row">
            <h4>${t.clerk_attendee(i + 1)}</h4>
            ${text(`att${i}_name`, t.clerk_attendeeName)} ${text(`att${i}_party`, t.clerk_attendeeParty)}
            ${selectField({
              id: id(`att${i}_role`),
              name: `att${i}_role`,
              label: t.clerk_attendeeRole,
              value: one(values, `att${i}_role`),
              options: ROLES.map((r) => ({ value: r, text: t.clerk_roleName(r) })),
              refusals: of(`att${i}_role`),
              t,
            })}
            ${checkboxField({
              id: id(`att${i}_chair`),
              name: `att${i}_chair`,
              label: t.clerk_chair,
              checked: one(values, `att${i}_chair`) === 'ja',
              refusals: of(`att${i}_chair`),
              t,
            })}
          </div>`,
      )}
    </fieldset>
    <button type="submit" class="button">${t.clerk_recordMeeting}</button>
  </form>`;
}
