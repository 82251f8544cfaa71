import { COUNCIL_RECORD_KINDS, COUNCIL_SEATS } from '../../../machines/council/council.types';
import type { CouncilView, SeatHolderView } from '../../council/council.views';
import { html, type Html } from '../html';
import { longDate, type Lang, type Messages } from '../i18n/messages';
import { table } from '../municipality/waiting-render';
import {
  dateQueryForm,
  dayCell,
  pageForm,
  recordedNotice,
  type FormFieldSpec,
  type FormState,
} from './coordinator-forms';

export interface CouncilPageData {
  slug: string;
  name: string;
  today: string;
  council: CouncilView;
  typedDate: string;
  dateInvalid: boolean;
  writer: boolean;
  csrf: string;
  state: FormState | null;
  recorded: boolean;
}

const SUBJECTS = ['COST_ARRANGEMENT', 'PLAN', 'AREA', 'EXIT', 'OTHER'];

function holder(h: SeatHolderView | null, t: Messages): Html {
  if (!h) return html`<span class="muted">${t.cp_vacant}</span>`;
  return html`${h.name}${h.politicalParty ? ` (${h.politicalParty})` : ''}
    <span class="muted">${t.cp_fromDate(h.from)}</span>
    ${h.equivalent ? html`<div class="muted">${t.cp_equivalent(h.equivalent.office, h.equivalent.basis)}</div>` : ''}`;
}

function membersTable(c: CouncilView, t: Messages, lang: Lang): Html {
  return table(
    t.cp_membersOn(longDate(c.asOf, lang)),
    [t.cp_colParty, t.cp_colKso, t.cp_colOpposition],
    c.parties.map(
      (p) =>
        html`<tr>
          <td>${p.municipality.name} <span class="muted">(${p.municipality.code})</span></td>
          <td>${holder(p.kso, t)}</td>
          <td>${holder(p.oppositionsrad, t)}</td>
        </tr>`,
    ),
  );
}

function meetingsTable(c: CouncilView, t: Messages): Html {
  if (!c.meetings.length) return html`<p>${t.cp_noMeetings}</p>`;
  return table(
    t.cp_meetings,
    [t.cp_colDate, t.cp_colPlace, t.cp_colNote],
    c.meetings.map(
      (m) =>
        html`<tr>
          <td>${dayCell(m.date)}</td>
          <td>${m.place}</td>
          <td>${m.note ?? '–'}</td>
        </tr>`,
    ),
  );
}

/** Each record with its kind, date, meeting and subject, and what it is not: the API's own note (R-E2, R-G8). */
function records(c: CouncilView, t: Messages, lang: Lang): Html {
  if (!c.records.length) return html`<p>${t.cp_noRecords}</p>`;
  const meeting = (id?: string) => c.meetings.find((m) => m.meetingId === id);
  return html`${c.records.map((r) => {
    const m = meeting(r.meetingId);
    return html`<article class="record" aria-labelledby="record-${r.recordId}">
      <h3 id="record-${r.recordId}">${r.title}</h3>
      <dl class="summary">
        <div>
          <dt>${t.cp_recordKindField}</dt>
          <dd>${t.cp_recordKind(r.kind)}</dd>
        </div>
        <div>
          <dt>${t.cp_recordedOn}</dt>
          <dd>${dayCell(r.recordedOn)}</dd>
        </div>
        ${
          m
            ? html`<div>
                <dt>${t.cp_recordMeeting}</dt>
                <dd>${t.cp_atMeeting(m.date, m.place)}</dd>
              </div>`
            : ''
        }
        ${
          r.subject
            ? html`<div>
                <dt>${t.cp_recordSubjectField}</dt>
                <dd>${t.cp_recordSubject(r.subject)}</dd>
              </div>`
            : ''
        }
      </dl>
      ${r.text ? r.text.split('\n').map((line) => html`<p>${line}</p>`) : ''}
      <p class="muted">${r.legalEffectNote[lang]}</p>
    </article>`;
  })}`;
}

const note = (t: Messages): FormFieldSpec => ({ name: 'note', kind: 'text', label: t.cp_note, hint: t.cp_noteHint });

/** The fields of a council record: a kind the council may record (R-E2), its meeting and subject. */
function recordFields(d: CouncilPageData, t: Messages): FormFieldSpec[] {
  const meetings = d.council.meetings.map((m) => ({ value: m.meetingId, text: `${m.date} ${m.place}` }));
  const none = { value: '', text: t.cp_optionalNone };
  return [
    {
      name: 'kind',
      kind: 'select',
      label: t.cp_recordKindField,
      hint: t.cp_recordKindHint,
      options: COUNCIL_RECORD_KINDS.map((k) => ({ value: k, text: t.cp_recordKind(k) })),
    },
    { name: 'title', kind: 'text', label: t.cp_recordTitle },
    { name: 'text', kind: 'textarea', label: t.cp_recordText },
    { name: 'recordedOn', kind: 'date', label: t.cp_recordedOn, hint: t.field_dateHint, initial: d.today },
    { name: 'meetingId', kind: 'select', label: t.cp_recordMeeting, options: [none, ...meetings] },
    {
      name: 'subject',
      kind: 'select',
      label: t.cp_recordSubjectField,
      options: [none, ...SUBJECTS.map((s) => ({ value: s, text: t.cp_recordSubject(s) }))],
    },
    note(t),
  ];
}

/** The fields of a seat (R-E1): the party, the seat, the person, and "motsvarande" with its basis. */
function memberFields(d: CouncilPageData, t: Messages): FormFieldSpec[] {
  return [
    {
      name: 'municipality',
      kind: 'select',
      label: t.cp_seatParty,
      options: d.council.parties.map((p) => ({ value: p.municipality.code, text: p.municipality.name })),
    },
    {
      name: 'seat',
      kind: 'select',
      label: t.cp_seat,
      options: COUNCIL_SEATS.map((s) => ({ value: s, text: t.cp_seatName(s) })),
    },
    { name: 'name', kind: 'text', label: t.cp_memberName },
    { name: 'politicalParty', kind: 'text', label: t.cp_politicalParty },
    { name: 'from', kind: 'date', label: t.cp_seatFrom, hint: t.field_dateHint, initial: d.today },
    { name: 'equivalentOffice', kind: 'text', label: t.cp_equivalentOffice, hint: t.cp_equivalentOfficeHint },
    { name: 'equivalentBasis', kind: 'text', label: t.cp_equivalentBasis },
    note(t),
  ];
}

function forms(d: CouncilPageData, t: Messages): Html {
  const base = {
    csrf: d.csrf,
    t,
    state: d.state,
    idempotent: true,
    hidden: { expectedVersion: String(d.council.version) },
  };
  const meetingFields: FormFieldSpec[] = [
    { name: 'date', kind: 'date', label: t.cp_meetingDate, hint: t.cp_meetingDateHint, initial: d.today },
    { name: 'place', kind: 'text', label: t.cp_meetingPlace },
    note(t),
  ];
  const action = (what: string) => `/samverkan/${d.slug}/rad/${what}`;
  return html`${pageForm({ ...base, id: 'council-meeting', action: action('moten'), legend: t.cp_newMeeting, fields: meetingFields })}
  ${pageForm({ ...base, id: 'council-record', action: action('anteckningar'), legend: t.cp_newRecord, fields: recordFields(d, t) })}
  ${pageForm({ ...base, id: 'council-member', action: action('ledamoter'), legend: t.cp_seatMember, fields: memberFields(d, t) })}`;
}

/** Samverkansrådet's page: what its outputs are not (R-E2, R-I10), its members on a date, meetings, records, forms. */
export function renderCouncil(d: CouncilPageData, t: Messages, lang: Lang): Html {
  const c = d.council;
  return html`${recordedNotice(d.recorded, t)}
    <h1>${t.cp_councilTitle(d.name)}</h1>
    <p>${c.status[lang]} <a href="/regler#R-E2">R-E2</a></p>
    <p id="not-appealable">${t.cp_notAppealable} <a href="/regler#R-I10">R-I10</a></p>
    ${dateQueryForm({ action: `/samverkan/${d.slug}/rad`, value: d.typedDate, invalid: d.dateInvalid, t })}
    <h2 id="members-heading">${t.cp_membersOn(longDate(c.asOf, lang))}</h2>
    ${membersTable(c, t, lang)}
    <h2>${t.cp_meetings}</h2>
    ${meetingsTable(c, t)}
    <h2>${t.cp_records}</h2>
    ${records(c, t, lang)} ${d.writer ? forms(d, t) : ''}`;
}
