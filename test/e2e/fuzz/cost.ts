import fc from 'fast-check';
import { addDays } from '../../../machines/calendar/calendar';
import { tableCounts } from '../kit';
import type { Aim, FuzzKit, FuzzTarget } from './kit';
import { today } from './kit';

/** A month `YYYY-MM` as a number of months (and back), for the periods the valid bodies invoice. */
const monthIndex = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
const monthOf = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
const THIS_MONTH = monthIndex(today);

/** What the cases know of a cost rule: its parties, months and state, and the first month no run has invoiced. */
interface RuleRef {
  id: string;
  host: string;
  payers: string[];
  start: number;
  end?: number;
  state: string;
  next: number;
}
interface InvoiceRef {
  id: string;
  ruleId: string;
  issuedOn: string;
}

const DALSLAND = 'dalslandssamverkan';
const idOf = (path: string) => path.split('/')[2];
const percent = (bp: number, comma: boolean) =>
  `${Math.floor(bp / 100)}${comma ? ',' : '.'}${String(bp % 100).padStart(2, '0')}`;

/** The fuzz targets of cost rules, their events, invoice runs (recorded and previewed) and credits (src/cost). */
export function costTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok, verifies, setUp, pastDate } = fx;
  const rules: RuleRef[] = [];
  const invoices: InvoiceRef[] = [];
  let loaded = false;

  /** The rule as it reads now, kept in `rules`. */
  async function refresh(id: string): Promise<any> {
    const view = (await ok(`/cost-rules/${id}`)).body;
    const invoiced = view.runs.map((r: any) => monthIndex(r.to) + 1);
    const ref: RuleRef = {
      id,
      host: view.host.code,
      payers: view.payers.map((p: any) => p.municipality.code),
      start: monthIndex(view.startMonth),
      ...(view.endMonth ? { end: monthIndex(view.endMonth) } : {}),
      state: view.state,
      next: Math.max(monthIndex(view.startMonth), ...invoiced),
    };
    const at = rules.findIndex((r) => r.id === id);
    if (at >= 0) rules[at] = ref;
    else rules.push(ref);
    return view;
  }
  const addInvoices = (list: any[]) => {
    for (const i of list)
      if (!invoices.some((x) => x.id === i.id)) invoices.push({ id: i.id, ruleId: i.costRuleId, issuedOn: i.issuedOn });
  };

  /** The demo data's rules and invoices (the SEED-SAM rule and its run), read once. */
  async function load() {
    if (loaded) return;
    loaded = true;
    for (const r of (await ok(`/collaborations/${DALSLAND}/cost-rules`)).body) {
      await refresh(r.id);
      addInvoices((await ok(`/cost-rules/${r.id}/invoices`)).body.invoices);
    }
  }

  /** A new rule of Dalslandssamverkan (host Åmål, four parties at 10 %), in force unless `drafted`. */
  async function freshRule(drafted = false): Promise<RuleRef> {
    const made = await setUp(`/collaborations/${DALSLAND}/cost-rules`, {
      title: `Fuzzregel ${unique()}`,
      scope: { kind: 'common', function: 'Samordnare' },
      host: '1492',
      method: 'percent',
      payers: ['1460', '1438', '1439', '1461'].map((municipality) => ({ municipality, sharePercent: '10' })),
      costBase: 'lönekostnad inklusive arbetsgivaravgifter',
      startMonth: '2020-01',
      ...(drafted ? {} : { adoption: { adoptedOn: '2019-12-20', basis: 'Fuzzavtal' } }),
    });
    await refresh(made.id);
    return rules.find((r) => r.id === made.id)!;
  }

  /** A new invoice (a run of a fresh rule for its first month). */
  async function freshInvoice(): Promise<InvoiceRef> {
    const rule = await freshRule();
    const run = await setUp(`/cost-rules/${rule.id}/invoice-runs`, {
      from: monthOf(rule.next),
      issuedOn: '2020-02-05',
      costs: [{ amount: '50000' }],
    });
    addInvoices(run.invoices);
    await refresh(rule.id);
    return invoices.find((i) => i.id === run.invoices[0].id)!;
  }

  const ruleOfAim = (aim: Aim) => rules.find((r) => r.id === idOf(aim.path));

  /** The row counts before a preview (taken last in its aim): a preview's 200 must leave them as they were. */
  let beforePreview: Record<string, number> | null = null;
  const runBody = fc
    .record({
      free: fc.integer({ min: 0, max: 4 }),
      month: fc.integer({ min: monthIndex('2015-01'), max: THIS_MONTH + 24 }),
      months: fc.integer({ min: 0, max: 3 }),
      perMonth: fc.boolean(),
      amounts: fc.array(fc.integer({ min: 0, max: 10_000_000_00 }), { minLength: 4, maxLength: 4 }),
      comma: fc.boolean(),
      issuedOn: fc.option(pastDate),
      parties: fc.option(fc.integer({ min: 1, max: 15 })),
      note: fc.boolean(),
    })
    .map((g) => (aim: Aim) => {
      const rule = ruleOfAim(aim);
      const from = rule && g.free ? rule.next : g.month;
      const to = from + g.months;
      const sek = (ore: number) =>
        `${Math.floor(ore / 100)}${g.comma ? ',' : '.'}${String(ore % 100).padStart(2, '0')}`;
      const payers = rule?.payers ?? [];
      const parties = g.parties === null ? [] : payers.filter((_, i) => (g.parties! & (1 << (i % 4))) !== 0);
      return {
        from: monthOf(from),
        ...(g.months ? { to: monthOf(to) } : {}),
        ...(g.issuedOn ? { issuedOn: g.issuedOn } : {}),
        costs: g.perMonth
          ? Array.from({ length: g.months + 1 }, (_, i) => ({ month: monthOf(from + i), amount: sek(g.amounts[i]) }))
          : [{ amount: sek(g.amounts[0]) }],
        ...(parties.length ? { parties } : {}),
        ...(g.note ? { note: 'Fuzzkörning' } : {}),
      };
    });

  return [
    {
      name: 'POST /collaborations/:slug/cost-rules',
      method: 'post',
      aim: (n) => ({ path: `/collaborations/${n % 4 ? DALSLAND : pick(pool.slugs, n >> 2)}/cost-rules` }),
      valid: fc
        .record({
          method: fc.constantFrom('percent', 'percent', 'equal', 'population'),
          area: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.uuid() }),
          count: fc.integer({ min: 1, max: 8 }),
          shares: fc.array(fc.integer({ min: 0, max: 2_500 }), { minLength: 8, maxLength: 8 }),
          inhabitants: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 9, maxLength: 9 }),
          comma: fc.boolean(),
          start: fc.integer({ min: monthIndex('2016-01'), max: THIS_MONTH }),
          end: fc.option(fc.integer({ min: 0, max: 120 })),
          adoption: fc.option(pastDate, { freq: 4 }),
          asOf: pastDate,
          note: fc.boolean(),
        })
        .map((g) => (aim: Aim) => {
          const slug = aim.path.split('/')[2];
          const parties = pool.parties.get(slug) ?? ['1460', '1438', '1439', '1461', '1492'];
          const host = parties.includes('1492') ? '1492' : parties[0];
          const payers = parties.filter((c) => c !== host).slice(0, g.count);
          return {
            title: `Fuzzregel ${unique()}`,
            scope: g.area ? { kind: 'area', areaWorkflowId: g.area } : { kind: 'common', function: 'Samordnare' },
            host,
            method: g.method,
            payers: payers.map((municipality, i) =>
              g.method === 'percent' ? { municipality, sharePercent: percent(g.shares[i], g.comma) } : { municipality },
            ),
            ...(g.method === 'population'
              ? {
                  population: {
                    figures: [host, ...payers].map((municipality, i) => ({
                      municipality,
                      inhabitants: g.inhabitants[i],
                    })),
                    source: 'DEMODATA: invented figures',
                    asOf: g.asOf,
                  },
                }
              : {}),
            costBase: 'lönekostnad inklusive arbetsgivaravgifter',
            startMonth: monthOf(g.start),
            ...(g.end === null ? {} : { endMonth: monthOf(g.start + g.end) }),
            ...(g.adoption ? { adoption: { adoptedOn: g.adoption, basis: 'Fuzzavtal' } } : {}),
            ...(g.note ? { note: 'Fuzz' } : {}),
          };
        }),
      readBack: async ({ res, body }) => {
        const read = await refresh(res.body.id);
        expect(read.title).toBe((body as any).title);
        expect(read.state).toBe(res.body.state);
        await verifies(res.body.id);
        const listed = (await ok(`/collaborations/${res.body.collaboration}/cost-rules`)).body;
        expect(listed.map((r: any) => r.id)).toContain(res.body.id);
      },
    },
    {
      name: 'POST /cost-rules/:id/events',
      method: 'post',
      aim: async (n, fresh) => {
        await load();
        const rule = fresh || !rules.length ? await freshRule(n % 2 === 0) : pick(rules, n);
        return { path: `/cost-rules/${rule.id}/events` };
      },
      valid: fc
        .record({ which: fc.nat(), date: pastDate, ahead: fc.integer({ min: -2, max: 36 }) })
        .map((g) => (aim: Aim) => {
          const rule = ruleOfAim(aim);
          const events = [
            { type: 'COST_RULE_ADOPTED', adoptedOn: g.date, basis: 'Fuzzavtal' },
            { type: 'COUNCIL_INFORMED', informedOn: g.date, note: 'Fuzz' },
            {
              type: 'COST_RULE_ENDED',
              endMonth: monthOf(Math.max(rule?.next ?? THIS_MONTH, (rule?.start ?? 0) + 1) + g.ahead - 1),
              endedOn: g.date,
              reason: 'Ny modell',
            },
          ];
          return pick(events, g.which);
        }),
      readBack: async ({ res }) => {
        const read = await refresh(res.body.id);
        expect(read.version).toBe(res.body.version);
        expect(read.state).toBe(res.body.state);
        await verifies(res.body.id);
      },
    },
    {
      // With ?preview=true (every third case) the same answer and nothing recorded: its read-back checks that the row
      // counts are those taken when the case was aimed (the fuzzer checks them only for a readOnly target's 2xx).
      name: 'POST /cost-rules/:id/invoice-runs',
      method: 'post',
      aim: async (n, fresh) => {
        await load();
        const live = rules.filter((r) => r.state === 'inForce');
        const rule = fresh || !live.length ? await freshRule() : pick(live, n);
        const preview = n % 3 === 0;
        beforePreview = preview ? await tableCounts(fx.ctx) : null;
        return { path: `/cost-rules/${rule.id}/invoice-runs${preview ? '?preview=true' : ''}` };
      },
      valid: runBody,
      readBack: async ({ path, res }) => {
        const preview = path.endsWith('?preview=true');
        expect({ path, status: res.status, preview: res.body.preview }).toEqual({
          path,
          status: preview ? 200 : 201,
          preview,
        });
        const read = await refresh(res.body.costRuleId);
        const listed = (await ok(`/cost-rules/${res.body.costRuleId}/invoices`)).body.invoices;
        const ids = listed.map((i: any) => i.id);
        if (preview) {
          expect({ path, counts: await tableCounts(fx.ctx) }).toEqual({ path, counts: beforePreview });
          expect(read.runs.map((r: any) => r.run)).not.toContain(res.body.run);
          for (const i of res.body.invoices) expect(ids).not.toContain(i.id);
          return;
        }
        expect(read.runs.map((r: any) => r.run)).toContain(res.body.run);
        for (const i of res.body.invoices) expect(ids).toContain(i.id);
        addInvoices(res.body.invoices);
        await ok(`/cost-rules/${res.body.costRuleId}/invoice-runs/${res.body.run}/invoices.csv`);
        await verifies(res.body.costRuleId);
      },
    },
    {
      name: 'POST /invoices/:id/credit',
      method: 'post',
      aim: async (n, fresh) => {
        await load();
        const invoice = fresh || !invoices.length ? await freshInvoice() : pick(invoices, n);
        return { path: `/invoices/${invoice.id}/credit` };
      },
      valid: fc
        .record({
          amount: fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom('1', '0,5', '100.25', '10', '0.01') },
            { weight: 1, arbitrary: fc.constant(null) },
          ),
          days: fc.option(fc.integer({ min: 0, max: 400 })),
          note: fc.boolean(),
        })
        .map((g) => (aim: Aim) => {
          const invoice = invoices.find((i) => i.id === idOf(aim.path));
          const issued = invoice ? addDays(invoice.issuedOn, g.days ?? 0) : today;
          return {
            reason: 'Fel underlag',
            ...(g.amount === null ? {} : { amount: g.amount }),
            ...(g.days === null ? {} : { issuedOn: issued > today ? today : issued }),
            ...(g.note ? { note: 'Fuzz' } : {}),
          };
        }),
      readBack: async ({ res }) => {
        const listed = (await ok(`/cost-rules/${res.body.costRuleId}/invoices`)).body;
        expect(listed.credits.find((k: any) => k.id === res.body.id)).toMatchObject({
          number: res.body.number,
          amountOre: res.body.amountOre,
        });
        expect(listed.invoices.find((i: any) => i.id === res.body.creditOfId).credits).toContain(res.body.number);
        await refresh(res.body.costRuleId);
        await verifies(res.body.costRuleId);
      },
    },
  ];
}
