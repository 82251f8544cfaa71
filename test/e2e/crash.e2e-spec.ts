import { randomBytes } from 'crypto';
import * as http from 'http';
import {
  accepted,
  ALL_CODES,
  apiClient,
  createCollaboration,
  createTestDatabase,
  enter,
  ev,
  getHistory,
  membershipOf,
  testDatabaseKind,
  verifyWorkflow,
  type TestDatabase,
} from './kit';
import {
  buildService,
  remoteContext,
  startService,
  stopAllServices,
  withServiceOutput,
  type ChildService,
  type ServiceBuild,
} from './kit/child-service';

// A crash under write load: the service runs as a child process on a fresh database (SQLite file or PostgreSQL
// database, as TEST_DATABASE says), many concurrent clients record COUNCIL_INFORMED on memberships that are leaving,
// and the child is killed with SIGKILL after a seeded number of acknowledged (201) writes, while others are in flight.
// A new child on the same database must then show every acknowledged transition in the log (same seq and hash),
// nothing half-written (every head matches its log: verify), no gap in any log, and no row of a request that was
// refused. A deadline that was already due when the service died (DUE_EVENTS_INTERVAL_MS=0, and nothing written to
// its membership since) is fired by the next start-up, exactly once, and not again by the start after that.
const SEED = Number(process.env.CRASH_SEED ?? 20261202);
const CLIENTS = 14;
const SLUG = 'crash';
/** The party whose exit is already due: its notice of 2023-12-15 gives the exit 2024-12-31, due 2025-01-01. */
const DUE_PARTY = '1960';
const LOAD_PARTIES = ALL_CODES.filter((code) => code !== DUE_PARTY);
/** The load parties' notice; each request's informedOn is a later day of its own (per membership), to tell it apart. */
const LOAD_NOTICE_ON = '2024-01-20';
const TIMEOUT_MS = 180_000;

/** mulberry32: a small seeded PRNG, so that a failing run can be repeated with its CRASH_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

interface Reply {
  status: number;
  body: any;
}

/** A POST with a JSON body over a keep-alive agent (the load's clients: lighter than supertest). */
function postJson(agent: http.Agent, baseUrl: string, path: string, token: string, body: unknown): Promise<Reply> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}/api/v1${path}`,
      {
        method: 'POST',
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Content-Length': data.length,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch {
            reject(new Error(`unparsable ${res.statusCode} body: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** One request of the load and what became of it. */
interface Sent {
  code: string;
  workflowId: string;
  informedOn: string;
  /** acked: 201; refused: another HTTP answer; lost: no answer (the connection failed). */
  outcome: 'pending' | 'acked' | 'refused' | 'lost';
  transition?: { seq: number; hash: string; [key: string]: unknown };
  status?: number;
  errorCode?: string;
  error?: string;
  /** For a lost request: whether the kill had been sent when its connection failed. */
  afterKill?: boolean;
}

describe(`crash: SIGKILL under write load (${testDatabaseKind()})`, () => {
  const adminToken = `crash-admin-${randomBytes(24).toString('hex')}`;
  let database: TestDatabase;
  let build: ServiceBuild;
  let service: ChildService;
  const ctx = remoteContext(() => service, adminToken, testDatabaseKind());
  const random = prng(SEED);
  /** After this many acknowledged writes the service is killed. */
  const killAfter = 300 + Math.floor(random() * 600);
  const workflows: Record<string, string> = {};
  let collaborationWorkflow: string;
  const sent: Sent[] = [];
  /** The log length of every workflow just after the setup (before the load). */
  const setupLength: Record<string, number> = {};
  /** The log of every workflow as the first restart found it, plus the write made then. */
  const afterFirstRestart: Record<string, any[]> = {};

  /** The steps (tests) that ran to their end: each needs the one before it. */
  const completed = new Set<number>();
  const step = (n: number, fn: () => Promise<void>) => () =>
    withServiceOutput(async () => {
      if (n > 1 && !completed.has(n - 1)) throw new Error(`step ${n - 1} did not complete: this step builds on it`);
      await fn();
      completed.add(n);
    });

  const start = (label: string) =>
    startService(build, label, {
      DATABASE_URL: database.url,
      ADMIN_TOKEN: adminToken,
      SEED: 'none',
      DUE_EVENTS_INTERVAL_MS: '0',
      // The load is one admin token from one address: the per-token limit is not what this test is about.
      REQUESTS_PER_MINUTE_PER_TOKEN: '0',
      AUTH_FAILURES_PER_MINUTE: '0',
      ACCESS_LOG: 'off',
    });
  const allWorkflows = () => [collaborationWorkflow, ...ALL_CODES.map((code) => workflows[code])];
  const exitsTookEffect = async () =>
    (await getHistory(ctx, workflows[DUE_PARTY])).filter((t) => t.eventType === 'EXIT_TOOK_EFFECT');

  /** Every log is contiguous from 0, its head's version is its last seq, and verify finds nothing. */
  async function expectEveryLogWhole() {
    for (const id of allWorkflows()) {
      const history = await getHistory(ctx, id);
      expect({ id, seqs: history.map((t) => t.seq) }).toEqual({ id, seqs: history.map((_, i) => i) });
      const head = await apiClient(ctx).get(`/workflows/${id}`);
      expect(head.status).toBe(200);
      expect({ id, version: head.body.version, state: head.body.state }).toEqual({
        id,
        version: history.length - 1,
        state: history[history.length - 1].toState,
      });
      const report = await verifyWorkflow(ctx, id);
      expect({ id, ok: report.ok, events: report.events, problems: report.problems }).toEqual({
        id,
        ok: true,
        events: history.length,
        problems: [],
      });
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('crash');
    build = buildService();
    service = await start('first service');
  }, TIMEOUT_MS);

  afterAll(async () => {
    await stopAllServices();
    build?.remove();
    await database?.drop();
  }, TIMEOUT_MS);

  it(
    'sets up a collaboration whose parties are leaving, one of them with an exit already due',
    step(1, async () => {
      const created = await createCollaboration(ctx, SLUG, { parties: ALL_CODES });
      collaborationWorkflow = created.workflowId;
      for (const code of ALL_CODES) await enter(ctx, code, '2023-11-29', '2023-12-08', SLUG);
      for (const code of LOAD_PARTIES) {
        await accepted(ctx, code, ev.requestExit('2024-01-15', '2099-12-31'), { slug: SLUG });
        await accepted(ctx, code, ev.notice(`${LOAD_NOTICE_ON}T10:00:00+01:00`), { slug: SLUG });
      }
      // Its exit takes effect 2024-12-31: EXIT_TOOK_EFFECT is due on 2025-01-01, long before today. With the timer off
      // and no later write to this membership it stays due until a start-up fires it.
      await accepted(ctx, DUE_PARTY, ev.requestExit('2023-12-11'), { slug: SLUG });
      await accepted(ctx, DUE_PARTY, ev.notice('2023-12-15T10:00:00+01:00'), { slug: SLUG });

      const described = await apiClient(ctx).get(`/collaborations/${SLUG}`);
      expect(described.status).toBe(200);
      expect(described.body.workflowId).toBe(collaborationWorkflow);
      for (const member of described.body.members) workflows[member.municipality.code] = member.workflowId;
      expect(Object.keys(workflows).sort()).toEqual([...ALL_CODES].sort());
      for (const code of ALL_CODES) expect((await membershipOf(ctx, SLUG, code)).state).toBe('member.leaving');
      expect((await membershipOf(ctx, SLUG, DUE_PARTY)).exitEffectiveOn).toBe('2024-12-31');
      expect(await exitsTookEffect()).toEqual([]);
      for (const id of allWorkflows()) setupLength[id] = (await getHistory(ctx, id)).length;
    }),
    TIMEOUT_MS,
  );

  it(
    `takes a SIGKILL after a seeded number of acknowledged writes (CRASH_SEED=${SEED})`,
    step(2, async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
      const target = service;
      const nextDay: Record<string, number> = Object.fromEntries(LOAD_PARTIES.map((code) => [code, 1]));
      let acked = 0;
      let killed: Promise<unknown> | null = null;
      const client = async () => {
        while (!killed) {
          const code = LOAD_PARTIES[Math.floor(random() * LOAD_PARTIES.length)];
          const one: Sent = {
            code,
            workflowId: workflows[code],
            informedOn: addDays(LOAD_NOTICE_ON, nextDay[code]++),
            outcome: 'pending',
          };
          sent.push(one);
          try {
            const res = await postJson(
              agent,
              target.baseUrl,
              `/collaborations/${SLUG}/memberships/${code}/events`,
              adminToken,
              ev.informed(one.informedOn),
            );
            if (res.status === 201) {
              one.outcome = 'acked';
              one.transition = res.body.transition;
              if (++acked === killAfter) killed = target.kill('SIGKILL');
            } else {
              one.outcome = 'refused';
              one.status = res.status;
              one.errorCode = res.body?.code;
            }
          } catch (error) {
            one.outcome = 'lost';
            one.error = (error as Error).message;
            one.afterKill = killed !== null;
            return;
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      agent.destroy();
      const exit = await target.exited;

      const count = (outcome: Sent['outcome']) => sent.filter((s) => s.outcome === outcome).length;
      const summary = {
        killAfter,
        sent: sent.length,
        acked: count('acked'),
        refused: count('refused'),
        lost: count('lost'),
      };
      // The load reached the kill (no client gave up before it), the kill is what ended the child, and nothing but a
      // lost connection after the kill or a refused concurrent write (409 VERSION_CONFLICT) happened.
      expect({ ...summary, reachedKill: acked >= killAfter }).toEqual({ ...summary, reachedKill: true });
      expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
      expect(sent.filter((s) => s.outcome === 'lost' && !s.afterKill)).toEqual([]);
      expect(sent.filter((s) => s.outcome === 'refused' && s.errorCode !== 'VERSION_CONFLICT')).toEqual([]);
      expect(sent.filter((s) => s.outcome === 'pending')).toEqual([]);
    }),
    TIMEOUT_MS,
  );

  it(
    'after a restart: every acknowledged transition is in the log, nothing is half-written, the due exit fired once',
    step(3, async () => {
      service = await start('restarted service');

      // Each acknowledged transition is in the log as it was answered: same seq, hash and row (the history entry adds
      // the person, the rule and the links).
      const logs: Record<string, any[]> = {};
      for (const id of allWorkflows()) logs[id] = await getHistory(ctx, id);
      for (const one of sent.filter((s) => s.outcome === 'acked')) {
        const row = logs[one.workflowId][one.transition!.seq];
        expect({ code: one.code, informedOn: one.informedOn, row }).toMatchObject({
          code: one.code,
          informedOn: one.informedOn,
          row: one.transition,
        });
      }
      // Every row the load wrote belongs to one request that was acknowledged (that very row) or lost at the kill:
      // none to a refused request, none twice. The lost ones may or may not have committed before the kill.
      const byDay = new Map(sent.map((s) => [`${s.workflowId} ${s.informedOn}`, s]));
      const explained = new Set<Sent>();
      for (const code of LOAD_PARTIES) {
        const id = workflows[code];
        for (const row of logs[id].slice(setupLength[id])) {
          const one = byDay.get(`${id} ${row.payload.informedOn}`);
          expect({ code, seq: row.seq, eventType: row.eventType, from: one?.outcome ?? 'no request' }).toEqual({
            code,
            seq: row.seq,
            eventType: 'COUNCIL_INFORMED',
            from: one?.outcome === 'lost' ? 'lost' : 'acked',
          });
          expect(explained.has(one!)).toBe(false);
          explained.add(one!);
        }
      }
      const acked = sent.filter((s) => s.outcome === 'acked');
      expect(acked.filter((s) => !explained.has(s))).toEqual([]);
      // Nothing else was written: the collaboration's log is as the setup left it.
      expect(logs[collaborationWorkflow]).toHaveLength(setupLength[collaborationWorkflow]);

      await expectEveryLogWhole();

      // The exit due since 2025-01-01 was fired by this start-up, once, by the engine.
      expect(await exitsTookEffect()).toEqual([
        expect.objectContaining({
          actor: expect.objectContaining({ role: 'system' }),
          payload: expect.objectContaining({ on: '2025-01-01' }),
          toState: 'exited',
        }),
      ]);
      expect((await membershipOf(ctx, SLUG, DUE_PARTY)).state).toBe('exited');

      // The restarted service goes on writing where each log ended.
      for (const code of LOAD_PARTIES) {
        const id = workflows[code];
        const body = await accepted(ctx, code, ev.informed(LOAD_NOTICE_ON), { slug: SLUG });
        expect(body.transition.seq).toBe(logs[id].length);
      }
      for (const id of allWorkflows()) afterFirstRestart[id] = await getHistory(ctx, id);
    }),
    TIMEOUT_MS,
  );

  it(
    'after a second SIGKILL and restart: the logs are unchanged and the exit still fired once',
    step(4, async () => {
      expect(await service.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      service = await start('service restarted again');
      for (const id of allWorkflows()) expect(await getHistory(ctx, id)).toEqual(afterFirstRestart[id]);
      expect(await exitsTookEffect()).toHaveLength(1);
      await expectEveryLogWhole();
    }),
    TIMEOUT_MS,
  );
});
