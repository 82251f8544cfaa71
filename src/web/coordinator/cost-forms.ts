/**
 * The coordinator's cost forms (src/web/coordinator/cost-pages.controller.ts) turned into the API's bodies, and the
 * API's refusals placed back beside the fields they came from. Nothing is decided here: the DTOs and the rules of
 * machines/cost refuse; a form only carries what was typed, with two conveniences a JSON client does not need: spaces
 * inside an amount or a number of inhabitants ("48 500,00", "9 600") are dropped, and an empty optional field is left
 * out of the body.
 */
import { formatSek } from '../../../machines/cost/cost.rules';
import { one, type FormBody } from '../form-body';

/** The months a run form offers one row each for ("a cost for each month", at most a year). */
export const MONTH_ROWS = 12;

/** Öre as Swedish kronor, `12 345,67 kr`, with no-break spaces so a number never wraps (formatSek's digits). */
export function kronor(ore: number): string {
  return `${formatSek(ore).replace(/ /g, '\u00a0')}\u00a0kr`;
}

const trimmed = (form: FormBody, name: string) => one(form, name).trim();
/** An amount or count as typed, without the spaces people write between thousands. */
const digits = (form: FormBody, name: string) => trimmed(form, name).replace(/[ \u00a0\u202f]/g, '');
/** Every value of a repeated field (checkboxes), as texts. */
export const valuesOf = (form: FormBody, name: string): string[] => {
  const v = form[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
};

// ------------------------------------------------------------------------------------------------ the rule

/**
 * The body of POST /collaborations/:slug/cost-rules from the rule form: one row per party of the collaboration
 * (`pay_<code>` ticked: a paying party; `share_<code>` its percent; `inh_<code>` its inhabitants); `scope` is
 * `common` or an area's workflow id; the adoption is sent when either of its fields is filled in.
 */
export function ruleBody(form: FormBody, parties: string[]): { body: Record<string, unknown>; payers: string[] } {
  const method = trimmed(form, 'method');
  const scope = trimmed(form, 'scope');
  const payers = parties.filter((code) => one(form, `pay_${code}`) !== '');
  const body: Record<string, unknown> = {
    title: trimmed(form, 'title'),
    scope:
      scope === 'common' || scope === ''
        ? { kind: 'common', function: trimmed(form, 'function') }
        : {
            kind: 'area',
            areaWorkflowId: scope,
          },
    host: trimmed(form, 'host'),
    method,
    payers: payers.map((municipality) => {
      const share = trimmed(form, `share_${municipality}`);
      return share ? { municipality, sharePercent: share } : { municipality };
    }),
    costBase: trimmed(form, 'costBase'),
    startMonth: trimmed(form, 'startMonth'),
  };
  if (method === 'population') {
    const host = trimmed(form, 'host');
    const figures = [...payers, ...(payers.includes(host) ? [] : [host])]
      .filter((code) => digits(form, `inh_${code}`) !== '')
      .map((municipality) => {
        const n = digits(form, `inh_${municipality}`);
        return { municipality, inhabitants: /^\d{1,12}$/.test(n) ? Number(n) : n };
      });
    body.population = {
      figures,
      source: trimmed(form, 'populationSource'),
      asOf: trimmed(form, 'populationAsOf'),
    };
  }
  const endMonth = trimmed(form, 'endMonth');
  if (endMonth) body.endMonth = endMonth;
  const adoptedOn = trimmed(form, 'adoptedOn');
  const basis = trimmed(form, 'basis');
  if (adoptedOn || basis) body.adoption = { adoptedOn, basis };
  const note = trimmed(form, 'note');
  if (note) body.note = note;
  return { body, payers };
}

/** `payers[1].sharePercent` and `payers.1.sharePercent` alike, as `payers.1.sharePercent`. */
const dotted = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

/**
 * Where a refusal of the rule form goes: a DTO path to the form field it came from (the payers by their row), a rule
 * refusal by its code and details (R-G3 beside the paying parties, R-G4 beside the party it names).
 */
export function ruleFieldOf(payers: string[], host: string) {
  return (path: string | null, code: string, details: Record<string, unknown>): string | null => {
    if (path === null) {
      if (code === 'SHARES_EXCEED_100') return 'payers';
      const m = typeof details.municipality === 'string' ? details.municipality : null;
      if (code === 'NOT_A_PARTY' && m) return m === host ? 'host' : `pay_${m}`;
      return null;
    }
    const p = dotted(path);
    const payer = /^payers\.(\d+)\.(municipality|sharePercent)$/.exec(p);
    if (payer) return `${payer[2] === 'municipality' ? 'pay' : 'share'}_${payers[Number(payer[1])] ?? ''}`;
    if (p === 'payers') return 'payers';
    const figure = /^population\.figures\.(\d+)/.exec(p);
    if (figure || p === 'population.figures') return 'population';
    if (p === 'population.source') return 'populationSource';
    if (p === 'population.asOf') return 'populationAsOf';
    if (p === 'population') return 'population';
    if (p.startsWith('scope.function')) return 'function';
    if (p.startsWith('scope')) return 'scope';
    if (p === 'adoption.adoptedOn') return 'adoptedOn';
    if (p === 'adoption.basis') return 'basis';
    return ['title', 'host', 'method', 'costBase', 'startMonth', 'endMonth', 'note'].includes(p) ? p : null;
  };
}

// ------------------------------------------------------------------------------------------------ its events

type FieldKind = 'date' | 'text' | 'textarea' | 'month';
export interface CostEventField {
  name: string;
  kind: FieldKind;
}

/** The events of POST /cost-rules/:id/events with a form: the API's field names (dto/cost-rule-event.dto.ts). */
export const COST_EVENT_FORMS: Record<string, CostEventField[]> = {
  COST_RULE_ADOPTED: [
    { name: 'adoptedOn', kind: 'date' },
    { name: 'basis', kind: 'textarea' },
  ],
  COUNCIL_INFORMED: [{ name: 'informedOn', kind: 'date' }],
  COST_RULE_ENDED: [
    { name: 'endMonth', kind: 'month' },
    { name: 'endedOn', kind: 'date' },
    { name: 'reason', kind: 'textarea' },
  ],
};

export function ruleEventBody(type: string, form: FormBody, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { type, expectedVersion: version };
  for (const f of COST_EVENT_FORMS[type] ?? []) body[f.name] = trimmed(form, f.name);
  return body;
}

/** A rule event's refusal: its DTO field, or the month of the end (R-G1, R-K9). */
export function eventFieldOf(type: string) {
  const names = (COST_EVENT_FORMS[type] ?? []).map((f) => f.name);
  return (path: string | null, code: string): string | null => {
    if (path !== null) return names.includes(path) ? path : null;
    return code === 'END_BEFORE_START' || code === 'INVOICED_AFTER_END' ? 'endMonth' : null;
  };
}

// ------------------------------------------------------------------------------------------------ a run

/**
 * The body of POST /cost-rules/:id/invoice-runs from the run form: `amount` is the cost of the whole period; rows
 * `m<i>_month` and `m<i>_amount` give a cost for each month instead (a row left empty is left out). `parties`
 * ticked: only those paying parties. The same names travel from the form to the preview and on to the confirmation.
 */
export function runBody(form: FormBody): { body: Record<string, unknown>; rows: number[] } {
  const rows: number[] = [];
  const costs: Array<Record<string, string>> = [];
  for (let i = 0; i < MONTH_ROWS; i++) {
    const month = trimmed(form, `m${i}_month`);
    const amount = digits(form, `m${i}_amount`);
    if (!month && !amount) continue;
    rows.push(i);
    costs.push({ month, amount });
  }
  const whole = digits(form, 'amount');
  if (whole || !costs.length) {
    rows.unshift(-1);
    costs.unshift({ amount: whole });
  }
  const body: Record<string, unknown> = { from: trimmed(form, 'from'), costs };
  for (const name of ['to', 'issuedOn', 'note']) {
    const value = trimmed(form, name);
    if (value) body[name] = value;
  }
  const parties = valuesOf(form, 'parties').filter(Boolean);
  if (parties.length) body.parties = parties;
  return { body, rows };
}

/** A run's refusal beside its field: a cost line's path by the row it came from; a rule by its code (R-G1, R-G4, R-G6, R-K9). */
export function runFieldOf(rows: number[]) {
  return (path: string | null, code: string): string | null => {
    if (path === null) {
      if (code === 'PERIOD_BEFORE_START') return 'from';
      if (code === 'PERIOD_AFTER_END') return 'to';
      if (code === 'COSTS_DO_NOT_MATCH_PERIOD') return 'amount';
      if (code === 'NOT_A_PARTY' || code === 'PERIOD_ALREADY_INVOICED') return 'parties';
      return null;
    }
    const p = dotted(path);
    const line = /^costs\.(\d+)\.(month|amount)$/.exec(p);
    if (line) {
      const row = rows[Number(line[1])];
      return row === undefined || row < 0 ? 'amount' : `m${row}_${line[2]}`;
    }
    if (p === 'costs') return 'amount';
    if (p.startsWith('parties')) return 'parties';
    return ['from', 'to', 'issuedOn', 'note'].includes(p) ? p : null;
  };
}

/** The run form's values as a query string: the preview's link back to the form, with what was typed. */
export function runQuery(form: FormBody): string {
  const names = ['from', 'to', 'issuedOn', 'amount', 'note'];
  for (let i = 0; i < MONTH_ROWS; i++) names.push(`m${i}_month`, `m${i}_amount`);
  const q = new URLSearchParams();
  for (const n of names) if (trimmed(form, n)) q.set(n, one(form, n));
  for (const p of valuesOf(form, 'parties')) q.append('parties', p);
  return q.toString();
}

// ------------------------------------------------------------------------------------------------ a credit

export function creditBody(form: FormBody, version: number | string): Record<string, unknown> {
  const body: Record<string, unknown> = { reason: trimmed(form, 'reason'), expectedVersion: version };
  const amount = digits(form, 'amount');
  if (amount) body.amount = amount;
  const issuedOn = trimmed(form, 'issuedOn');
  if (issuedOn) body.issuedOn = issuedOn;
  return body;
}

/** A credit's refusal beside its field (R-K9: the date before the invoice's, the amount beyond what remains). */
export function creditFieldOf(path: string | null, code: string): string | null {
  if (path !== null) return ['amount', 'issuedOn', 'reason'].includes(path) ? path : null;
  if (code === 'CREDIT_BEFORE_INVOICE') return 'issuedOn';
  return code === 'CREDIT_EXCEEDS_INVOICE' ? 'amount' : null;
}
