import fc from 'fast-check';
import { addDays } from '../../machines/calendar/calendar';
import {
  FUZZ_TARGETS,
  fuzzKit,
  HOSTILE_DATES,
  HOSTILE_OFFSETS,
  routeKey,
  today,
  tomorrow,
  writeRoutes,
  type FuzzTarget,
} from './fuzz';
import {
  bearer,
  expectErrorBody,
  ledamoter,
  MELLERUD,
  paragraphs,
  SOCIALNAMNDEN_ATTENDEES,
  tableCounts,
  useTestApp,
} from './kit';

/**
 * A property-based fuzzer over every write endpoint and the query strings of the read endpoints, on the demo data.
 * Each case sends a valid body mutated (a field dropped, a wrong type, a huge string, control or bidi characters, a
 * lone surrogate, deep nesting, prototype keys, impossible or far dates, offsets beyond ±14:00, odd numbers), random
 * JSON, or random bytes as JSON, and checks:
 * - no answer is a 5xx, and every answer is a success or in the error shape { code, message, messageSv };
 * - the row count of every table changes only with a 2xx;
 * - every record a 2xx created or changed reads back (GET it; a decision's protokollsutdrag too; a workflow verifies).
 * FUZZ_SEED picks another sequence (default fixed, so a failure is reproducible); FUZZ_SCALE multiplies the runs;
 * FUZZ_ONLY runs the cases of the targets whose route contains it.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const WRITE_RUNS = 70;
const READ_RUNS = 240;
const TIMEOUT_MS = 240_000;

// ------------------------------------------------------------------------------------------------ hostile values

const HOSTILE_STRINGS = [
  '9999-12-31',
  '0000-01-01',
  '2024-02-30',
  '1899-12-31',
  '2024-13-01',
  '+275760-09-13',
  tomorrow,
  '2025-03-20T10:00:00+23:59',
  '2025-03-20T10:00:00+14:01',
  '9999-12-31T23:59:59-14:00',
  '0001-01-01T00:00:00+14:00',
  '2025-03-20T10:00:00',
  `${tomorrow}T12:00:00+01:00`,
  '',
  '   ',
  '\u0000',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '__proto__',
  'toString',
  'constructor',
  'hasOwnProperty',
  'a\u202eb',
  '\u2066x\u2069',
  '\ud800',
  '\udfff\ud800',
  'x\u0007y',
  'x\ny',
  'x\r\ny',
  'x\ty',
  '\u0085',
  '\ufeff',
  "'; DROP TABLE decision; --",
  '../../etc/passwd',
  '%00',
  '😀',
];

const HOSTILE_FRAGMENTS = [
  '\u0000',
  '\u0007',
  '\t',
  '\n',
  '\r\n',
  '\u202e',
  '\u2066',
  '\ud800',
  '\udc00',
  '\u0085',
  '\u007f',
];
const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'isPrototypeOf',
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(1e308, -1e308, -0, -1, 0.5, 2 ** 53 + 1, 0, 1, true, false, null) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom({}, [], [[]], { a: 1 }, ['x'], [1, 2]) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** One change to a valid body; `pick` chooses the path it applies to. */
type Mutation =
  | { op: 'drop'; pick: number }
  | { op: 'set'; pick: number; value: unknown }
  | { op: 'inject'; pick: number; fragment: string; at: number }
  | { op: 'deep'; pick: number; depth: number; arrays: boolean }
  | { op: 'key'; pick: number; key: string; value: unknown }
  | { op: 'type'; value: string }
  | { op: 'date'; pick: number; date: string; offset: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant('date' as const),
    pick: fc.nat(),
    date: fc.constantFrom(...HOSTILE_DATES),
    offset: fc.constantFrom(...HOSTILE_OFFSETS),
  }),
  fc.record({
    op: fc.constant('date' as const),
    pick: fc.nat(),
    date: fc.constantFrom(...HOSTILE_DATES),
    offset: fc.constantFrom(...HOSTILE_OFFSETS),
  }),
  fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({
    op: fc.constant('inject' as const),
    pick: fc.nat(),
    fragment: fc.constantFrom(...HOSTILE_FRAGMENTS),
    at: fc.nat(),
  }),
  fc.record({
    op: fc.constant('deep' as const),
    pick: fc.nat(),
    depth: fc.integer({ min: 20, max: 1_500 }),
    arrays: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('key' as const),
    pick: fc.nat(),
    key: fc.constantFrom(...PROTOTYPE_KEYS, 'extra'),
    value: hostileValue,
  }),
  fc.record({
    op: fc.constant('type' as const),
    value: fc.constantFrom(
      ...PROTOTYPE_KEYS,
      'JUSTERAT',
      'KSO_SIGNED',
      'EXIT_TOOK_EFFECT',
      'APPEAL_PERIOD_ENDED',
      'DECISION_ANNULLED',
      'xstate.init',
      '',
    ),
  }),
);

/** What a case sends: a valid body (mutated or not), random JSON text, or random bytes, all as application/json. */
type BodyRecipe =
  | { kind: 'valid'; pick: number; mutations: Mutation[] }
  | { kind: 'json'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array };

const bodyRecipe: fc.Arbitrary<BodyRecipe> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      pick: fc.nat(),
      mutations: fc.constant<Mutation[]>([]),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      pick: fc.nat(),
      mutations: fc.oneof(
        { weight: 3, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) },
        { weight: 1, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('json' as const), text: fc.json({ maxDepth: 4 }) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 300 }) }),
  },
);

/** Every path of a JSON value (objects' keys and arrays' indexes), the root first. */
function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [prefix];
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      out.push(...pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  return out;
}

function parentOf(root: any, path: Array<string | number>): [any, string | number] | null {
  if (!path.length) return null;
  let node = root;
  for (const step of path.slice(0, -1)) node = node[step];
  return [node, path[path.length - 1]];
}

const setOwn = (target: any, key: string | number, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** Applies the mutations to a copy of the body (JSON.stringify keeps an own `__proto__` key and lone surrogates). */
function mutate(body: unknown, mutations: Mutation[]): unknown {
  let root: any = structuredClone(body);
  // At most one deep nesting, applied last: two of 1 500 levels would overflow this side's JSON.stringify first.
  const deep = mutations.find((m) => m.op === 'deep');
  for (const m of [...mutations.filter((x) => x.op !== 'deep'), ...(deep ? [deep] : [])]) {
    if (m.op === 'type') {
      if (root && typeof root === 'object' && !Array.isArray(root)) root.type = m.value;
      continue;
    }
    if (m.op === 'date') {
      // One of the body's dates or instants (any string that starts like one) gets the hostile date.
      const dated = pathsOf(root).filter((p) => {
        const at = parentOf(root, p);
        return at && typeof at[0][at[1]] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at[0][at[1]]);
      });
      if (!dated.length) continue;
      const [parent, key] = parentOf(root, dated[m.pick % dated.length])!;
      const instant = /T/.test(parent[key]);
      parent[key] = instant ? `${m.date}T${m.offset === '' ? '10:00:00' : '23:30:00'}${m.offset}` : m.date;
      continue;
    }
    const paths = pathsOf(root);
    const path = paths[m.pick % paths.length];
    const at = parentOf(root, path);
    const current = at ? at[0][at[1]] : root;
    let next: unknown = current;
    if (m.op === 'drop') {
      if (at && Array.isArray(at[0])) at[0].splice(Number(at[1]), 1);
      else if (at) delete at[0][at[1]];
      continue;
    }
    // Generated values are copied in: fast-check hands out the same constant objects again, which must stay as they are.
    if (m.op === 'set') next = structuredClone(m.value);
    if (m.op === 'inject') {
      const s = typeof current === 'string' ? current : '';
      const i = m.at % (s.length + 1);
      next = s.slice(0, i) + m.fragment + s.slice(i);
    }
    if (m.op === 'deep') {
      next = current;
      for (let i = 0; i < m.depth; i++) next = m.arrays ? [next] : { a: next };
    }
    if (m.op === 'key') {
      const target = current && typeof current === 'object' && !Array.isArray(current) ? current : root;
      if (target && typeof target === 'object') setOwn(target, m.key, structuredClone(m.value));
      continue;
    }
    if (at) setOwn(at[0], at[1], next);
    else root = next;
  }
  return root;
}

// ------------------------------------------------------------------------------------------------ the suite

describe('fuzz: hostile input over every write endpoint and the read endpoints’ query strings', () => {
  const ctx = useTestApp({ seed: 'demo' });
  let cases = 0;
  let successes = 0;
  /** Statuses answered, by endpoint (FUZZ_REPORT=1 prints them). */
  const statuses = new Map<string, Map<number, number>>();
  const started = Date.now();

  const fx = fuzzKit(ctx);
  const { api, pool, pick, pastDate } = fx;
  const targets: FuzzTarget[] = FUZZ_TARGETS.flatMap((make) => make(fx));
  // FUZZ_ONLY=<part of a route> runs only those targets' cases (while writing a module's targets); CI runs them all.
  const ONLY = process.env.FUZZ_ONLY;
  const running = ONLY ? targets.filter((t) => t.name.includes(ONLY)) : targets;

  beforeAll(async () => {
    const decisions = (await api.get(`/municipalities/${MELLERUD}/decisions`)).body;
    const demo = decisions.find((d: any) => d.workflowId);
    pool.decisions.push({ id: demo.id, workflowId: demo.workflowId });
    const demoDecision = (await api.get(`/decisions/${demo.id}`)).body;
    const demoMeeting = {
      id: demoDecision.meeting.id,
      names: SOCIALNAMNDEN_ATTENDEES.map((a) => a.name),
      mellerud: true,
    };
    pool.meetings.push(demoMeeting);
    pool.decisions[0].meeting = demoMeeting;
    const bodies = (await api.get(`/municipalities/${MELLERUD}/bodies`)).body;
    // The socialnämnd (9 ledamöter: 7 present are quorate) first: the set-up's meetings are of it.
    const socialnamnden = bodies.find((b: any) => b.name === 'Socialnämnden').id;
    pool.socialnamnden = socialnamnden;
    pool.bodies.push(socialnamnden, ...bodies.map((b: any) => b.id).filter((id: string) => id !== socialnamnden));
    for (const slug of pool.slugs)
      for (const m of (await api.get(`/collaborations/${slug}`)).body.members) pool.workflows.push(m.workflowId);
    // A meeting with a paragraph in draft, one justerad, and one anslagen yesterday (its appeal period runs).
    for (const stage of ['draft', 'justerad', 'anslagen']) {
      const meeting = await api.post(`/bodies/${socialnamnden}/meetings`, {
        date: addDays(today, -5),
        attendees: ledamoter(7),
      });
      expect(meeting.status).toBe(201);
      const ref = { id: meeting.body.id, names: ledamoter(7).map((a) => a.name), mellerud: false };
      pool.meetings.push(ref);
      const paragraph = await api.post(`/meetings/${meeting.body.id}/paragraphs`, paragraphs()());
      expect(paragraph.status).toBe(201);
      pool.decisions.push({ id: paragraph.body.id, workflowId: paragraph.body.workflowId, meeting: ref });
      pool.workflows.push(paragraph.body.workflowId);
      const justering = { justeradOn: addDays(today, -3), justerare: ['L1', 'L2'] };
      if (stage !== 'draft')
        expect((await api.post(`/meetings/${meeting.body.id}/justering`, justering)).status).toBe(200);
      if (stage === 'anslagen')
        expect((await api.post(`/meetings/${meeting.body.id}/anslag`, { anslagOn: addDays(today, -1) })).status).toBe(
          200,
        );
    }
    const text = 'Avsiktsförklaring (fuzz)\n§ 1 Parterna samverkar.';
    expect((await api.post('/documents', { key: 'fuzz-doc', title: 'Fuzz' })).status).toBe(201);
    const version = await api.post('/documents/fuzz-doc/versions', { version: '1.0', text });
    expect(version.status).toBe(201);
    pool.documents.push({ key: 'fuzz-doc', versions: [{ id: version.body.id, version: '1.0', text }] });
  });

  it('every write route of the app (POST, PUT, PATCH, DELETE) has a fuzz target (test/e2e/fuzz/index.ts)', () => {
    const routes = writeRoutes(ctx.app).map((r) => routeKey(r.method, r.path));
    const covered = new Set(targets.map((t) => routeKey(t.name.split(' ')[0], t.name.split(' ')[1])));
    expect(routes.length).toBeGreaterThanOrEqual(targets.length);
    expect(routes.filter((r) => !covered.has(r))).toEqual([]);
    // and no target names a route the app does not have (a renamed route keeps its cases)
    expect([...covered].filter((t) => !routes.includes(t))).toEqual([]);
  });

  // -------------------------------------------------------------------------------------------- one case

  // Mostly the admin, who may write everything, so that most cases get past the roles to the input.
  const TOKENS = [
    'admin',
    'admin',
    'admin',
    'admin',
    'admin',
    'admin',
    'admin',
    'clerk',
    'auditor',
    'coordinator',
  ] as const;
  const tokenOf = (who: (typeof TOKENS)[number]) => (who === 'clerk' ? ctx.tokens.clerk[MELLERUD] : ctx.tokens[who]);

  /** The payload as sent (JSON text or bytes, or nothing). */
  function payloadOf(recipe: BodyRecipe, valid: unknown): string | Buffer | undefined {
    if (recipe.kind === 'json') return recipe.text;
    if (recipe.kind === 'bytes') return Buffer.from(recipe.bytes);
    const body = mutate(valid, recipe.mutations);
    return body === undefined ? undefined : JSON.stringify(body);
  }

  /** Sends one request and checks the answer's status and shape, the tables' counts, and what a 2xx must leave. */
  async function oneCase(
    describeCase: string,
    send: () => PromiseLike<any>,
    after: { endpoint: string; readOnly: boolean; readBack?: (res: any) => Promise<void> },
  ) {
    cases++;
    // Deadlines that have come fire first (a paragraph the case's aim made for an old meeting is past its justering
    // deadline at once, protocol@2): the counts then change only by the case's own answer.
    expect((await api.post('/workflows/due-events/run', {})).status).toBe(200);
    const before = await tableCounts(ctx);
    const res = await send();
    const byStatus = statuses.get(after.endpoint) ?? statuses.set(after.endpoint, new Map()).get(after.endpoint)!;
    byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
    const where = `${describeCase} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
    if (res.status >= 500 || res.status < 200 || (res.status >= 300 && res.status < 400)) throw new Error(where);
    const success = res.status < 300;
    if (!success) {
      try {
        expectErrorBody(res.body);
      } catch (error) {
        throw new Error(`not in the error shape: ${where}\n${(error as Error).message}`);
      }
    }
    const counts = await tableCounts(ctx);
    if (!success || after.readOnly) expect({ where, counts }).toEqual({ where, counts: before });
    if (success && !after.readOnly) {
      successes++;
      await after.readBack?.(res);
      // Deadlines that have come (an appeal period that ended for a paragraph anslagen in the past) fire now, so the
      // next case starts from counts that only its own answer may change.
      expect((await api.post('/workflows/due-events/run', {})).status).toBe(200);
    }
  }

  describe.each(running.map((t) => [t.name, t] as const))('%s', (_name, target) => {
    it(
      'no 5xx; the error shape; counts change only with a 2xx; a 2xx reads back',
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.nat(),
            target.valid,
            bodyRecipe,
            fc.constantFrom(...TOKENS),
            fc.oneof(
              { weight: 7, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: fc.stringMatching(/^[!-~]{1,200}$/) },
            ),
            fc.boolean(),
            async (n, valid, recipe, who, idempotencyKey, fresh) => {
              const aim = await target.aim(n, fresh);
              const path = `/api/v1${aim.path}`;
              const validBody = valid(aim);
              const payload = payloadOf(recipe, validBody);
              let req = ctx.http[target.method](path).set(bearer(tokenOf(who)));
              if (idempotencyKey) req = req.set('Idempotency-Key', idempotencyKey);
              if (payload !== undefined) req = req.set('Content-Type', 'application/json').send(payload);
              await oneCase(
                `${target.method.toUpperCase()} ${path} as ${who} with ${JSON.stringify(recipe).slice(0, 400)}`,
                () => req,
                {
                  endpoint: target.name,
                  readOnly: !!target.readOnly,
                  readBack: target.readBack
                    ? (res) =>
                        target.readBack!({
                          path,
                          body: typeof payload === 'string' ? safeParse(payload) : undefined,
                          res,
                        })
                    : undefined,
                },
              );
            },
          ),
          { numRuns: runs(WRITE_RUNS), seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
        );
      },
      TIMEOUT_MS,
    );
  });

  // -------------------------------------------------------------------------------------------- reads

  const queryValue = fc.oneof(
    pastDate,
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.integer({ min: -100_000, max: 100_000 }).map(String),
    fc.constantFrom('2099-12-31', '2126-12-31', '1900-01-01', '1600', '9999', '1e3', '0x7e9', ''),
  );
  const queryKey = fc.constantFrom(
    'asOf',
    'asOf',
    'meetingDate',
    'justeringDate',
    'anslagDate',
    'year',
    'year',
    'from',
    'to',
    ...PROTOTYPE_KEYS,
    'extra',
    'asOf[]',
  );
  const READ_PATHS: Array<(n: number) => string> = [
    (n) => `/collaborations/${pick(pool.slugs, n)}`,
    (n) => {
      const slug = pick(pool.slugs, n);
      return `/collaborations/${slug}/memberships/${pick(pool.parties.get(slug)!, n >> 3)}`;
    },
    () => '/calendar/deadlines',
    () => '/calendar/holidays',
    () => '/collaborations',
    () => '/municipalities',
    (n) => `/municipalities/${pick(pool.codes, n)}/decisions`,
    (n) => `/meetings/${pick(pool.meetings, n).id}`,
    (n) => `/decisions/${pick(pool.decisions, n).id}`,
    (n) => `/workflows/${pick(pool.workflows, n)}/history`,
    // The auditor's evidence package (a tar archive when it answers 200)
    (n) => `/collaborations/${pick(pool.slugs, n)}/evidence`,
  ];
  const segment = fc.oneof(
    fc.uuid(),
    fc.string({ unit: 'binary', maxLength: 40 }).map(encodeAny),
    fc.constantFrom('%ZZ', '%E0%A4%A', '..', '%2e%2e', 'x'.repeat(5_000), '__proto__', 'toString', '1460'),
  );
  const RANDOM_ID_PATHS = [
    (s: string) => `/decisions/${s}`,
    (s: string) => `/decisions/${s}/extract`,
    (s: string) => `/meetings/${s}`,
    (s: string) => `/workflows/${s}`,
    (s: string) => `/signatures/${s}`,
    (s: string) => `/document-versions/${s}`,
    (s: string) => `/documents/${s}`,
    (s: string) => `/collaborations/${s}`,
    (s: string) => `/municipalities/${s}/bodies`,
    (s: string) => `/collaborations/dalslandssamverkan/memberships/${s}`,
    (s: string) => `/collaborations/${s}/evidence`,
  ];

  it(
    'reads: query strings and path segments of the read endpoints — no 5xx, the error shape, nothing written',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(),
          fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }),
          fc.option(segment, { freq: 3 }),
          fc.nat(),
          async (n, query, randomSegment, which) => {
            const base =
              randomSegment === null ? pick(READ_PATHS, which)(n) : pick(RANDOM_ID_PATHS, which)(randomSegment);
            const qs = query.map(([k, v]) => `${encodeAny(k)}=${encodeAny(v)}`).join('&');
            const path = `/api/v1${base}${qs ? `?${qs}` : ''}`;
            await oneCase(`GET ${path.slice(0, 300)}`, () => ctx.http.get(path).set(bearer(ctx.tokens.auditor)), {
              endpoint: 'GET (reads)',
              readOnly: true,
            });
          },
        ),
        { numRuns: runs(READ_RUNS), seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
      );
    },
    TIMEOUT_MS,
  );

  it('ran the cases it promises (at least 2 000 a run at the default scale), and some of them succeeded', () => {
    const expected = runs(WRITE_RUNS) * running.length + runs(READ_RUNS);
    expect(cases).toBe(expected);
    if (SCALE >= 1 && !ONLY) expect(cases).toBeGreaterThanOrEqual(2_000);
    if (!ONLY) expect(successes).toBeGreaterThan(50);
    if (process.env.FUZZ_REPORT === '1')
      process.stdout.write(
        `fuzz: ${cases} cases (${successes} 2xx writes) in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}\n` +
          [...statuses]
            .map(
              ([endpoint, byStatus]) =>
                `  ${endpoint}: ${[...byStatus]
                  .sort()
                  .map(([st, n]) => `${st}×${n}`)
                  .join(' ')}`,
            )
            .join('\n') +
          '\n',
      );
  });
});

/** Percent-encodes any string, a lone surrogate too (as the three bytes WTF-8 gives it: undecodable as UTF-8). */
function encodeAny(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
