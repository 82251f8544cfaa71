import { apiClient, expectErrorBody, ledamoter, paragraphs, signatureBody, sha256, sql, useTestApp } from './kit';

// Issue 3 access and input: the role × endpoint matrix of every route in src/decision/decision.controller.ts,
// src/document/document.controller.ts and src/calendar/calendar.controller.ts (401 without a token; admin and the
// clerk of the own municipality write; a clerk of another municipality, coordinators and auditors may not; every role
// reads), and malformed input (400 naming the field, non-UUID ids 400, unknown ids 404) that writes nothing.
describe('decisions, documents and calendar: access and input', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const OWN = '1460';
  const OTHER = '1438';
  type Who = 'admin' | 'clerkOwn' | 'clerkOther' | 'coordinator' | 'auditor';
  const WHO: Who[] = ['admin', 'clerkOwn', 'clerkOther', 'coordinator', 'auditor'];
  const token = (who: Who) =>
    who === 'clerkOwn' ? ctx.tokens.clerk[OWN] : who === 'clerkOther' ? ctx.tokens.clerk[OTHER] : ctx.tokens[who];

  const TEXT = 'Avsiktsförklaring Dalslandssamverkan, version 1.0';
  const attendees = ledamoter(7, { parties: false });
  let n = 0;
  /** A valid paragraph with one proposal (A, adopted by acklamation), numbered with the other names made here. */
  const para = paragraphs(
    {
      proposals: [{ id: 'A', by: [{ name: 'L1' }], text: 'Bifall' }],
      beslutsgang: ['Ordföranden finner att nämnden bifaller förslaget.'],
      decision: { attSatser: ['bifalla förslaget.'] },
    },
    () => ++n,
  );

  const f = { bodyId: '', meetingId: '', decisionId: '', docKey: 'avsiktsforklaring', versionId: '', signatureId: '' };
  const req = (method: 'get' | 'post', path: string, who: Who | null, body?: unknown) =>
    api.request(method, path, who ? token(who) : null, body);
  const ok = async (method: 'get' | 'post', path: string, body?: unknown) => {
    const res = await req(method, path, 'admin', body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  async function newMeeting(date = '2024-05-22') {
    return (await ok('post', `/bodies/${f.bodyId}/meetings`, { date, attendees })).id as string;
  }
  /** A meeting with one paragraph in draft (for a justering) or justerat (for an anslag). */
  async function meetingWithParagraph(justerat: boolean) {
    const meetingId = await newMeeting();
    await ok('post', `/meetings/${meetingId}/paragraphs`, para());
    if (justerat) await ok('post', `/meetings/${meetingId}/justering`, { justeradOn: '2024-05-29', justerare: ['L2'] });
    return meetingId;
  }

  /** Row counts of every table these endpoints write: a refused request leaves them as they were. */
  const TABLES = [
    'body',
    'meeting',
    'matter',
    'decision',
    'workflow_link',
    'workflow_instance',
    'workflow_transition',
    'document',
    'document_version',
    'signature',
  ];
  async function footprint() {
    const row = (await sql(ctx, `SELECT ${TABLES.map((t) => `(SELECT COUNT(*) FROM ${t}) AS ${t}`).join(', ')}`))[0];
    return Object.fromEntries(TABLES.map((t) => [t, Number(row[t])]));
  }

  beforeAll(async () => {
    f.bodyId = (
      await ok('post', `/municipalities/${OWN}/bodies`, { kind: 'NAMND', name: 'Socialnämnden', memberCount: 9 })
    ).id;
    f.meetingId = await newMeeting();
    await ok('post', `/meetings/${f.meetingId}/paragraphs`, para());
    const justerat = await meetingWithParagraph(true);
    f.decisionId = (await ok('get', `/meetings/${justerat}`)).paragraphs[0].id;
    await ok('post', '/documents', { key: f.docKey, title: 'Avsiktsförklaring Dalslandssamverkan' });
    f.versionId = (await ok('post', `/documents/${f.docKey}/versions`, { version: '1.0', text: TEXT })).id;
    f.signatureId = (await ok('post', '/signatures', sig())).id;
  });

  const sig = (extra: Record<string, unknown> = {}) =>
    signatureBody('avsiktsforklaring', '1.0', OWN, TEXT, {
      signatory: { name: 'Stig Bertilsson', office: 'KSO' },
      ...extra,
    });

  // ------------------------------------------------------------------------------------------------ the matrix

  interface Endpoint {
    name: string;
    method: 'get' | 'post';
    /** The path (may prepare fresh state, e.g. a paragraph waiting for justering). */
    path: () => Promise<string> | string;
    body?: () => unknown;
    expect: Record<Who, number>;
  }
  const READ: Record<Who, number> = { admin: 200, clerkOwn: 200, clerkOther: 200, coordinator: 200, auditor: 200 };
  const WRITE = (okStatus: number): Record<Who, number> => ({
    admin: okStatus,
    clerkOwn: okStatus,
    clerkOther: 403,
    coordinator: 403,
    auditor: 403,
  });
  const ADMIN_ONLY = (okStatus: number): Record<Who, number> => ({
    admin: okStatus,
    clerkOwn: 403,
    clerkOther: 403,
    coordinator: 403,
    auditor: 403,
  });

  const endpoints: Endpoint[] = [
    {
      name: 'POST /municipalities/:code/bodies',
      method: 'post',
      path: () => `/municipalities/${OWN}/bodies`,
      body: () => ({ kind: 'UTSKOTT', name: `Utskott ${++n}`, memberCount: 5 }),
      expect: WRITE(201),
    },
    {
      name: 'GET /municipalities/:code/bodies',
      method: 'get',
      path: () => `/municipalities/${OWN}/bodies`,
      expect: READ,
    },
    {
      name: 'GET /municipalities/:code/decisions',
      method: 'get',
      path: () => `/municipalities/${OWN}/decisions`,
      expect: READ,
    },
    {
      name: 'POST /bodies/:id/meetings',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: () => ({ date: '2024-06-12', attendees }),
      expect: WRITE(201),
    },
    { name: 'GET /meetings/:id', method: 'get', path: () => `/meetings/${f.meetingId}`, expect: READ },
    {
      name: 'POST /meetings/:id/paragraphs',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: () => para(),
      expect: WRITE(201),
    },
    {
      name: 'POST /meetings/:id/justering',
      method: 'post',
      path: async () => `/meetings/${await meetingWithParagraph(false)}/justering`,
      body: () => ({ justeradOn: '2024-05-29', justerare: ['L2'] }),
      expect: WRITE(200),
    },
    {
      name: 'POST /meetings/:id/anslag',
      method: 'post',
      path: async () => `/meetings/${await meetingWithParagraph(true)}/anslag`,
      body: () => ({ anslagOn: '2024-05-30' }),
      expect: WRITE(200),
    },
    { name: 'GET /decisions/:id', method: 'get', path: () => `/decisions/${f.decisionId}`, expect: READ },
    {
      name: 'POST /decisions/:id/events (CORRECTION_RECORDED)',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: () => ({
        type: 'CORRECTION_RECORDED',
        correctedOn: '2024-06-01',
        reason: 'Skrivfel',
        text: `Rättelse ${++n}`,
      }),
      expect: WRITE(201),
    },
    {
      name: 'GET /decisions/:id/extract',
      method: 'get',
      path: () => `/decisions/${f.decisionId}/extract`,
      expect: READ,
    },
    {
      name: 'GET /decisions/:id/extract.pdf',
      method: 'get',
      path: () => `/decisions/${f.decisionId}/extract.pdf`,
      expect: READ,
    },
    {
      name: 'POST /documents',
      method: 'post',
      path: () => '/documents',
      body: () => ({ key: `dokument-${++n}`, title: 'Dokument' }),
      expect: ADMIN_ONLY(201),
    },
    { name: 'GET /documents/:key', method: 'get', path: () => `/documents/${f.docKey}`, expect: READ },
    {
      name: 'POST /documents/:key/versions',
      method: 'post',
      path: () => `/documents/${f.docKey}/versions`,
      body: () => ({ version: `2.${++n}`, text: `Text ${n}` }),
      expect: ADMIN_ONLY(201),
    },
    {
      name: 'GET /document-versions/:id',
      method: 'get',
      path: () => `/document-versions/${f.versionId}`,
      expect: READ,
    },
    { name: 'POST /signatures', method: 'post', path: () => '/signatures', body: () => sig(), expect: WRITE(201) },
    { name: 'GET /signatures/:id', method: 'get', path: () => `/signatures/${f.signatureId}`, expect: READ },
    {
      name: 'GET /calendar/deadlines',
      method: 'get',
      path: () => '/calendar/deadlines?meetingDate=2024-11-20&anslagDate=2024-12-04',
      expect: READ,
    },
    { name: 'GET /calendar/holidays', method: 'get', path: () => '/calendar/holidays?year=2026', expect: READ },
  ];

  it.each(endpoints.map((e) => [e.name, e] as const))(
    'access: %s without a token or with an unknown token → 401 UNAUTHENTICATED, nothing written',
    async (_name, e) => {
      const path = await e.path();
      for (const auth of [null, 'Bearer svk_not-a-real-token', 'Basic YWRtaW46YWRtaW4=']) {
        const before = await footprint();
        let r = ctx.http[e.method](`/api/v1${path}`);
        if (auth) r = r.set('Authorization', auth);
        const res = await (e.body ? r.send(e.body() as object) : r);
        expect(res.status).toBe(401);
        expectErrorBody(res.body, 'UNAUTHENTICATED');
        expect(await footprint()).toEqual(before);
      }
    },
  );

  it.each(endpoints.flatMap((e) => WHO.map((who) => [e.name, who, e.expect[who], e] as const)))(
    'access: %s as %s → %i',
    async (_name, who, status, e) => {
      const path = await e.path();
      const before = await footprint();
      const res = await req(e.method, path, who, e.body?.());
      expect({ status: res.status, code: res.body?.code }).toEqual({
        status,
        code: status === 403 ? 'FORBIDDEN' : undefined,
      });
      if (status === 403) {
        expectErrorBody(res.body, 'FORBIDDEN');
        expect(await footprint()).toEqual(before);
      }
      if (e.method === 'get') expect(await footprint()).toEqual(before);
      if (e.method === 'post' && status < 300) expect(await footprint()).not.toEqual(before);
    },
  );

  it('access: a clerk of another municipality cannot record a meeting, paragraph, justering, anslag or event for the own municipality’s body', async () => {
    const draft = await meetingWithParagraph(false);
    const justerat = await meetingWithParagraph(true);
    const before = await footprint();
    const other = ctx.tokens.clerk[OTHER];
    const attempts = [
      req('post', `/municipalities/${OWN}/bodies`, 'clerkOther', {
        kind: 'KF',
        name: 'Kommunfullmäktige',
        memberCount: 31,
      }),
      req('post', `/bodies/${f.bodyId}/meetings`, 'clerkOther', { date: '2024-06-12', attendees }),
      req('post', `/meetings/${draft}/paragraphs`, 'clerkOther', para()),
      req('post', `/meetings/${draft}/justering`, 'clerkOther', { justeradOn: '2024-05-29', justerare: ['L2'] }),
      req('post', `/meetings/${justerat}/anslag`, 'clerkOther', { anslagOn: '2024-05-30' }),
      req('post', `/decisions/${f.decisionId}/events`, 'clerkOther', {
        type: 'RESERVATION_MOTIVATION_SUBMITTED',
        member: 'L2',
        text: 'x',
        submittedAt: '2024-05-23T09:00:00+02:00',
      }),
      req('post', '/signatures', 'clerkOther', sig()),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expectErrorBody(res.body, 'FORBIDDEN');
    }
    expect(other).toBeTruthy();
    expect(await footprint()).toEqual(before);
    expect((await ok('get', `/meetings/${draft}`)).paragraphs.map((p: any) => p.status)).toEqual(['DRAFT']);
    // … while its own municipality's records are open to it.
    const own = await api.post(
      `/municipalities/${OTHER}/bodies`,
      { kind: 'KF', name: 'Kommunfullmäktige', memberCount: 25 },
      other,
    );
    expect(own.status).toBe(201);
  });

  // ------------------------------------------------------------------------------------------------ malformed input

  interface Bad {
    name: string;
    method: 'get' | 'post';
    path: () => string;
    body?: unknown;
    raw?: string;
    status: number;
    code: string;
    /** The field the 400 must name. */
    field?: string;
  }
  const bodyDto = { kind: 'NAMND', name: 'Ny nämnd', memberCount: 9 };
  const meetingDto = { date: '2024-05-22', attendees };
  const NIL = '00000000-0000-4000-8000-000000000000';
  const validation = (field: string) => ({ status: 400, code: 'VALIDATION_FAILED', field });
  const bad: Bad[] = [
    // bodies
    {
      name: 'body kind XX',
      method: 'post',
      path: () => `/municipalities/${OWN}/bodies`,
      body: { ...bodyDto, kind: 'XX' },
      ...validation('kind'),
    },
    {
      name: 'body memberCount "9" (a string)',
      method: 'post',
      path: () => `/municipalities/${OWN}/bodies`,
      body: { ...bodyDto, memberCount: '9' },
      ...validation('memberCount'),
    },
    {
      name: 'body memberCount 0',
      method: 'post',
      path: () => `/municipalities/${OWN}/bodies`,
      body: { ...bodyDto, memberCount: 0 },
      ...validation('memberCount'),
    },
    {
      name: 'body without a name',
      method: 'post',
      path: () => `/municipalities/${OWN}/bodies`,
      body: { kind: 'NAMND', memberCount: 9 },
      ...validation('name'),
    },
    {
      name: 'body with an unknown field',
      method: 'post',
      path: () => `/municipalities/${OWN}/bodies`,
      body: { ...bodyDto, chair: 'Daniel Jensen' },
      ...validation('chair'),
    },
    {
      name: 'body of an unknown municipality',
      method: 'post',
      path: () => '/municipalities/9999/bodies',
      body: bodyDto,
      status: 404,
      code: 'UNKNOWN_MUNICIPALITY',
    },
    {
      name: 'body name taken',
      method: 'post',
      path: () => `/municipalities/${OWN}/bodies`,
      body: { ...bodyDto, name: 'Socialnämnden' },
      status: 409,
      code: 'BODY_EXISTS',
    },
    {
      name: 'bodies of an unknown municipality',
      method: 'get',
      path: () => '/municipalities/9999/bodies',
      status: 404,
      code: 'UNKNOWN_MUNICIPALITY',
    },
    {
      name: 'decisions of an unknown municipality',
      method: 'get',
      path: () => '/municipalities/9999/decisions',
      status: 404,
      code: 'UNKNOWN_MUNICIPALITY',
    },
    // meetings
    {
      name: 'meeting of a non-UUID body id',
      method: 'post',
      path: () => '/bodies/socialnamnden/meetings',
      body: meetingDto,
      ...validation('id'),
    },
    {
      name: 'meeting of an unknown body',
      method: 'post',
      path: () => `/bodies/${NIL}/meetings`,
      body: meetingDto,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'meeting date 2024-02-30',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: { ...meetingDto, date: '2024-02-30' },
      ...validation('date'),
    },
    {
      name: 'meeting without attendees',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: { ...meetingDto, attendees: [] },
      ...validation('attendees'),
    },
    {
      name: 'meeting attendee role BOSS',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: { ...meetingDto, attendees: [{ name: 'L1', role: 'BOSS' }] },
      ...validation('attendees.0.role'),
    },
    {
      name: 'meeting attendee with an unknown field',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: { ...meetingDto, attendees: [{ name: 'L1', role: 'LEDAMOT', age: 50 }] },
      ...validation('attendees.0.age'),
    },
    {
      name: 'meeting closedAt without a time zone',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: { ...meetingDto, closedAt: '2024-05-22T17:00:00' },
      ...validation('closedAt'),
    },
    {
      name: 'meeting with an attendee listed twice',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: { ...meetingDto, attendees: [...attendees, { name: 'L1', role: 'ERSATTARE' }] },
      ...validation('attendees'),
    },
    {
      name: 'meeting with two chairs',
      method: 'post',
      path: () => `/bodies/${f.bodyId}/meetings`,
      body: { ...meetingDto, attendees: [...attendees, { name: 'L8', role: 'LEDAMOT', chair: true }] },
      ...validation('attendees'),
    },
    { name: 'GET a non-UUID meeting', method: 'get', path: () => '/meetings/123', ...validation('id') },
    { name: 'GET an unknown meeting', method: 'get', path: () => `/meetings/${NIL}`, status: 404, code: 'NOT_FOUND' },
    // paragraphs
    {
      name: 'paragraph of a non-UUID meeting',
      method: 'post',
      path: () => '/meetings/123/paragraphs',
      body: para(),
      ...validation('id'),
    },
    {
      name: 'paragraph of an unknown meeting',
      method: 'post',
      path: () => `/meetings/${NIL}/paragraphs`,
      body: para(),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'paragraphNumber 45 (a number)',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ paragraphNumber: 45 }),
      ...validation('paragraphNumber'),
    },
    {
      name: 'paragraph without proposals',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: { ...para(), proposals: undefined },
      ...validation('proposals'),
    },
    {
      name: 'paragraph subject ANYTHING',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ subject: 'ANYTHING' }),
      ...validation('subject'),
    },
    {
      name: 'paragraph method kind SHOUT',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ method: { kind: 'SHOUT', adopted: 'A' } }),
      ...validation('method.kind'),
    },
    {
      name: 'paragraph vote MAYBE',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({
        method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes: [{ member: 'L1', vote: 'MAYBE' }] },
      }),
      ...validation('method.votes.0.vote'),
    },
    {
      name: 'paragraph proposal with an unknown field',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ proposals: [{ id: 'A', by: [{ name: 'L1' }], text: 'Bifall', votes: 3 }] }),
      ...validation('proposals.0.votes'),
    },
    {
      name: 'paragraph with an unknown field',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ comment: 'x' }),
      ...validation('comment'),
    },
    {
      name: 'paragraph documentVersionId not a UUID',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ documentVersionId: 'v1' }),
      ...validation('documentVersionId'),
    },
    {
      name: 'paragraph documentVersionId unknown',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ documentVersionId: NIL }),
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'reservation announcedAt "yesterday"',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: para({ reservations: [{ members: [{ name: 'L2' }], announcedAt: 'yesterday' }] }),
      ...validation('reservations.0.announcedAt'),
    },
    {
      name: 'paragraph body is a JSON array',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      body: [para()],
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'paragraph body is not JSON',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/paragraphs`,
      raw: '{"paragraphNumber": "§ 1",',
      ...validation('body'),
    },
    // justering, anslag
    {
      name: 'justering justeradOn 2024-13-01',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/justering`,
      body: { justeradOn: '2024-13-01', justerare: ['L2'] },
      ...validation('justeradOn'),
    },
    {
      name: 'justering without justerare',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/justering`,
      body: { justeradOn: '2024-05-29', justerare: [] },
      ...validation('justerare'),
    },
    {
      name: 'justering of a non-UUID meeting',
      method: 'post',
      path: () => '/meetings/x/justering',
      body: { justeradOn: '2024-05-29', justerare: ['L2'] },
      ...validation('id'),
    },
    {
      name: 'justering of an unknown meeting',
      method: 'post',
      path: () => `/meetings/${NIL}/justering`,
      body: { justeradOn: '2024-05-29', justerare: ['L2'] },
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'anslag without anslagOn',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/anslag`,
      body: { noticeBoard: 'https://kommun.example' },
      ...validation('anslagOn'),
    },
    {
      name: 'anslag noticeBoard 5 (a number)',
      method: 'post',
      path: () => `/meetings/${f.meetingId}/anslag`,
      body: { anslagOn: '2024-05-30', noticeBoard: 5 },
      ...validation('noticeBoard'),
    },
    {
      name: 'anslag of an unknown meeting',
      method: 'post',
      path: () => `/meetings/${NIL}/anslag`,
      body: { anslagOn: '2024-05-30' },
      status: 404,
      code: 'NOT_FOUND',
    },
    // protocol events
    {
      name: 'event type FOO',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { type: 'FOO' },
      ...validation('type'),
    },
    {
      name: 'event without a type',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { correctedOn: '2024-06-01' },
      ...validation('type'),
    },
    {
      name: 'event body is a JSON array',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: [{ type: 'CORRECTION_RECORDED' }],
      ...validation('body'),
    },
    {
      name: 'CORRECTION_RECORDED without text',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { type: 'CORRECTION_RECORDED', correctedOn: '2024-06-01', reason: 'x' },
      ...validation('text'),
    },
    {
      name: 'CORRECTION_RECORDED with an unknown field',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { type: 'CORRECTION_RECORDED', correctedOn: '2024-06-01', reason: 'x', text: 'y', paragraph: 'ny text' },
      ...validation('paragraph'),
    },
    {
      name: 'APPEAL_DECIDED outcome MAYBE',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { type: 'APPEAL_DECIDED', outcome: 'MAYBE', decidedOn: '2024-09-01' },
      ...validation('outcome'),
    },
    {
      name: 'event expectedVersion -1',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { type: 'CORRECTION_RECORDED', correctedOn: '2024-06-01', reason: 'x', text: 'y', expectedVersion: -1 },
      ...validation('expectedVersion'),
    },
    {
      name: 'RESERVATION_MOTIVATION_SUBMITTED submittedAt a date only',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { type: 'RESERVATION_MOTIVATION_SUBMITTED', member: 'L2', text: 'x', submittedAt: '2024-05-29' },
      ...validation('submittedAt'),
    },
    {
      name: 'PARAGRAPH_AMENDED with a bad method kind',
      method: 'post',
      path: () => `/decisions/${f.decisionId}/events`,
      body: { type: 'PARAGRAPH_AMENDED', reason: 'x', paragraph: para({ method: { kind: 'SHOUT', adopted: 'A' } }) },
      ...validation('paragraph.method.kind'),
    },
    {
      name: 'event on a non-UUID decision',
      method: 'post',
      path: () => '/decisions/45/events',
      body: { type: 'CORRECTION_RECORDED', correctedOn: '2024-06-01', reason: 'x', text: 'y' },
      ...validation('id'),
    },
    {
      name: 'event on an unknown decision',
      method: 'post',
      path: () => `/decisions/${NIL}/events`,
      body: { type: 'CORRECTION_RECORDED', correctedOn: '2024-06-01', reason: 'x', text: 'y' },
      status: 404,
      code: 'NOT_FOUND',
    },
    // decision reads
    { name: 'GET a non-UUID decision', method: 'get', path: () => '/decisions/%C2%A7-45', ...validation('id') },
    { name: 'GET an unknown decision', method: 'get', path: () => `/decisions/${NIL}`, status: 404, code: 'NOT_FOUND' },
    {
      name: 'GET the extract of a non-UUID decision',
      method: 'get',
      path: () => '/decisions/45/extract',
      ...validation('id'),
    },
    {
      name: 'GET the extract of an unknown decision',
      method: 'get',
      path: () => `/decisions/${NIL}/extract`,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'GET the PDF extract of a non-UUID decision',
      method: 'get',
      path: () => '/decisions/45/extract.pdf',
      ...validation('id'),
    },
    {
      name: 'GET the PDF extract of an unknown decision',
      method: 'get',
      path: () => `/decisions/${NIL}/extract.pdf`,
      status: 404,
      code: 'NOT_FOUND',
    },
    // documents, versions, signatures
    {
      name: 'document key "Bad Key"',
      method: 'post',
      path: () => '/documents',
      body: { key: 'Bad Key', title: 'x' },
      ...validation('key'),
    },
    {
      name: 'document without a title',
      method: 'post',
      path: () => '/documents',
      body: { key: 'utan-titel' },
      ...validation('title'),
    },
    {
      name: 'document with an unknown field',
      method: 'post',
      path: () => '/documents',
      body: { key: 'med-falt', title: 'x', owner: '1460' },
      ...validation('owner'),
    },
    {
      name: 'document key taken',
      method: 'post',
      path: () => '/documents',
      body: { key: 'avsiktsforklaring', title: 'x' },
      status: 409,
      code: 'DOCUMENT_EXISTS',
    },
    {
      name: 'GET an unknown document',
      method: 'get',
      path: () => '/documents/finns-inte',
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'version without text',
      method: 'post',
      path: () => `/documents/${f.docKey}/versions`,
      body: { version: '3.0' },
      ...validation('text'),
    },
    {
      name: 'version 3 (a number)',
      method: 'post',
      path: () => `/documents/${f.docKey}/versions`,
      body: { version: 3, text: 'x' },
      ...validation('version'),
    },
    {
      name: 'version of an unknown document',
      method: 'post',
      path: () => '/documents/finns-inte/versions',
      body: { version: '1.0', text: 'x' },
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'GET a non-UUID document version',
      method: 'get',
      path: () => '/document-versions/1.0',
      ...validation('id'),
    },
    {
      name: 'GET an unknown document version',
      method: 'get',
      path: () => `/document-versions/${NIL}`,
      status: 404,
      code: 'NOT_FOUND',
    },
    {
      name: 'signature signedHash in upper case',
      method: 'post',
      path: () => '/signatures',
      body: sig({ signedHash: sha256(TEXT).toUpperCase() }),
      ...validation('signedHash'),
    },
    {
      name: 'signature method STAMP',
      method: 'post',
      path: () => '/signatures',
      body: sig({ method: 'STAMP' }),
      ...validation('method'),
    },
    {
      name: 'signature municipalityCode 14',
      method: 'post',
      path: () => '/signatures',
      body: sig({ municipalityCode: '14' }),
      ...validation('municipalityCode'),
    },
    {
      name: 'signature office KING',
      method: 'post',
      path: () => '/signatures',
      body: sig({ signatory: { name: 'x', office: 'KING' } }),
      ...validation('signatory.office'),
    },
    {
      name: 'signature signedOn 2023-02-29',
      method: 'post',
      path: () => '/signatures',
      body: sig({ signedOn: '2023-02-29' }),
      ...validation('signedOn'),
    },
    {
      name: 'signature standIn without a legal basis',
      method: 'post',
      path: () => '/signatures',
      body: sig({ standIn: {} }),
      ...validation('standIn.legalBasis'),
    },
    {
      name: 'signature with an unknown field',
      method: 'post',
      path: () => '/signatures',
      body: sig({ witness: 'x' }),
      ...validation('witness'),
    },
    { name: 'GET a non-UUID signature', method: 'get', path: () => '/signatures/abc', ...validation('id') },
    {
      name: 'GET an unknown signature',
      method: 'get',
      path: () => `/signatures/${NIL}`,
      status: 404,
      code: 'NOT_FOUND',
    },
    // calendar
    { name: 'holidays year abc', method: 'get', path: () => '/calendar/holidays?year=abc', ...validation('year') },
    { name: 'holidays year 1500', method: 'get', path: () => '/calendar/holidays?year=1500', ...validation('year') },
  ];

  it.each(bad.map((b) => [b.name, b.status, b] as const))(
    'input: %s → %i with the standard error body; nothing written',
    async (_name, _status, b) => {
      const before = await footprint();
      const paragraphs = (await ok('get', `/meetings/${f.meetingId}`)).paragraphs.length;
      const decisionVersion = (await ok('get', `/decisions/${f.decisionId}`)).version;
      const raw = b.raw !== undefined ? { headers: { 'Content-Type': 'application/json' } } : {};
      const res = await api.request(b.method, b.path(), ctx.tokens.admin, b.raw ?? b.body, raw);
      expect({ status: res.status, code: res.body?.code }).toEqual({ status: b.status, code: b.code });
      expectErrorBody(res.body);
      if (b.field) {
        expect(res.body.details.fields.map((x: any) => x.field)).toContain(b.field);
        expect(res.body.message).toContain(b.field);
        for (const x of res.body.details.fields)
          expect(x).toEqual({ field: expect.any(String), reason: expect.any(String), reasonSv: expect.any(String) });
      }
      expect(await footprint()).toEqual(before);
      expect((await ok('get', `/meetings/${f.meetingId}`)).paragraphs.length).toBe(paragraphs);
      expect((await ok('get', `/decisions/${f.decisionId}`)).version).toBe(decisionVersion);
    },
  );

  it('input: the valid versions of the refused requests are accepted (the 400s were about the input)', async () => {
    expect((await req('post', `/municipalities/${OWN}/bodies`, 'admin', bodyDto)).status).toBe(201);
    expect(
      (
        await req('post', `/bodies/${f.bodyId}/meetings`, 'admin', {
          ...meetingDto,
          closedAt: '2024-05-22T17:00:00+02:00',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await req(
          'post',
          `/meetings/${f.meetingId}/paragraphs`,
          'admin',
          para({ reservations: [{ members: [{ name: 'L2' }], announcedAt: '2024-05-22T15:00:00Z' }] }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await req('post', `/decisions/${f.decisionId}/events`, 'admin', {
          type: 'CORRECTION_RECORDED',
          correctedOn: '2024-06-01',
          reason: 'x',
          text: 'y',
          expectedVersion: (await ok('get', `/decisions/${f.decisionId}`)).version,
        })
      ).status,
    ).toBe(201);
    expect((await req('post', '/documents', 'admin', { key: 'med-titel', title: 'x' })).status).toBe(201);
    expect((await req('post', `/documents/${f.docKey}/versions`, 'admin', { version: '3.0', text: 'x' })).status).toBe(
      201,
    );
    expect(
      (
        await req(
          'post',
          '/signatures',
          'admin',
          sig({ standIn: { legalBasis: 'KS 2023-11-20 § 201' }, signatory: { name: 'x', office: 'OTHER' } }),
        )
      ).status,
    ).toBe(201);
    expect((await req('get', '/calendar/holidays?year=2027', 'auditor')).body.year).toBe(2027);
  });
});
