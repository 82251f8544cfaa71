import {
  accepted,
  apiClient,
  createCollaboration,
  enter,
  ev,
  expectErrorBody,
  expectRefused,
  getHistory,
  membershipWorkflowId,
  rowCount,
  useTestApp,
  workflowFootprint,
} from './kit';

// Malformed input is refused with 400 VALIDATION_FAILED naming the field (details.fields[].field), or 404 for what does
// not exist, and nothing is written.
describe('input validation', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const slug = 'input';
  beforeAll(async () => {
    await createCollaboration(ctx, slug);
    // 1460 stays notMember (entry events are valid there); 1492 is member.exitDecided (notice and withdrawal are valid).
    await enter(ctx, '1492', '2023-11-29', '2023-12-08', slug);
    await accepted(ctx, '1492', ev.requestExit('2025-03-10', '2035-12-31'), { slug });
    // 1461 is a member (an exit request is valid there).
    await enter(ctx, '1461', '2023-11-29', '2023-12-08', slug);
  });

  const fieldsOf = (body: any): string[] => (body.details?.fields ?? []).map((f: any) => f.field);
  /** Each expected field must be named; a RegExp accepts any matching name (e.g. decision or decisionId). */
  const expectFields = (body: any, ...fields: Array<string | RegExp>) => {
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(body)).toEqual(
      expect.arrayContaining(fields.map((f) => (typeof f === 'string' ? f : expect.stringMatching(f)))),
    );
    for (const f of body.details.fields) {
      expect(f).toEqual({ field: expect.any(String), reason: expect.any(String), reasonSv: expect.any(String) });
    }
  };

  /** Global counts: what any write would change. */
  const counts = async () => {
    const n = (table: string) => rowCount(ctx, table);
    return {
      collaborations: await n('collaboration'),
      memberships: await n('membership'),
      instances: await n('workflow_instance'),
      transitions: await n('workflow_transition'),
      municipalities: await n('municipality'),
      due: await n('workflow_due_event'),
    };
  };

  // ------------------------------------------------------------------------------------------------ membership events

  const adopt = ev.adopt('2023-11-29');
  const sign = ev.sign('2023-12-08');
  const cases: Array<[string, string, unknown, string | RegExp]> = [
    // wrong types
    ['decision.date as a number', '1460', { ...adopt, decision: { organ: 'KF', date: 20231129 } }, 'decision.date'],
    ['decision as a string', '1460', { ...adopt, decision: 'KF 2023-11-29' }, 'decision'],
    ['decision null', '1460', { ...adopt, decision: null }, /^decision(Id)?$/],
    ['decision missing', '1460', { type: 'FULLMAKTIGE_ADOPTED_DECLARATION' }, /^decision(Id)?$/],
    [
      'decision.organ not an organ',
      '1460',
      { ...adopt, decision: { organ: 'KOMMUNSTYRELSEN', date: '2023-11-29' } },
      'decision.organ',
    ],
    ['expectedVersion as a string', '1460', { ...adopt, expectedVersion: '0' }, 'expectedVersion'],
    ['expectedVersion negative', '1460', { ...adopt, expectedVersion: -1 }, 'expectedVersion'],
    ['expectedVersion not an integer', '1460', { ...adopt, expectedVersion: 0.5 }, 'expectedVersion'],
    ['note as a number', '1460', { ...adopt, note: 42 }, 'note'],
    ['signatory missing', '1460', { type: 'KSO_SIGNED', signedOn: '2023-12-08' }, /^signat(ory|ureId)$/],
    [
      'signatory.office unknown',
      '1460',
      { ...sign, signatory: { name: 'A', office: 'ORDFORANDE' } },
      'signatory.office',
    ],
    ['signatory.name empty', '1460', { ...sign, signatory: { name: '', office: 'KSO' } }, 'signatory.name'],
    ['standIn.legalBasis empty', '1460', { ...sign, standIn: { legalBasis: '' } }, 'standIn.legalBasis'],
    ['standIn without legalBasis', '1460', { ...sign, standIn: {} }, 'standIn.legalBasis'],
    // unknown fields
    ['an unknown top-level field', '1460', { ...adopt, approvedBy: 'council' }, 'approvedBy'],
    [
      'an unknown nested field',
      '1460',
      { ...adopt, decision: { organ: 'KF', date: '2023-11-29', approved: true } },
      'decision.approved',
    ],
    [
      'settings sent by the client (added by the service only)',
      '1492',
      { ...ev.notice('2025-03-20T10:00:00+01:00'), settings: { exitRequestDate: 'fullmaktigeDecision' } },
      'settings',
    ],
    // bad dates (R-L2: a real date YYYY-MM-DD)
    ['decision.date 2025-02-30', '1460', ev.adopt('2025-02-30'), 'decision.date'],
    ['decision.date 2025-13-01', '1460', ev.adopt('2025-13-01'), 'decision.date'],
    ['decision.date 2023-2-3', '1460', ev.adopt('2023-2-3'), 'decision.date'],
    ['decision.date as an instant', '1460', ev.adopt('2023-11-29T10:00:00Z'), 'decision.date'],
    ['signedOn 2023-02-29 (not a leap year)', '1460', ev.sign('2023-02-29'), 'signedOn'],
    ['informedOn 2025-04-31', '1492', ev.informed('2025-04-31'), 'informedOn'],
    ['desiredExitDate 2027-12-32', '1461', ev.requestExit('2025-03-10', '2027-12-32'), 'desiredExitDate'],
    ['decidedOn missing', '1492', { type: 'COUNCIL_APPROVED_EXIT' }, 'decidedOn'],
    // instants need an offset (R-L2)
    ['arrivedAt without offset', '1492', ev.notice('2025-03-20T10:00:00'), 'arrivedAt'],
    ['arrivedAt as a date', '1492', ev.notice('2025-03-20'), 'arrivedAt'],
    ['arrivedAt at 25:00', '1492', ev.notice('2025-03-20T25:00:00Z'), 'arrivedAt'],
    ['arrivedAt on 2025-02-30', '1492', ev.notice('2025-02-30T10:00:00Z'), 'arrivedAt'],
    ['arrivedAt with a space', '1492', ev.notice('2025-03-20 10:00:00+01:00'), 'arrivedAt'],
    ['arrivedAt with a short offset', '1492', ev.notice('2025-03-20T10:00:00+1:00'), 'arrivedAt'],
    ['arrivedAt as epoch millis', '1492', { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: 1742461200000 }, 'arrivedAt'],
    ['noticeArrivedAt without offset', '1492', ev.withdraw('2025-04-01', '2025-04-02T10:00:00'), 'noticeArrivedAt'],
    // unknown event types, and events only the engine may send
    ['an unknown event type', '1460', { type: 'MEMBERSHIP_GRANTED' }, 'type'],
    ['a missing type', '1460', { decision: { organ: 'KF', date: '2023-11-29' } }, 'type'],
    ['type as a number', '1460', { type: 7 }, 'type'],
    ['the lower-case type', '1460', { ...adopt, type: 'fullmaktige_adopted_declaration' }, 'type'],
    ['EXIT_TOOK_EFFECT from a client', '1492', { type: 'EXIT_TOOK_EFFECT', on: '2025-01-01' }, 'type'],
    [
      'DECISION_ANNULLED from a client',
      '1492',
      { type: 'DECISION_ANNULLED', decisionId: 'x', annulledOn: '2025-01-01', cause: 'x' },
      'type',
    ],
    ['xstate.init from a client', '1460', { type: 'xstate.init' }, 'type'],
    // not an object
    ['an array body', '1460', [adopt], 'body'],
    ['an empty array body', '1460', [], 'body'],
  ];

  it.each(cases)(
    'membership event with %s → 400 naming the field, nothing written',
    async (_name, code, body, field) => {
      const res = await expectRefused(ctx, code, body, { status: 400, code: 'VALIDATION_FAILED' }, { slug });
      expectFields(res.body, field);
    },
  );

  it.each([
    ['invalid JSON', '{"type": "KSO_SIGNED",'],
    ['a JSON string', '"KSO_SIGNED"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
  ])(
    'membership event with %s as the body → 400 VALIDATION_FAILED naming the body, nothing written',
    async (_name, raw) => {
      const workflowId = (await api.get(`/collaborations/${slug}/memberships/1460`)).body.workflowId;
      const before = await workflowFootprint(ctx, workflowId);
      const res = await api.post(`/collaborations/${slug}/memberships/1460/events`, raw, ctx.tokens.admin, {
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expectErrorBody(res.body);
      expectFields(res.body, 'body');
      expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
    },
  );

  it('a body over the size limit → 413 with the standard error body, nothing written', async () => {
    const before = await counts();
    const res = await api.post(`/collaborations/${slug}/memberships/1460/events`, {
      ...adopt,
      note: 'x'.repeat(200_000),
    });
    expect(res.status).toBe(413);
    expectErrorBody(res.body, 'PAYLOAD_TOO_LARGE');
    expect(await counts()).toEqual(before);
  });

  it('the valid versions of the refused bodies are accepted (the 400s were about the input)', async () => {
    expect((await accepted(ctx, '1460', { ...adopt, expectedVersion: 0, note: 'ok' }, { slug })).state).toBe(
      'awaitingSignature',
    );
    expect((await accepted(ctx, '1492', ev.notice('2025-03-20T10:00:00+01:00'), { slug })).state).toBe(
      'member.leaving',
    );
  });

  it.each([
    ['an unknown collaboration', '/collaborations/no-such-collaboration/memberships/1492', 'NOT_FOUND', undefined],
    ['an unknown municipality', `/collaborations/${slug}/memberships/9999`, 'UNKNOWN_MUNICIPALITY', '9999'],
    ['a malformed municipality code', `/collaborations/${slug}/memberships/abc`, 'UNKNOWN_MUNICIPALITY', 'abc'],
    ['a municipality that is not a party', `/collaborations/${slug}/memberships/1984`, 'NOT_A_PARTY', '1984'],
  ])(
    '%s → 404 for reading and for recording an event; nothing written',
    async (_name, path, code, municipalityCode) => {
      const before = await counts();
      const read = await api.get(path);
      const write = await api.post(`${path}/events`, adopt);
      for (const res of [read, write]) {
        expect(res.status).toBe(404);
        expectErrorBody(res.body, code);
        if (municipalityCode) expect(res.body.details).toMatchObject({ municipalityCode });
      }
      expect(await counts()).toEqual(before);
    },
  );

  it('an unknown collaboration → 404 NOT_FOUND for GET /collaborations/:slug and PATCH settings', async () => {
    const get = await api.get('/collaborations/no-such-collaboration');
    expect(get.status).toBe(404);
    expectErrorBody(get.body, 'NOT_FOUND');
    const patch = await api.patch('/collaborations/no-such-collaboration/settings', {
      settings: { exitRequestDate: 'fullmaktigeDecision' },
      reason: 'x',
      changedOn: '2025-01-01',
    });
    expect(patch.status).toBe(404);
    expectErrorBody(patch.body, 'NOT_FOUND');
  });

  it('a query parameter the endpoint does not know → 400 naming it, nothing written; without a token 401 first', async () => {
    const fieldsOf = (res: { body: any }) => res.body.details.fields.map((f: any) => f.field);
    // An endpoint that takes no query at all (the pipe never sees its query).
    const workflowId = await membershipWorkflowId(ctx, '1492', slug);
    const history = await api.get(`/workflows/${workflowId}/history?limit=5`);
    expect(history.status).toBe(400);
    expectErrorBody(history.body, 'VALIDATION_FAILED');
    expect(fieldsOf(history)).toEqual(['limit']);
    expect(history.body.details.fields[0].reasonSv).toContain('okänd');

    // A write: refused before anything is read or written.
    const before = await workflowFootprint(ctx, workflowId);
    const post = await api.post(`/collaborations/${slug}/memberships/1492/events?dryRun=true`, ev.notice('2025-03-12'));
    expect(post.status).toBe(400);
    expect(fieldsOf(post)).toEqual(['dryRun']);
    expect(await workflowFootprint(ctx, workflowId)).toEqual(before);

    // An endpoint with a query DTO refuses what the DTO does not declare (the ValidationPipe), and takes what it does.
    const described = await api.get(`/collaborations/${slug}?asOf=2024-01-01&lang=en`);
    expect(described.status).toBe(400);
    expect(fieldsOf(described)).toEqual(['lang']);
    expect((await api.get(`/collaborations/${slug}?asOf=2024-01-01`)).status).toBe(200);
    expect((await api.get(`/workflows/${workflowId}/history`)).status).toBe(200);

    // Who may not call the endpoint learns nothing of its parameters.
    expect((await api.request('get', `/workflows/${workflowId}/history?limit=5`, null)).status).toBe(401);
  });

  it('an unknown route → 404 with the standard error body', async () => {
    const res = await api.get('/no-such-route', ctx.tokens.admin);
    expect(res.status).toBe(404);
    expectErrorBody(res.body, 'NOT_FOUND');
  });

  it('a body in another media type (XML) → 415 UNSUPPORTED_MEDIA_TYPE with the standard error body, nothing written', async () => {
    const before = await counts();
    const res = await api.post(
      `/collaborations/${slug}/memberships/1460/events`,
      '<event type="COUNCIL_INFORMED"/>',
      ctx.tokens.admin,
      { headers: { 'Content-Type': 'application/xml' } },
    );
    expect(res.status).toBe(415);
    expectErrorBody(res.body, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await counts()).toEqual(before);
  });

  it.each(['%ZZ', '%E0%A4%A'])(
    'an undecodable path (%s) → 400 naming the path, with the standard error body; nothing written',
    async (bad) => {
      const before = await counts();
      for (const res of [
        await api.get(`/collaborations/${bad}`),
        await api.post(`/collaborations/${slug}/memberships/${bad}/events`, ev.informed('2025-04-01')),
      ]) {
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expectErrorBody(res.body, 'VALIDATION_FAILED');
        expectFields(res.body, 'path');
      }
      expect(await counts()).toEqual(before);
    },
  );

  // ------------------------------------------------------------------------------------------------ asOf, ids

  it.each(['2025-13-01', '2025-02-29', '20250101', '2025-1-1', 'today'])('asOf=%s → 400 naming asOf', async (asOf) => {
    for (const path of [
      `/collaborations/${slug}/memberships/1492?asOf=${asOf}`,
      `/collaborations/${slug}?asOf=${asOf}`,
    ]) {
      const res = await api.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expectErrorBody(res.body);
      expectFields(res.body, 'asOf');
    }
  });

  it('a valid asOf is accepted (2024-02-29)', async () => {
    const res = await api.get(`/collaborations/${slug}/memberships/1492?asOf=2024-02-29`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: '2024-02-29', status: 'ACTIVE' });
  });

  it.each(['get', 'history', 'verify'])(
    'workflow %s: an id that is not a UUID → 400 naming id; an unknown UUID → 404 NOT_FOUND',
    async (what) => {
      const call = (id: string) => {
        if (what === 'get') return api.get(`/workflows/${id}`);
        if (what === 'history') return api.get(`/workflows/${id}/history`);
        return api.post(`/workflows/${id}/verify`, undefined, ctx.tokens.auditor);
      };
      for (const id of ['not-a-uuid', '123', "1' OR '1'='1"]) {
        const res = await call(encodeURIComponent(id));
        expect(res.status).toBe(400);
        expectErrorBody(res.body);
        expectFields(res.body, 'id');
      }
      const unknown = await call('0b4e7a1c-2f3d-4e5a-9b6c-7d8e9f0a1b2c');
      expect(unknown.status).toBe(404);
      expectErrorBody(unknown.body, 'NOT_FOUND');
    },
  );

  it.each([
    [{ asOf: '2025-13-01' }, 'asOf'],
    [{ asOf: 20250101 }, 'asOf'],
    [{ asOf: '2025-01-01', force: true }, 'force'],
    [{ asOf: '2999-01-01' }, 'asOf'], // never ahead of time: a deadline takes effect when its day has come
  ])('POST /workflows/due-events/run with %j → 400 naming the field, nothing fired', async (body, field) => {
    const before = await counts();
    const res = await api.post('/workflows/due-events/run', body);
    expect(res.status).toBe(400);
    expectFields(res.body, field);
    expect(await counts()).toEqual(before);
  });

  // ------------------------------------------------------------------------------------------------ collaborations

  describe('POST /collaborations', () => {
    const valid = {
      slug: 'new-one',
      name: 'Ny samverkan',
      parties: ['1460', '1438'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2024-01-01',
    };
    const bad: Array<[string, Record<string, unknown>, string]> = [
      ['slug with a space', { ...valid, slug: 'bad slug' }, 'slug'],
      ['slug with capitals', { ...valid, slug: 'Bad' }, 'slug'],
      ['slug with a double hyphen', { ...valid, slug: 'a--b' }, 'slug'],
      ['slug starting with a hyphen', { ...valid, slug: '-a' }, 'slug'],
      ['slug ending with a hyphen', { ...valid, slug: 'a-' }, 'slug'],
      ['empty slug', { ...valid, slug: '' }, 'slug'],
      ['slug of 65 characters', { ...valid, slug: 'a'.repeat(65) }, 'slug'],
      ['slug as a number', { ...valid, slug: 42 }, 'slug'],
      ['empty name', { ...valid, name: '' }, 'name'],
      ['missing name', { ...valid, name: undefined }, 'name'],
      ['empty parties', { ...valid, parties: [] }, 'parties'],
      ['parties as a string', { ...valid, parties: '1460' }, 'parties'],
      ['a malformed party code', { ...valid, parties: ['1460', 'abc'] }, 'parties'],
      ['an unknown party code', { ...valid, parties: ['1460', '9999'] }, 'parties[1]'],
      ['a missing declarationVersion', { ...valid, declarationVersion: undefined }, 'declarationVersion'],
      [
        'declarationEffectiveDate 2024-02-30',
        { ...valid, declarationEffectiveDate: '2024-02-30' },
        'declarationEffectiveDate',
      ],
      [
        'declarationEffectiveDate as an instant',
        { ...valid, declarationEffectiveDate: '2024-01-01T00:00:00Z' },
        'declarationEffectiveDate',
      ],
      [
        'an unknown setting value',
        { ...valid, settings: { exitRequestDate: 'decisionDate' } },
        'settings.exitRequestDate',
      ],
      [
        'an unknown entry organ',
        { ...valid, settings: { entryDecisionOrgan: 'NAMND' } },
        'settings.entryDecisionOrgan',
      ],
      ['an unknown setting', { ...valid, settings: { exitNoticeMonths: 12 } }, 'settings.exitNoticeMonths'],
      ['settings as a string', { ...valid, settings: 'noticeArrival' }, 'settings'],
      ['an unknown field', { ...valid, owner: 'x' }, 'owner'],
    ];

    it.each(bad)('%s → 400 naming the field, nothing written', async (_name, body, field) => {
      const before = await counts();
      const res = await api.post('/collaborations', body);
      expect(res.status).toBe(400);
      expectErrorBody(res.body);
      expectFields(res.body, field);
      expect(await counts()).toEqual(before);
    });

    it('several unknown party codes are each named by their index', async () => {
      const res = await api.post('/collaborations', { ...valid, parties: ['9998', '1460', '9999'] });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body).sort()).toEqual(['parties[0]', 'parties[2]']);
      expect((await api.get('/collaborations/new-one')).status).toBe(404);
    });

    it('invalid JSON and a non-object body → 400, nothing written', async () => {
      const before = await counts();
      for (const raw of ['{"slug": "x",', '[]', '"x"']) {
        const res = await api.post('/collaborations', raw, ctx.tokens.admin, {
          headers: { 'Content-Type': 'application/json' },
        });
        expect(res.status).toBe(400);
        expectErrorBody(res.body, 'VALIDATION_FAILED');
      }
      expect(await counts()).toEqual(before);
    });

    it('the valid body is accepted; the same slug again → 409 SLUG_TAKEN, nothing written', async () => {
      const res = await api.post('/collaborations', valid);
      expect(res.status).toBe(201);
      expect(res.body.members.map((m: any) => m.municipality.code).sort()).toEqual(['1438', '1460']);
      const before = await counts();
      const again = await api.post('/collaborations', { ...valid, name: 'Annan' });
      expect(again.status).toBe(409);
      expectErrorBody(again.body, 'SLUG_TAKEN');
      expect(await counts()).toEqual(before);
    });
  });

  // ------------------------------------------------------------------------------------------------ settings, municipalities

  describe('PATCH /collaborations/:slug/settings', () => {
    let collaborationWorkflowId: string;
    beforeAll(async () => {
      collaborationWorkflowId = (await api.get(`/collaborations/${slug}`)).body.workflowId;
    });
    const good = { settings: { exitRequestDate: 'fullmaktigeDecision' }, reason: 'Jurister', changedOn: '2025-02-01' };

    it.each([
      ['an unknown value', { ...good, settings: { exitRequestDate: 'decision' } }, 'settings.exitRequestDate'],
      ['an unknown setting', { ...good, settings: { noticeMonths: 6 } }, 'settings.noticeMonths'],
      ['settings missing', { reason: 'x', changedOn: '2025-02-01' }, 'settings'],
      ['reason missing', { settings: good.settings, changedOn: '2025-02-01' }, 'reason'],
      ['changedOn 2025-02-30', { ...good, changedOn: '2025-02-30' }, 'changedOn'],
      ['an unknown field', { ...good, effectiveFrom: '2025-03-01' }, 'effectiveFrom'],
    ] as Array<[string, object, string]>)('%s → 400 naming the field, nothing logged', async (_name, body, field) => {
      const before = await getHistory(ctx, collaborationWorkflowId);
      const res = await api.patch(`/collaborations/${slug}/settings`, body);
      expect(res.status).toBe(400);
      expectFields(res.body, field);
      expect(await getHistory(ctx, collaborationWorkflowId)).toEqual(before);
      expect((await api.get(`/collaborations/${slug}`)).body.settings.exitRequestDate).toBe('noticeArrival');
    });
  });

  describe('POST /municipalities', () => {
    it.each([
      [{ code: '123', name: 'X' }, 'code'],
      [{ code: 'abcd', name: 'X' }, 'code'],
      [{ code: 1487, name: 'X' }, 'code'],
      [{ code: '1487', name: '' }, 'name'],
      [{ code: '1487', name: 'X', county: 'Västra Götaland' }, 'county'],
    ])('%j → 400 naming the field, nothing written', async (body, field) => {
      const before = await counts();
      const res = await api.post('/municipalities', body);
      expect(res.status).toBe(400);
      expectFields(res.body, field);
      expect(await counts()).toEqual(before);
    });

    it('an existing code → 409 MUNICIPALITY_EXISTS', async () => {
      const res = await api.post('/municipalities', { code: '1460', name: 'Bengtsfors' });
      expect(res.status).toBe(409);
      expectErrorBody(res.body, 'MUNICIPALITY_EXISTS');
    });
  });
});
