import type { CouncilRecordView } from '../../council/council.views';
import { ADOPTION_STATUS, type PlanInForceView, type PlanVersionView, type PlanView } from '../../plan/plan.views';
import { html, type Html } from '../html';
import { longDate, stockholmTime, type Lang, type Messages } from '../i18n/messages';
import { table } from '../municipality/waiting-render';
import {
  dateQueryForm,
  dayCell,
  focusAreasText,
  pageForm,
  recordedNotice,
  type FormFieldSpec,
  type FormState,
} from './coordinator-forms';

export interface PlanPageData {
  slug: string;
  name: string;
  today: string;
  /** The date picked (`?datum=`), today when none or an impossible one was typed. */
  date: string;
  typedDate: string;
  dateInvalid: boolean;
  inForceToday: PlanInForceView | null;
  inForceOnDate: PlanInForceView | null;
  plans: PlanView[];
  councilRecords: CouncilRecordView[];
  writer: boolean;
  csrf: string;
  state: FormState | null;
  recorded: boolean;
}

/** The plan events a coordinator records here; COUNCIL_ADOPTED is left out: the rule always refuses it (R-D6, R-E2). */
export const PLAN_FORM_EVENTS = ['VERSION_DRAFTED', 'COUNCIL_INFORMED', 'KDG_ADOPTED'] as const;

const time = (instant: string) => html`<time datetime="${instant}">${stockholmTime(instant)}</time>`;

function inForceBlock(p: PlanInForceView | null, t: Messages, lang: Lang): Html {
  if (!p) return html`<p>${t.cp_noneInForce}</p>`;
  return html`<p>${t.cp_planInForceLine(p.title, p.version, p.validFrom, p.validTo)}</p>
    <p>${t.cp_focusAreas}:</p>
    <ul>
      ${p.focusAreas.map((a) => html`<li>${a.name} <span class="muted">(${a.key})</span></li>`)}
    </ul>
    <p class="muted">${ADOPTION_STATUS[lang]}</p>`;
}

/** What a version changed from the one before it: its period and its focus areas (added, removed, renamed by key). */
export function versionChanges(before: PlanVersionView | undefined, v: PlanVersionView, t: Messages): string[] {
  if (!before) return [t.cp_firstVersion];
  const out: string[] = [];
  if (before.validFrom !== v.validFrom || before.validTo !== v.validTo)
    out.push(t.cp_periodChanged(`${before.validFrom} – ${before.validTo}`, `${v.validFrom} – ${v.validTo}`));
  const old = new Map(before.focusAreas.map((a) => [a.key, a.name] as const));
  const now = new Map(v.focusAreas.map((a) => [a.key, a.name] as const));
  const added = v.focusAreas.filter((a) => !old.has(a.key)).map((a) => a.name);
  const removed = before.focusAreas.filter((a) => !now.has(a.key)).map((a) => a.name);
  const renamed = v.focusAreas.filter((a) => old.has(a.key) && old.get(a.key) !== a.name);
  if (added.length) out.push(t.cp_focusAdded(added.join(', ')));
  if (removed.length) out.push(t.cp_focusRemoved(removed.join(', ')));
  if (renamed.length) out.push(t.cp_focusRenamed(renamed.map((a) => `${old.get(a.key)} → ${a.name}`).join(', ')));
  return out.length ? out : [t.cp_nothingChanged];
}

function versionsTable(plan: PlanView, records: CouncilRecordView[], t: Messages): Html {
  const recordTitle = (id?: string) => records.find((r) => r.recordId === id)?.title;
  const rows = plan.versions.map((v, i) => {
    const informed = v.councilInformed.length
      ? v.councilInformed.map((c) => {
          const title = recordTitle(c.councilRecordId);
          return html`<div>
            ${time(c.informedAt)}${title ? html` <span class="muted">(${t.cp_atRecord(title)})</span>` : ''}
          </div>`;
        })
      : html`${t.cp_notInformed}`;
    return html`<tr>
      <td>${String(v.version)}</td>
      <td>${dayCell(v.draftedOn)}</td>
      <td>${dayCell(v.validFrom)} – ${dayCell(v.validTo)}</td>
      <td>
        <ul>
          ${v.focusAreas.map((a) => html`<li>${a.name}</li>`)}
        </ul>
      </td>
      <td>
        <ul>
          ${versionChanges(plan.versions[i - 1], v, t).map((c) => html`<li>${c}</li>`)}
        </ul>
      </td>
      <td>${informed}</td>
      <td>${v.adoption ? html`${time(v.adoption.adoptedAt)} (KDG)` : t.cp_notAdopted}</td>
    </tr>`;
  });
  return table(
    t.cp_versionsOf(plan.title),
    [
      t.cp_colVersion,
      t.cp_colDrafted,
      t.cp_colPeriod,
      t.cp_focusAreas,
      t.cp_colChanged,
      t.cp_colCouncilInformed,
      t.cp_colAdopted,
    ],
    rows,
  );
}

const note = (t: Messages): FormFieldSpec => ({ name: 'note', kind: 'text', label: t.cp_note, hint: t.cp_noteHint });

/** The fields of a version: its date, period and focus areas (CreatePlanDto and VERSION_DRAFTED alike). */
function versionFields(t: Messages, today: string, focusAreas: string): FormFieldSpec[] {
  return [
    { name: 'draftedOn', kind: 'date', label: t.cp_draftedOn, hint: t.field_dateHint, initial: today },
    { name: 'validFrom', kind: 'date', label: t.cp_validFrom, hint: t.dateHint },
    { name: 'validTo', kind: 'date', label: t.cp_validTo, hint: t.dateHint },
    {
      name: 'focusAreas',
      kind: 'textarea',
      label: t.cp_focusAreasField,
      hint: t.cp_focusAreasHint,
      initial: focusAreas,
    },
    note(t),
  ];
}

function planEventFields(type: string, plan: PlanView, d: PlanPageData, t: Messages): FormFieldSpec[] {
  const last = plan.versions[plan.versions.length - 1];
  const versions = plan.versions.map((v) => ({ value: String(v.version), text: String(v.version) }));
  const version: FormFieldSpec = {
    name: 'version',
    kind: 'select',
    label: t.cp_planVersionField,
    options: versions,
    initial: last ? String(last.version) : '',
  };
  if (type === 'VERSION_DRAFTED') return versionFields(t, d.today, last ? focusAreasText(last.focusAreas) : '');
  if (type === 'COUNCIL_INFORMED') {
    const records = d.councilRecords.map((r) => ({ value: r.recordId, text: `${r.recordedOn} ${r.title}` }));
    return [
      version,
      { name: 'informedAt', kind: 'text', label: t.cp_informedAt, hint: t.cp_instantHint },
      {
        name: 'councilRecordId',
        kind: 'select',
        label: t.cp_councilRecord,
        hint: t.cp_councilRecordHint,
        options: [{ value: '', text: t.cp_optionalNone }, ...records],
      },
      note(t),
    ];
  }
  return [version, { name: 'adoptedAt', kind: 'text', label: t.cp_adoptedAt, hint: t.cp_adoptedAtHint }, note(t)];
}

function planSection(plan: PlanView, d: PlanPageData, t: Messages): Html {
  const forms = d.writer
    ? PLAN_FORM_EVENTS.filter((e) => plan.allowedEvents.includes(e)).map((type) =>
        pageForm({
          id: `plan-${plan.id}-${type}`,
          action: `/samverkan/${d.slug}/verksamhetsplan/${plan.id}/handelser`,
          legend: t.cp_planEvent(type),
          fields: planEventFields(type, plan, d, t),
          hidden: { type, expectedVersion: String(plan.version) },
          csrf: d.csrf,
          t,
          state: d.state,
          idempotent: true,
        }),
      )
    : [];
  return html`<section aria-labelledby="plan-${plan.id}">
    <h2 id="plan-${plan.id}">${plan.title}</h2>
    <dl class="summary">
      <div>
        <dt>${t.cp_planState}</dt>
        <dd>${t.cp_planStateName(plan.state)}</dd>
      </div>
    </dl>
    ${versionsTable(plan, d.councilRecords, t)} ${forms}
  </section>`;
}

/** The operational plan page: in force today and on the date picked, each plan's versions, the coordinator's forms. */
export function renderPlans(d: PlanPageData, t: Messages, lang: Lang): Html {
  const newPlan = d.writer
    ? pageForm({
        id: 'plan-new',
        action: `/samverkan/${d.slug}/verksamhetsplan`,
        legend: t.cp_newPlan,
        fields: [{ name: 'title', kind: 'text', label: t.cp_planTitleField }, ...versionFields(t, d.today, '')],
        csrf: d.csrf,
        t,
        state: d.state,
      })
    : '';
  return html`${recordedNotice(d.recorded, t)}
    <h1>${t.cp_planTitle(d.name)}</h1>
    <p>${t.cp_planIntro} <a href="/regler#R-D7">R-D7</a></p>
    <h2>${t.cp_inForceToday(longDate(d.today, lang))}</h2>
    ${inForceBlock(d.inForceToday, t, lang)}
    ${dateQueryForm({
      action: `/samverkan/${d.slug}/verksamhetsplan`,
      value: d.typedDate,
      invalid: d.dateInvalid,
      t,
    })}
    ${
      d.date !== d.today
        ? html`<h2 id="in-force-on">${t.cp_inForceOn(longDate(d.date, lang))}</h2>
            ${inForceBlock(d.inForceOnDate, t, lang)}`
        : ''
    }
    ${
      d.plans.length
        ? d.plans.map((p) => planSection(p, d, t))
        : html`<h2>${t.cp_plansHeading}</h2>
            <p>${t.cp_noPlans}</p>`
    }
    <p>${t.cp_noCouncilAdoption}</p>
    ${newPlan}`;
}
