import * as net from 'net';
import { toStockholmDate, addDays } from '../../machines/calendar/calendar';
import { DecisionService } from '../../src/decision/decision.service';
import {
  apiClient,
  createCollaboration,
  expectErrorBody,
  ledamoter,
  MELLERUD,
  paragraphs,
  tableCounts,
  useTestApp,
  verifyWorkflow,
  type TestContext,
} from './kit';

// What a hostile-input probe of every write endpoint answered 500 to (or accepted and then broke on), each now a 400
// in the error shape that writes nothing. The demo data gives bodies, meetings and decisions to aim at.

const today = () => toStockholmDate(new Date().toISOString());
const fieldsOf = (body: any): string[] => (body.details?.fields ?? []).map((f: any) => f.field);

/** A raw HTTP/1.1 exchange on a socket of its own: what Node's parser answers before Fastify (status, JSON body). */
function rawRequest(ctx: TestContext, text: string): Promise<{ status: number; headers: string; body: any }> {
  const server = ctx.app.getHttpServer();
  const listening = server.listening
    ? Promise.resolve()
    : new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return listening.then(
    () =>
      new Promise((resolve, reject) => {
        const socket = net.connect(server.address().port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.on('data', (d) => chunks.push(d));
        const done = () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const [head, ...rest] = raw.split('\r\n\r\n');
          const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
          let body: unknown = rest.join('\r\n\r\n');
          try {
            body = JSON.parse(body as string);
          } catch {
            // left as text: the assertion below shows it
          }
          resolve({ status, headers: head, body });
        };
        socket.on('close', done);
        socket.on('error', (e) => (chunks.length ? done() : reject(e)));
        socket.write(text);
      }),
  );
}

describe('hostile input: the probe’s findings are refused and write nothing', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const api = apiClient(ctx);
  let demoDecisionId: string;
  let socialnamnden: string;

  beforeAll(async () => {
    const decisions = (await api.get(`/municipalities/${MELLERUD}/decisions`)).body;
    demoDecisionId = decisions.find((d: any) => d.workflowId).id;
    socialnamnden = (await api.get(`/municipalities/${MELLERUD}/bodies`)).body.find(
      (b: any) => b.name === 'Socialnämnden',
    ).id;
  });

  /** The request must be refused with `status` in the error shape and leave every table as it was. */
  async function refusedWritingNothing(send: () => PromiseLike<any>, status = 400, code = 'VALIDATION_FAILED') {
    const before = await tableCounts(ctx);
    const res = await send();
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expectErrorBody(res.body);
    expect(await tableCounts(ctx)).toEqual(before);
    return res.body;
  }

  /** A new meeting of Mellerud's socialnämnd (7 ledamöter L1..L7) with one paragraph in draft. */
  async function meetingWithParagraph(date = '2024-06-03') {
    const meeting = await api.post(`/bodies/${socialnamnden}/meetings`, { date, attendees: ledamoter(7) });
    expect(meeting.status).toBe(201);
    const paragraph = await api.post(`/meetings/${meeting.body.id}/paragraphs`, paragraphs()());
    expect(paragraph.status).toBe(201);
    return { meetingId: meeting.body.id as string, decisionId: paragraph.body.id as string };
  }

  // ------------------------------------------------------------------------------------------------ acceptance

  it('acceptance: a justering dated 9999-12-31 → 400 naming justeradOn, nothing written; the decision and its protokollsutdrag still read', async () => {
    const { meetingId, decisionId } = await meetingWithParagraph();
    const body = await refusedWritingNothing(() =>
      api.post(`/meetings/${meetingId}/justering`, { justeradOn: '9999-12-31', justerare: ['L1', 'L2'] }),
    );
    expect(fieldsOf(body)).toEqual(['justeradOn']);
    expect(body.details.fields[0].reasonSv).toMatch(/^ska ligga mellan 1900-01-01 och dagens datum/);
    // The same date through the paragraph's own event (omedelbar justering), and a correction dated in year 9999.
    await refusedWritingNothing(() =>
      api.post(`/decisions/${decisionId}/events`, {
        type: 'JUSTERAT',
        justeradOn: '9999-12-31',
        justerare: ['L1', 'L2'],
        immediate: true,
      }),
    );
    await refusedWritingNothing(() =>
      api.post(`/decisions/${demoDecisionId}/events`, {
        type: 'CORRECTION_RECORDED',
        correctedOn: '9999-12-31',
        reason: 'Skrivfel',
        text: 'Rättelse',
      }),
    );
    for (const path of [`/decisions/${decisionId}`, `/decisions/${decisionId}/extract`, `/decisions/${demoDecisionId}`])
      expect((await api.get(path)).status).toBe(200);
    // The justering on a real day goes through, and the decision reads with its anslag deadline.
    expect(
      (await api.post(`/meetings/${meetingId}/justering`, { justeradOn: '2024-06-10', justerare: ['L1', 'L2'] }))
        .status,
    ).toBe(200);
    expect((await api.get(`/decisions/${decisionId}`)).body.deadlines).toMatchObject({ anslagDeadline: '2024-06-12' });
  });

  it('acceptance: a body nested 1 500 levels deep → 400 naming body, nothing written (event endpoints and DTO endpoints)', async () => {
    let deepObject: unknown = 'x';
    let deepArray: unknown = 'x';
    for (let i = 0; i < 1500; i++) {
      deepObject = { a: deepObject };
      deepArray = [deepArray];
    }
    const cases: Array<[string, unknown]> = [
      [`/decisions/${demoDecisionId}/events`, { type: 'CORRECTION_RECORDED', x: deepObject }],
      ['/collaborations/dalslandssamverkan/memberships/1460/events', { type: 'COUNCIL_INFORMED', note: deepArray }],
      ['/municipalities', { code: '1487', name: deepArray }],
      [`/meetings/${(await meetingWithParagraph()).meetingId}/paragraphs`, { ...paragraphs()(), matter: deepObject }],
      ['/collaborations', deepArray],
    ];
    for (const [path, body] of cases) {
      const refused = await refusedWritingNothing(() => api.post(path, body));
      expect({ path, fields: fieldsOf(refused) }).toEqual({ path, fields: ['body'] });
    }
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    'acceptance: an event "type":"%s" (inherited from Object.prototype) → 400 naming type, nothing written',
    async (type) => {
      for (const path of [
        `/decisions/${demoDecisionId}/events`,
        '/collaborations/dalslandssamverkan/memberships/1460/events',
      ]) {
        const body = await refusedWritingNothing(() => api.post(path, { type }));
        expect(fieldsOf(body)).toEqual(['type']);
      }
    },
  );

  // ------------------------------------------------------------------------------------------------ 1b, 1c

  it.each([
    ['__proto__', '{"__proto__":{"admin":true},"code":"1488","name":"X"}', 'body'],
    ['constructor.prototype', '{"constructor":{"prototype":{"admin":true}},"code":"1488","name":"X"}', 'body'],
    ['constructor', '{"constructor":1,"code":"1488","name":"X"}', 'constructor'],
    ['toString', '{"toString":"x","code":"1488","name":"X"}', 'toString'],
  ])('a body with a %s key → 400 in the error shape, nothing written', async (_key, raw, field) => {
    // Fastify refuses __proto__ and constructor.prototype while parsing; the pipe refuses the other prototype names
    // (class-transformer would drop them silently instead of the whitelist refusing them as unknown).
    const body = await refusedWritingNothing(() =>
      api.post('/municipalities', raw, ctx.tokens.admin, { headers: { 'Content-Type': 'application/json' } }),
    );
    expect(fieldsOf(body)).toEqual([field]);
    expect(({} as any).admin).toBeUndefined();
  });

  it('an event body with a prototype key, nested too → 400 naming it, nothing written', async () => {
    const body = await refusedWritingNothing(() =>
      api.post('/collaborations/dalslandssamverkan/memberships/1460/events', {
        type: 'FULLMAKTIGE_REQUESTED_EXIT',
        decision: { organ: 'KF', date: '2025-03-10', valueOf: 1 },
      }),
    );
    expect(fieldsOf(body)).toEqual(['decision.valueOf']);
  });

  it('a header of 20 KB → 431 HEADERS_TOO_LARGE in the error shape (Node’s parser, before Fastify)', async () => {
    const res = await rawRequest(
      ctx,
      `GET /api/v1/collaborations HTTP/1.1\r\nHost: x\r\nX-Filler: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expectErrorBody(res.body, 'HEADERS_TOO_LARGE');
  });

  it('a URL of 20 KB → 414 URI_TOO_LONG in the error shape; nothing written', async () => {
    const before = await tableCounts(ctx);
    const res = await rawRequest(
      ctx,
      `POST /api/v1/municipalities?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    );
    expect(res.status).toBe(414);
    expectErrorBody(res.body, 'URI_TOO_LONG');
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it.each([
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
    ['a control character in a header', 'GET /api/v1/collaborations HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n'],
    ['a bad Content-Length', 'POST /api/v1/municipalities HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'],
  ])('%s → 400 BAD_REQUEST in the error shape', async (_what, text) => {
    const res = await rawRequest(ctx, text);
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 'BAD_REQUEST');
  });

  it('413, 415 and an undecodable path answer in the error shape too; nothing written', async () => {
    await refusedWritingNothing(
      () => api.post('/municipalities', { code: '1487', name: 'x'.repeat(200_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    await refusedWritingNothing(
      () => api.post('/municipalities', '<x/>', ctx.tokens.admin, { headers: { 'Content-Type': 'application/xml' } }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    await refusedWritingNothing(() => api.post('/decisions/%E0%A4%A/events', { type: 'JUSTERAT' }));
  });

  // ------------------------------------------------------------------------------------------------ 1d texts

  it.each([
    ['a NUL', 'Väners\u0000borg'],
    ['a line break in a name', 'Väners\nborg'],
    ['a right-to-left override', 'Väners\u202eborg'],
    ['a bidi isolate', 'Väners\u2067borg'],
    ['a lone surrogate', 'Väners\ud83dborg'],
    ['only spaces', '    '],
  ])('a name with %s → 400 naming the field with both reasons, nothing written', async (_what, name) => {
    const body = await refusedWritingNothing(() => api.post('/municipalities', { code: '1487', name }));
    expect(body.details.fields).toEqual([
      { field: 'name', reason: expect.any(String), reasonSv: expect.stringMatching(/^(får|ska)/) },
    ]);
  });

  it('a lone surrogate written as a JSON escape is refused (JSON.parse keeps it as a UTF-16 code unit), not changed', async () => {
    const raw = '{"code":"1487","name":"V\\ud800nersborg"}';
    const body = await refusedWritingNothing(() =>
      api.post('/municipalities', raw, ctx.tokens.admin, { headers: { 'Content-Type': 'application/json' } }),
    );
    expect(fieldsOf(body)).toEqual(['name']);
  });

  it('a long text keeps its line breaks; a nested text (a proposal of a paragraph, an element of a list) is checked too', async () => {
    const { meetingId } = await meetingWithParagraph();
    const para = paragraphs({}, () => 99);
    const refused = await refusedWritingNothing(() =>
      api.post(`/meetings/${meetingId}/paragraphs`, {
        ...para(),
        proposals: [
          { id: 'A', by: [{ name: 'L1\u202e' }], text: 'Bifall' },
          { id: 'B', by: [{ name: 'L2' }], text: 'Avslag' },
        ],
        sendTo: ['Kommunstyrelsen', '\u0007'],
      }),
    );
    expect(fieldsOf(refused).sort()).toEqual(['proposals.0.by.0.name', 'sendTo']);
    const ok = await api.post(`/meetings/${meetingId}/paragraphs`, {
      ...para(),
      summary: 'Första stycket.\n\nAndra stycket,\tmed tabb.',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.paragraph.summary).toBe('Första stycket.\n\nAndra stycket,\tmed tabb.');
  });

  // ------------------------------------------------------------------------------------------------ 1e, 1f dates

  it.each(['+23:59', '+14:01', '-14:30'])(
    'a notice arriving with the offset %s → 400 naming arrivedAt, nothing written',
    async (offset) => {
      const body = await refusedWritingNothing(() =>
        api.post('/collaborations/dalslandssamverkan/memberships/1492/events', {
          type: 'EXIT_NOTICE_DELIVERED',
          arrivedAt: `2025-03-20T10:00:00${offset}`,
        }),
      );
      expect(fieldsOf(body)).toEqual(['arrivedAt']);
    },
  );

  it('facts cannot lie after today: a decision, a signing, a meeting, an anslag dated tomorrow → 400 naming the date', async () => {
    const tomorrow = addDays(today(), 1);
    const { meetingId } = await meetingWithParagraph();
    const cases: Array<[string, unknown, string]> = [
      [
        '/collaborations/dalslandssamverkan/memberships/1460/events',
        { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: tomorrow } },
        'decision.date',
      ],
      [`/bodies/${socialnamnden}/meetings`, { date: tomorrow, attendees: ledamoter(7) }, 'date'],
      [`/meetings/${meetingId}/anslag`, { anslagOn: tomorrow }, 'anslagOn'],
      [
        '/collaborations/dalslandssamverkan/memberships/1460/events',
        { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: `${tomorrow}T12:00:00+01:00` },
        'arrivedAt',
      ],
      [`/decisions/${demoDecisionId}/events`, { type: 'APPEAL_RECEIVED', receivedOn: tomorrow }, 'receivedOn'],
    ];
    for (const [path, body, field] of cases) {
      const refused = await refusedWritingNothing(() => api.post(path, body));
      expect({ path, fields: fieldsOf(refused) }).toEqual({ path, fields: [field] });
    }
  });

  it.each(['0000-01-01', '1899-12-31', '2024-02-30', '9999-12-31'])(
    'a meeting dated %s → 400 naming date, nothing written',
    async (date) => {
      const body = await refusedWritingNothing(() =>
        api.post(`/bodies/${socialnamnden}/meetings`, { date, attendees: ledamoter(7) }),
      );
      expect(fieldsOf(body)).toEqual(['date']);
    },
  );

  it('a desired exit date may lie years ahead (2099-12-31) but not beyond 100 years (9999-12-31)', async () => {
    const request = (desiredExitDate: string) => ({
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision: { organ: 'KF', date: '2025-03-10' },
      desiredExitDate,
    });
    const path = '/collaborations/dalslandssamverkan/memberships/1439/events';
    expect(fieldsOf(await refusedWritingNothing(() => api.post(path, request('9999-12-31'))))).toEqual([
      'desiredExitDate',
    ]);
    const ok = await api.post(path, request('2099-12-31'));
    expect(ok.status).toBe(201);
    expect((await verifyWorkflow(ctx, ok.body.workflowId)).ok).toBe(true);
  });

  it('asOf and the deadline calculator take planned dates up to 100 years ahead, not year 9999', async () => {
    expect((await api.get('/collaborations/dalslandssamverkan?asOf=2099-12-31')).status).toBe(200);
    expect((await api.get('/calendar/deadlines?anslagDate=2099-12-30')).status).toBe(200);
    for (const path of [
      '/collaborations/dalslandssamverkan?asOf=9999-12-31',
      '/collaborations/dalslandssamverkan/memberships/1460?asOf=9999-12-31',
      '/calendar/deadlines?anslagDate=9999-12-31',
      '/calendar/deadlines?meetingDate=0000-01-01',
    ]) {
      const res = await api.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expectErrorBody(res.body, 'VALIDATION_FAILED');
    }
  });

  // ------------------------------------------------------------------------------------------------ 1g settings

  it('a settings change with no change: settings {} → 400 naming settings; the values in force → 422 NOTHING_CHANGED (D1); neither is logged', async () => {
    await createCollaboration(ctx, 'hostile-settings');
    const path = '/collaborations/hostile-settings/settings';
    const body = await refusedWritingNothing(() =>
      api.patch(path, { settings: {}, reason: 'Inget', changedOn: '2025-01-01' }),
    );
    expect(fieldsOf(body)).toEqual(['settings']);
    const same = await refusedWritingNothing(
      () =>
        api.patch(path, { settings: { exitRequestDate: 'noticeArrival' }, reason: 'Inget', changedOn: '2025-01-01' }),
      422,
      'NOTHING_CHANGED',
    );
    expect(same.ruleId).toBe('D1');
    const changed = await api.patch(path, {
      settings: { exitRequestDate: 'fullmaktigeDecision', entryDecisionOrgan: 'KF' },
      reason: 'Jurister',
      changedOn: '2025-01-01',
    });
    expect(changed.status).toBe(200);
  });

  // ------------------------------------------------------------------------------------------------ 1f rollback

  it('a write whose answer cannot be built is rolled back: 500 "nothing was recorded" is then true', async () => {
    const decisions = ctx.app.get(DecisionService);
    const original = decisions.getDecision.bind(decisions);
    const correction = { type: 'CORRECTION_RECORDED', correctedOn: '2024-06-01', reason: 'Skrivfel', text: 'Rättelse' };
    // The answer of a write is read inside its unit of work (src/workflow/answer-reader.ts): make that read fail.
    decisions.getDecision = async (id, within) => {
      if (within) throw new Error('the answer could not be built');
      return original(id, within);
    };
    try {
      const body = await refusedWritingNothing(
        () => api.post(`/decisions/${demoDecisionId}/events`, correction),
        500,
        'INTERNAL_ERROR',
      );
      expect(body.message).toContain('nothing was recorded');
    } finally {
      decisions.getDecision = original;
    }
    const before = await tableCounts(ctx);
    const ok = await api.post(`/decisions/${demoDecisionId}/events`, correction);
    expect(ok.status).toBe(201);
    expect((await tableCounts(ctx)).workflow_transition).toBe(before.workflow_transition + 1);
  });
});
