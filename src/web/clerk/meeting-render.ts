import { randomUUID } from 'crypto';
import type { Attendee, BodyKind } from '../../../machines/protocol/decision.types';
import type { DeadlinesAnswer } from '../../calendar/deadlines-answer';
import type { DecisionView } from '../../decision/decision.views';
import { csrfField, errorSummary, field, ruleLink, type ShownRefusal } from '../forms';
import { one, type FormBody } from '../form-body';
import { html, type Html } from '../html';
import { longDate, stockholmTime, type Lang } from '../i18n/messages';
import type { PageContext } from '../web-page';
import { paragraphForm, type ParagraphFormState } from './paragraph-form';

/** What the meeting page shows of the API's GET /meetings/:id. */
export interface MeetingPageData {
  id: string;
  body: { name: string; memberCount: number; kind: BodyKind };
  date: string;
  place: string | null;
  secretary: string | null;
  closedAt: string | null;
  justeringAt: string | null;
  attendees: Attendee[];
  deadlines: { justeringDeadline: string };
  /** R-H18: open to the public, in the protocol's words. */
  openness?: { en: string; sv: string };
}

/** A refused form of this page: which one, with what was typed and why it was refused. */
export interface MeetingPageState {
  form: 'paragraph' | 'justering' | 'anslag';
  values: FormBody;
  refusals: ShownRefusal[];
}

export interface MeetingPageInput {
  meeting: MeetingPageData;
  decisions: DecisionView[];
  /** The calendar's answer for a justering today and an anslag today (what the forms' dates lead to). */
  ifToday: { justering: DeadlinesAnswer; anslag: DeadlinesAnswer };
  today: string;
  state: MeetingPageState | null;
  recorded: string | null;
}

const table = (caption: string, head: string[], rows: Html[]): Html =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}">
    <table>
      <caption class="visually-hidden">
        ${caption}
      </caption>
      <thead>
        <tr>
          ${head.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;

const day = (date: string | undefined, lang: Lang) =>
  date ? html`<time datetime="${date}">${longDate(date, lang)}</time>` : html``;

/** A deadline as the calendar computed it, and its note when it moved to the next vardag (R-L7, D8). */
function deadline(
  label: string,
  date: string | undefined,
  ruleId: string,
  note: string | undefined,
  ctx: PageContext,
): Html {
  if (!date) return html``;
  return html`<div>
    <dt>${label}</dt>
    <dd>
      ${day(date, ctx.lang)} (${ruleLink(ruleId, ctx.t)})${note ? html`<br /><span class="hint">${note}</span>` : ''}
    </dd>
  </div>`;
}

function noteOf(answer: DeadlinesAnswer, key: string, lang: Lang): string | undefined {
  const n = answer.notes?.[key];
  return n ? (lang === 'sv' ? n.messageSv : n.message) : undefined;
}

/** The meeting's page: its facts, attendance, paragraphs with their protocol dates, justering, anslag, a new §. */
export function renderMeeting(ctx: PageContext & { session: { csrfToken: string } }, input: MeetingPageInput): Html {
  const { t, lang } = ctx;
  const { meeting, decisions, state } = input;
  const canJustera = decisions.some((d) => d.allowedEvents.includes('JUSTERAT'));
  const canAnsla = decisions.some((d) => d.allowedEvents.includes('ANSLAG_POSTED'));
  const anslagDue = decisions.find((d) => d.allowedEvents.includes('ANSLAG_POSTED'))?.deadlines;
  return html`${input.recorded ? html`<div class="notice notice--success" role="status"><p>${t.clerk_recorded(input.recorded)}</p></div>` : ''}
    <h1>${t.clerk_meetingTitle(meeting.body.name, meeting.date)}</h1>
    <dl class="summary">
      <div>
        <dt>${t.clerk_meetingDate}</dt>
        <dd>${day(meeting.date, lang)}</dd>
      </div>
      ${
        meeting.place
          ? html`<div>
              <dt>${t.clerk_place}</dt>
              <dd>${meeting.place}</dd>
            </div>`
          : ''
      }
      ${
        meeting.secretary
          ? html`<div>
              <dt>${t.clerk_secretary}</dt>
              <dd>${meeting.secretary}</dd>
            </div>`
          : ''
      }
      ${
        meeting.closedAt
          ? html`<div>
              <dt>${t.clerk_closedAt}</dt>
              <dd>${stockholmTime(meeting.closedAt)} (${t.stockholmTime})</dd>
            </div>`
          : ''
      }
      ${
        meeting.justeringAt
          ? html`<div>
              <dt>${t.clerk_justeringAt}</dt>
              <dd>${stockholmTime(meeting.justeringAt)} (${t.stockholmTime})</dd>
            </div>`
          : ''
      }
      ${
        meeting.openness
          ? html`<div>
              <dt>${t.clerk_openness}</dt>
              <dd>${meeting.openness[lang]} (${ruleLink('R-H18', t)})</dd>
            </div>`
          : ''
      }
      ${deadline(t.clerk_justeringDeadline, meeting.deadlines.justeringDeadline, 'R-I1', undefined, ctx)}
    </dl>
    <h2 id="attendance-heading">${t.clerk_attendance}</h2>
    ${table(
      t.clerk_attendance,
      [t.clerk_attendeeName, t.clerk_attendeeParty, t.clerk_attendeeRole],
      meeting.attendees.map(
        (a) =>
          html`<tr>
            <td>${a.name}${a.chair ? html` (${t.clerk_chair})` : ''}</td>
            <td>${a.party ?? ''}</td>
            <td>${t.clerk_roleName(a.role)}</td>
          </tr>`,
      ),
    )}
    <h2 id="paragraphs-heading">${t.clerk_paragraphs}</h2>
    ${
      decisions.length
        ? table(
            t.clerk_paragraphs,
            [t.clerk_paragraphNumber, t.clerk_matterTitle, t.colStatus, t.clerk_protocolDates, t.openExtract],
            decisions.map(
              (d) =>
                html`<tr>
                  <td>${d.paragraphNumber ?? ''}</td>
                  <td>${d.matter?.title ?? ''}</td>
                  <td>
                    ${t.clerk_statusName(d.status)}
                    ${
                      d.matterOutcome && d.matterOutcome !== 'DECIDED'
                        ? html`<br />${t.clerk_matterOutcome(d.matterOutcome)}`
                        : ''
                    }
                    ${
                      d.continuedBy
                        ? html`<br />${t.clerk_continuedBy(`${d.continuedBy.paragraphNumber ?? ''} ${d.continuedBy.decidedOn}`)}`
                        : ''
                    }
                  </td>
                  <td>
                    ${d.justeradOn ? html`${t.clerk_justeradOn} ${day(d.justeradOn, lang)}<br />` : ''}
                    ${d.anslagOn ? html`${t.clerk_anslagOn} ${day(d.anslagOn, lang)}<br />` : ''}
                    ${d.appealLastDay ? html`${t.clerk_appealLastDay} ${day(d.appealLastDay, lang)}` : ''}
                  </td>
                  <td>
                    <a href="/beslut/${d.id}">${t.clerk_extractPage(d.paragraphNumber ?? '')}</a><br />
                    <a href="/protokoll/beslut/${d.id}/protokollsutdrag.pdf" download
                      >${t.clerk_extractPdf(d.paragraphNumber ?? '')}</a
                    ><br />
                    <a href="/protokoll/beslut/${d.id}">${t.clerk_secrecyLink(d.paragraphNumber ?? '')}</a>
                  </td>
                </tr>`,
            ),
          )
        : html`<p>${t.clerk_noParagraphs}</p>`
    }
    ${canJustera ? justeringForm(ctx, meeting, input, state?.form === 'justering' ? state : null) : ''}
    ${canAnsla ? anslagForm(ctx, meeting.id, anslagDue?.anslagDeadline, input, state?.form === 'anslag' ? state : null) : ''}
    <h2 id="record-heading">${t.clerk_recordParagraphTitle}</h2>
    <p>${t.clerk_recordParagraphIntro}</p>
    ${paragraphForm(meeting.id, meeting.attendees, meeting.body.kind, ctx.session.csrfToken, t, state?.form === 'paragraph' ? (state as ParagraphFormState) : null)}`;
}

function dateAndTextForm(
  ctx: PageContext & { session: { csrfToken: string } },
  action: string,
  prefix: string,
  title: string,
  fields: Array<{ name: string; label: string; kind: 'date' | 'textarea' | 'text'; hint?: string; value: string }>,
  state: MeetingPageState | null,
  button: string,
  deadlines: Html,
): Html {
  const { t } = ctx;
  const refusals = state?.refusals ?? [];
  const id = (name: string) => `${prefix}-${name}`;
  return html`<h2 id="${prefix}-heading">${title}</h2>
    <dl class="summary">${deadlines}</dl>
    <form method="post" action="${action}" class="event-form" novalidate>
      ${errorSummary(refusals, t, id)} ${csrfField(ctx.session.csrfToken)}
      <input type="hidden" name="_key" value="${randomUUID()}" />
      ${fields.map((f) =>
        field({
          id: id(f.name),
          name: f.name,
          label: f.label,
          hint: f.hint,
          value: state ? one(state.values, f.name) : f.value,
          kind: f.kind,
          refusals: refusals.filter((r) => r.field === f.name),
          t,
        }),
      )}
      <button type="submit" class="button">${button}</button>
    </form>`;
}

function justeringForm(
  ctx: PageContext & { session: { csrfToken: string } },
  meeting: MeetingPageData,
  input: MeetingPageInput,
  state: MeetingPageState | null,
): Html {
  const { t, lang } = ctx;
  const chair = meeting.attendees.find((a) => a.chair)?.name ?? '';
  const j = input.ifToday.justering;
  return dateAndTextForm(
    ctx,
    `/protokoll/sammantraden/${meeting.id}/justering`,
    'justering',
    t.clerk_justeringTitle,
    [
      { name: 'justeradOn', label: t.clerk_justeradOnLabel, kind: 'date', hint: t.field_dateHint, value: input.today },
      // R-I2: the chair signs beside the justerare, recorded apart; the justerare are those chosen at the meeting.
      { name: 'chair', label: t.clerk_justeringChair, kind: 'text', hint: t.clerk_justeringChairHint, value: chair },
      { name: 'justerare', label: t.clerk_justerare, kind: 'textarea', hint: t.clerk_justerareHint, value: '' },
    ],
    state,
    t.clerk_justeraButton,
    html`${deadline(t.clerk_justeringDeadline, meeting.deadlines.justeringDeadline, 'R-I1', undefined, ctx)}
    ${deadline(t.clerk_anslagIfToday(longDate(input.today, lang)), j.anslagDeadline, 'R-I4', noteOf(j, 'anslagDeadline', lang), ctx)}`,
  );
}

function anslagForm(
  ctx: PageContext & { session: { csrfToken: string } },
  meetingId: string,
  anslagDeadline: string | undefined,
  input: MeetingPageInput,
  state: MeetingPageState | null,
): Html {
  const { t, lang } = ctx;
  const a = input.ifToday.anslag;
  return dateAndTextForm(
    ctx,
    `/protokoll/sammantraden/${meetingId}/anslag`,
    'anslag',
    t.clerk_anslagTitle,
    [
      { name: 'anslagOn', label: t.clerk_anslagOnLabel, kind: 'date', hint: t.field_dateHint, value: input.today },
      { name: 'noticeBoard', label: t.clerk_noticeBoard, kind: 'text', hint: t.clerk_optional, value: '' },
    ],
    state,
    t.clerk_anslaButton,
    html`${deadline(t.clerk_anslagDeadline, anslagDeadline, 'R-I4', undefined, ctx)}
    ${deadline(t.clerk_appealIfToday(longDate(input.today, lang)), a.appealLastDay, 'R-I6', noteOf(a, 'appealLastDay', lang), ctx)}
    ${deadline(t.clerk_finalFrom, a.finalFrom, 'R-I7', undefined, ctx)}`,
  );
}
