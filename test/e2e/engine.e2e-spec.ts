import {
  accepted,
  ALL_CODES,
  apiClient,
  createCollaboration,
  enter,
  ev,
  expectErrorBody,
  getHistory,
  membershipWorkflowId,
  postEvent,
  rowCount,
  sql,
  useTestApp,
  verifyWorkflow,
  workflowFootprint,
} from './kit';

// The workflow engine through the API: optimistic concurrency, idempotency, the history, and verify (hash chain and
// replay) against single-byte tampering of stored rows.
describe('workflow engine', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);

  const expectContiguous = (history: any[]) => {
    const seqs = history.map((t) => t.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    for (let i = 1; i < history.length; i++) expect(history[i].prevHash).toBe(history[i - 1].hash);
  };

  // ------------------------------------------------------------------------------------------------ concurrency

  describe('concurrent writers', () => {
    const slug = 'engine-race';
    beforeAll(async () => {
      await createCollaboration(ctx, slug, { parties: ALL_CODES });
    });

    it.each(['1460', '1438', '1439', '1461', '1492'])(
      'two writers with the same expectedVersion on %s: exactly one 201, the other 409 VERSION_CONFLICT; no lost update, no gap',
      async (code) => {
        const workflowId = await membershipWorkflowId(ctx, code, slug);
        const [a, b] = await Promise.all([
          postEvent(ctx, code, { ...ev.adopt('2023-11-29'), expectedVersion: 0 }, ctx.tokens.admin, slug),
          postEvent(ctx, code, { ...ev.sign('2023-12-08'), expectedVersion: 0 }, ctx.tokens.clerk[code], slug),
        ]);
        expect([a.status, b.status].sort()).toEqual([201, 409]);
        const [winner, loser] = a.status === 201 ? [a, b] : [b, a];
        expect(loser.body.code).toBe('VERSION_CONFLICT');
        expectErrorBody(loser.body);
        expect(winner.body.transition.seq).toBe(1);
        const history = await getHistory(ctx, workflowId);
        expect(history).toHaveLength(2);
        expectContiguous(history);
        expect(history[1].eventType).toBe(winner.body.transition.eventType);
        expect(history[1].hash).toBe(winner.body.transition.hash);
        expect((await workflowFootprint(ctx, workflowId)).version).toBe(1);
        expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
      },
    );

    it('ten concurrent writers without expectedVersion: every 201 has its own seq, the log is contiguous and verifies', async () => {
      const code = '1984';
      await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
      await accepted(ctx, code, ev.requestExit('2025-03-10', '2035-12-31'), { slug });
      await accepted(ctx, code, ev.notice('2025-03-20T10:00:00+01:00'), { slug });
      const workflowId = await membershipWorkflowId(ctx, code, slug);
      const before = (await getHistory(ctx, workflowId)).length;
      // COUNCIL_INFORMED may be recorded repeatedly in 'member.leaving'.
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          postEvent(ctx, code, ev.informed(`2025-04-${String(i + 10)}`), ctx.tokens.coordinator, slug),
        ),
      );
      for (const r of results) {
        expect([201, 409]).toContain(r.status);
        if (r.status === 409) expect(r.body.code).toBe('VERSION_CONFLICT');
      }
      const won = results.filter((r) => r.status === 201);
      expect(won.length).toBeGreaterThanOrEqual(1);
      const history = await getHistory(ctx, workflowId);
      expectContiguous(history);
      expect(history).toHaveLength(before + won.length);
      // No lost update: each accepted request is exactly one row, with the seq it was told.
      const seqs = won.map((r) => r.body.transition.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: won.length }, (_, i) => before + i));
      for (const r of won) expect(history[r.body.transition.seq].hash).toBe(r.body.transition.hash);
      expect((await workflowFootprint(ctx, workflowId)).version).toBe(history.length - 1);
      expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
    });

    it('concurrent writers on different instances do not block each other: all succeed', async () => {
      const codes = ['1983', '1960'];
      const results = await Promise.all(
        codes.map((code) =>
          postEvent(ctx, code, { ...ev.adopt('2016-09-26'), expectedVersion: 0 }, ctx.tokens.admin, slug),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      for (const code of codes) expectContiguous(await getHistory(ctx, await membershipWorkflowId(ctx, code, slug)));
    });

    it('two concurrent POST /collaborations with the same slug: one 201, one 409 SLUG_TAKEN; one collaboration, no orphan rows', async () => {
      const count = (table: string) => rowCount(ctx, table);
      const instancesBefore = await count('workflow_instance');
      const body = {
        slug: 'engine-same-slug',
        name: 'Samma',
        parties: ['1460', '1438'],
        declarationVersion: 'v1',
        declarationEffectiveDate: '2024-01-01',
      };
      const results = await Promise.all([0, 1].map(() => api.post('/collaborations', body)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expectErrorBody(results.find((r) => r.status === 409)!.body, 'SLUG_TAKEN');
      const rows = await sql(ctx, 'SELECT id FROM collaboration WHERE slug = ?', ['engine-same-slug']);
      expect(rows).toHaveLength(1);
      // One collaboration workflow and two membership workflows: the loser's rows were rolled back.
      expect(await count('workflow_instance')).toBe(instancesBefore + 3);
    });

    it('a stale expectedVersion is refused with 409 VERSION_CONFLICT (details: expected and current) and writes nothing', async () => {
      const code = '1983';
      const workflowId = await membershipWorkflowId(ctx, code, slug);
      const before = await workflowFootprint(ctx, workflowId);
      expect(before.version).toBe(1);
      for (const expectedVersion of [0, 2, 7]) {
        const res = await postEvent(ctx, code, { ...ev.sign('2016-08-31'), expectedVersion }, ctx.tokens.admin, slug);
        expect(res.status).toBe(409);
        expectErrorBody(res.body, 'VERSION_CONFLICT');
        expect(res.body.details).toEqual({ expectedVersion, currentVersion: 1 });
      }
      expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
      const ok = await postEvent(ctx, code, { ...ev.sign('2016-08-31'), expectedVersion: 1 }, ctx.tokens.admin, slug);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ version: 2, transition: { seq: 2 } });
    });
  });

  // ------------------------------------------------------------------------------------------------ idempotency

  describe('Idempotency-Key', () => {
    const slug = 'engine-idem';
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
    });
    const post = (code: string, body: Record<string, unknown>, key?: string) =>
      postEvent(ctx, code, body, ctx.tokens.admin, slug, { idempotencyKey: key });

    it('same key and same body: the first result again, replayed: true, nothing new written', async () => {
      const body = { ...ev.adopt('2023-11-29'), expectedVersion: 0 };
      const first = await post('1460', body, 'key-1');
      expect(first.status).toBe(201);
      expect(first.body.replayed).toBe(false);
      const footprint = await workflowFootprint(ctx, first.body.workflowId);
      const again = await post('1460', body, 'key-1');
      expect(again.status).toBe(201);
      expect(again.body.replayed).toBe(true);
      expect(again.body.transition).toEqual(first.body.transition);
      expect(again.body).toMatchObject({ state: first.body.state, version: first.body.version });
      expect(await workflowFootprint(ctx, first.body.workflowId)).toEqual(footprint);
    });

    it('same key and another body: 422 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
      const workflowId = await membershipWorkflowId(ctx, '1460', slug);
      const footprint = await workflowFootprint(ctx, workflowId);
      const res = await post('1460', { ...ev.adopt('2023-11-30'), expectedVersion: 0 }, 'key-1');
      expect(res.status).toBe(422);
      expectErrorBody(res.body, 'IDEMPOTENCY_KEY_REUSED');
      expect(res.body.details).toMatchObject({ seq: 1 });
      expect(await workflowFootprint(ctx, workflowId)).toEqual(footprint);
    });

    it('a retry after the instance moved on still returns the first result (not a 409 for its stale expectedVersion)', async () => {
      await post('1460', ev.sign('2023-12-08'), 'key-2');
      const again = await post('1460', { ...ev.adopt('2023-11-29'), expectedVersion: 0 }, 'key-1');
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        replayed: true,
        transition: { seq: 1, eventType: 'FULLMAKTIGE_ADOPTED_DECLARATION' },
      });
      expect(await getHistory(ctx, again.body.workflowId)).toHaveLength(3);
    });

    it('a refused request does not use up its key: the corrected request with the same key is recorded', async () => {
      const refused = await post('1438', ev.adopt('2023-11-29', 'KS'), 'key-3');
      expect(refused.status).toBe(422);
      expect((await post('1438', ev.adopt('2023-11-29', 'KS'), 'key-3')).status).toBe(422);
      const ok = await post('1438', ev.adopt('2023-11-29'), 'key-3');
      expect(ok.status).toBe(201);
      expect(ok.body.replayed).toBe(false);
    });

    it('the key is stored with the row it produced, and the row verifies', async () => {
      const workflowId = await membershipWorkflowId(ctx, '1460', slug);
      const rows = await sql(
        ctx,
        'SELECT seq, idempotency_key FROM workflow_transition WHERE instance_id = ? ORDER BY seq',
        [workflowId],
      );
      expect(rows.map((r: any) => [Number(r.seq), r.idempotency_key])).toEqual([
        [0, null],
        [1, 'key-1'],
        [2, 'key-2'],
      ]);
      expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
    });

    it('an Idempotency-Key over 128 characters is refused with 400 naming Idempotency-Key, nothing written', async () => {
      const workflowId = await membershipWorkflowId(ctx, '1439', slug);
      const before = await workflowFootprint(ctx, workflowId);
      const res = await post('1439', ev.adopt('2023-11-29'), 'k'.repeat(129));
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 'VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: any) => f.field)).toEqual(['Idempotency-Key']);
      expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
      expect((await post('1439', ev.adopt('2023-11-29'), 'k'.repeat(128))).status).toBe(201);
    });

    it('concurrent retries with the same Idempotency-Key and body: one row each; every retry gets the first result (replayed)', async () => {
      await enter(ctx, '1461', '2023-11-29', '2023-12-08', slug);
      await post('1461', ev.requestExit('2025-03-10', '2035-12-31'));
      await post('1461', ev.notice('2025-03-20T10:00:00+01:00'));
      const workflowId = await membershipWorkflowId(ctx, '1461', slug);
      // Five rounds of three identical requests in flight at once (COUNCIL_INFORMED may be recorded again and again).
      for (let round = 1; round <= 5; round++) {
        const before = (await getHistory(ctx, workflowId)).length;
        const body = ev.informed(`2025-04-0${round}`);
        const results = await Promise.all([0, 1, 2].map(() => post('1461', body, `key-concurrent-${round}`)));
        const history = await getHistory(ctx, workflowId);
        expect(history).toHaveLength(before + 1);
        expectContiguous(history);
        expect(results.map((r) => ({ round, status: r.status, code: r.body.code }))).toEqual(
          [0, 1, 2].map(() => ({ round, status: 201, code: undefined })),
        );
        expect(results.map((r) => r.body.replayed).sort()).toEqual([false, true, true]);
        for (const r of results) expect(r.body.transition).toEqual(results[0].body.transition);
      }
    });

    it('same key and same body after the collaboration settings changed (D1): still the first result, replayed: true', async () => {
      // The client's body is identical; only the collaboration's settings (which the service adds to the event) changed.
      const s = 'engine-idem-settings';
      await createCollaboration(ctx, s, { parties: ['1461'] });
      await enter(ctx, '1461', '2023-11-29', '2023-12-08', s);
      const body = ev.requestExit('2025-03-10');
      const send = () => postEvent(ctx, '1461', body, ctx.tokens.admin, s, { idempotencyKey: 'key-settings' });
      const first = await send();
      expect(first.status).toBe(201);
      const patched = await api.patch(`/collaborations/${s}/settings`, {
        settings: { exitRequestDate: 'fullmaktigeDecision' },
        reason: 'Jurister',
        changedOn: '2025-03-11',
      });
      expect(patched.status).toBe(200);
      const footprint = await workflowFootprint(ctx, first.body.workflowId);
      const again = await send();
      expect({ status: again.status, code: again.body.code, replayed: again.body.replayed }).toEqual({
        status: 201,
        code: undefined,
        replayed: true,
      });
      expect(again.body.transition).toEqual(first.body.transition);
      expect(await workflowFootprint(ctx, first.body.workflowId)).toEqual(footprint);
    });
  });

  // ------------------------------------------------------------------------------------------------ due events

  describe('due events (R-C7)', () => {
    const slug = 'engine-due';
    beforeAll(async () => {
      await createCollaboration(ctx, slug, { parties: ['1460'] });
      await enter(ctx, '1460', '2023-11-29', '2023-12-08', slug);
      await accepted(ctx, '1460', ev.requestExit('2023-12-11'), { slug });
      // Exit 2024-12-31: due on 2025-01-01, which has passed by the real clock.
      expect((await accepted(ctx, '1460', ev.notice('2023-12-13T10:00:00+01:00'), { slug })).exitEffectiveOn).toBe(
        '2024-12-31',
      );
    });

    it('a due event that fails for another reason than a refusal is kept and fires on a later run', async () => {
      const workflowId = await membershipWorkflowId(ctx, '1460', slug);
      const [head] = await sql(ctx, 'SELECT snapshot FROM workflow_instance WHERE id = ?', [workflowId]);
      // The head cannot be read for a moment (standing in for a failing database or a concurrent writer).
      await sql(ctx, 'UPDATE workflow_instance SET snapshot = ? WHERE id = ?', ['{', workflowId]);
      const failed = await api.post('/workflows/due-events/run', {});
      expect(failed.status).toBe(200);
      expect(failed.body).toMatchObject({ fired: 0 });
      expect(await sql(ctx, 'SELECT due_on FROM workflow_due_event WHERE instance_id = ?', [workflowId])).toEqual([
        { due_on: '2025-01-01' },
      ]);
      await sql(ctx, 'UPDATE workflow_instance SET snapshot = ? WHERE id = ?', [head.snapshot, workflowId]);
      const run = await api.post('/workflows/due-events/run', {});
      expect(run.body.fired).toBeGreaterThanOrEqual(1);
      const history = await getHistory(ctx, workflowId);
      expect(history[history.length - 1]).toMatchObject({
        eventType: 'EXIT_TOOK_EFFECT',
        toState: 'exited',
        legalDate: '2025-01-01',
      });
      expect(await sql(ctx, 'SELECT due_on FROM workflow_due_event WHERE instance_id = ?', [workflowId])).toEqual([]);
      expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
    });
  });

  // ------------------------------------------------------------------------------------------------ history

  describe('history and verify', () => {
    const slug = 'engine-history';
    let workflowId: string;
    beforeAll(async () => {
      await createCollaboration(ctx, slug, { parties: ['1492'] });
      workflowId = await membershipWorkflowId(ctx, '1492', slug);
    });

    it('a fresh instance has one genesis row and verifies ok', async () => {
      const history = await getHistory(ctx, workflowId);
      expect(history).toHaveLength(1);
      expect(await verifyWorkflow(ctx, workflowId)).toEqual({
        workflowId,
        machine: 'membership@2',
        ok: true,
        events: 1,
        firstDivergence: null,
        problems: [],
        tables: [],
      });
    });

    it('history shape: genesis seq 0 (xstate.init, input, zero prevHash), then linked rows with legal date, actor and UTC instant', async () => {
      await accepted(ctx, '1492', ev.adopt('2023-11-29'), { slug, token: ctx.tokens.clerk['1492'] });
      await accepted(ctx, '1492', ev.sign('2023-12-08'), { slug });
      await accepted(ctx, '1492', ev.requestExit('2025-03-10', '2035-12-31'), {
        slug,
        token: ctx.tokens.clerk['1492'],
      });
      await accepted(ctx, '1492', ev.notice('2025-03-20T23:30:00Z'), { slug, token: ctx.tokens.coordinator });
      const res = await api.get(`/workflows/${workflowId}/history`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ workflowId, machineId: 'membership', machineVersion: 2 });
      const t = res.body.transitions;
      expect(t.map((r: any) => r.seq)).toEqual([0, 1, 2, 3, 4]);
      expect(t[0]).toMatchObject({
        seq: 0,
        eventType: 'xstate.init',
        payload: {
          collaboration: slug,
          municipality: '1492',
          declarationVersion: '2023-12-08',
          declarationEffectiveDate: '2024-01-01',
        },
        actor: { role: 'admin', municipality: null },
        legalDate: null,
        fromState: null,
        toState: 'notMember',
        machineId: 'membership',
        machineVersion: 2,
        prevHash: '0'.repeat(64),
      });
      expect(t.map((r: any) => r.eventType)).toEqual([
        'xstate.init',
        'FULLMAKTIGE_ADOPTED_DECLARATION',
        'KSO_SIGNED',
        'FULLMAKTIGE_REQUESTED_EXIT',
        'EXIT_NOTICE_DELIVERED',
      ]);
      expect(t.map((r: any) => r.legalDate)).toEqual([null, '2023-11-29', '2023-12-08', '2025-03-10', '2025-03-21']);
      expect(t.map((r: any) => [r.fromState, r.toState])).toEqual([
        [null, 'notMember'],
        ['notMember', 'awaitingSignature'],
        ['awaitingSignature', 'member.active'],
        ['member.active', 'member.exitDecided'],
        ['member.exitDecided', 'member.leaving'],
      ]);
      expect(t.map((r: any) => [r.actor.role, r.actor.municipality])).toEqual([
        ['admin', null],
        ['clerk', '1492'],
        ['admin', null],
        ['clerk', '1492'],
        ['coordinator', null],
      ]);
      expect(new Set(t.map((r: any) => r.actor.id)).size).toBe(3);
      for (const r of t) {
        expect(r.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        expect(new Date(r.recordedAt).toISOString()).toBe(r.recordedAt);
        expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      }
      expectContiguous(t);
      expect(new Set(t.map((r: any) => r.hash)).size).toBe(t.length);
      // The payload is the event's data as recorded (the settings in force added by the service).
      expect(t[4].payload).toMatchObject({
        type: 'EXIT_NOTICE_DELIVERED',
        arrivedAt: '2025-03-20T23:30:00Z',
        settings: { exitRequestDate: 'noticeArrival' },
      });
      expect(await verifyWorkflow(ctx, workflowId)).toMatchObject({
        ok: true,
        events: 5,
        firstDivergence: null,
        problems: [],
      });
    });

    it('GET /workflows/{id} gives the head: machine, pinned version, state, version, context and allowed events', async () => {
      const res = await api.get(`/workflows/${workflowId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: workflowId,
        machineId: 'membership',
        machineVersion: 2,
        state: 'member.leaving',
        version: 4,
        subject: `membership:${slug}:1492`,
      });
      expect(res.body.allowedEvents).toEqual(['COUNCIL_INFORMED', 'EXIT_REQUEST_WITHDRAWN']);
      expect(res.body.context.periods[0].exitRequests[0]).toMatchObject({
        noticeOn: '2025-03-21',
        effectiveOn: '2035-12-31',
      });
    });
  });

  // ------------------------------------------------------------------------------------------------ tampering

  describe('verify finds any single changed byte in a stored log row (firstDivergence.seq)', () => {
    // Each case gets its own membership with rows: 0 genesis (admin), 1 KF decision (clerk), 2 KSO signature (admin,
    // with an Idempotency-Key), 3 exit decision (admin).
    const slugs = ['tamper-a', 'tamper-b', 'tamper-c', 'tamper-d'];
    const instances: string[] = [];
    beforeAll(async () => {
      for (const slug of slugs) {
        await createCollaboration(ctx, slug, { parties: ALL_CODES });
        for (const code of ALL_CODES) {
          await accepted(ctx, code, ev.adopt('2023-11-29'), { slug, token: ctx.tokens.clerk[code] });
          const signed = await postEvent(ctx, code, ev.sign('2023-12-08'), ctx.tokens.admin, slug, {
            idempotencyKey: `sign-${slug}-${code}`,
          });
          expect(signed.status).toBe(201);
          await accepted(ctx, code, ev.requestExit('2025-03-10', '2035-12-31'), { slug });
          instances.push(signed.body.workflowId);
        }
      }
    });
    let next = 0;
    const freshInstance = async () => {
      const id = instances[next++];
      expect((await verifyWorkflow(ctx, id)).ok).toBe(true);
      return id;
    };

    /** Changes one character: a digit to the next digit, a letter to the next letter (same length, still ASCII). */
    const bump = (s: string, index: number) => {
      const c = s[index];
      let d: string;
      if (/[0-8]/.test(c)) d = String(Number(c) + 1);
      else if (c === '9') d = '0';
      else if (/[a-yA-Y]/.test(c)) d = String.fromCharCode(c.charCodeAt(0) + 1);
      else if (c === 'z') d = 'a';
      else if (c === 'Z') d = 'A';
      else d = c === '-' ? '_' : '-';
      return s.slice(0, index) + d + s.slice(index + 1);
    };

    const readRow = async (id: string, seq: number) => {
      const rows = await sql(ctx, 'SELECT * FROM workflow_transition WHERE instance_id = ? AND seq = ?', [id, seq]);
      expect(rows).toHaveLength(1);
      return rows[0];
    };

    const expectDivergenceAt = async (id: string, seq: number, kind?: string) => {
      const report = await verifyWorkflow(ctx, id);
      expect(report.ok).toBe(false);
      expect(report.firstDivergence).toEqual(
        expect.objectContaining({ seq, kind: kind ?? expect.any(String), message: expect.any(String) }),
      );
      expect(report.problems.length).toBeGreaterThanOrEqual(1);
      return report;
    };

    // column, seq of the row to change, where in the value to change one character
    const textCases: Array<[string, number, (v: string) => number]> = [
      ['event_type', 2, (v) => v.length - 1],
      ['payload', 2, (v) => v.indexOf('2023-12-08') + 9],
      ['payload', 0, (v) => v.indexOf('2024-01-01') + 3],
      ['actor_id', 2, (v) => v.length - 1],
      ['actor_role', 2, () => 0],
      ['actor_municipality', 1, (v) => v.length - 1],
      ['recorded_at', 2, (v) => v.length - 2],
      ['legal_date', 2, (v) => v.length - 1],
      ['from_state', 2, (v) => v.length - 1],
      ['to_state', 2, (v) => v.length - 1],
      ['prev_hash', 2, () => 10],
      ['hash', 2, () => 10],
      ['hash', 3, () => 0],
      ['machine_id', 2, () => 0],
      ['idempotency_key', 2, (v) => v.length - 1],
    ];

    it.each(textCases)('a changed byte in %s of row %i is reported at that seq', async (column, seq, at) => {
      const id = await freshInstance();
      const row = await readRow(id, seq);
      const value = String(row[column]);
      const changed = bump(value, at(value));
      expect(changed).not.toBe(value);
      expect(changed).toHaveLength(value.length);
      await sql(ctx, `UPDATE workflow_transition SET ${column} = ? WHERE instance_id = ? AND seq = ?`, [
        changed,
        id,
        seq,
      ]);
      expect((await readRow(id, seq))[column]).toBe(changed);
      await expectDivergenceAt(id, seq);
    });

    it('a changed digit in machine_version of row 2 is reported at seq 2', async () => {
      const id = await freshInstance();
      // A new membership is pinned to version 2 (membership@2): the row is changed to name version 1.
      await sql(ctx, 'UPDATE workflow_transition SET machine_version = ? WHERE instance_id = ? AND seq = ?', [
        1,
        id,
        2,
      ]);
      const report = await expectDivergenceAt(id, 2);
      expect(report.problems.map((p: any) => p.kind)).toEqual(
        expect.arrayContaining(['HASH_MISMATCH', 'MACHINE_MISMATCH']),
      );
    });

    it('a changed digit in seq (2 → 5) is reported at seq 2 (MISSING_ROW)', async () => {
      const id = await freshInstance();
      await sql(ctx, 'UPDATE workflow_transition SET seq = ? WHERE instance_id = ? AND seq = ?', [5, id, 2]);
      await expectDivergenceAt(id, 2, 'MISSING_ROW');
    });

    it('a changed payload is reported first as HASH_MISMATCH at its seq; the stored links after it are intact', async () => {
      const id = await freshInstance();
      const row = await readRow(id, 1);
      const changed = bump(row.payload, row.payload.indexOf('2023-11-29') + 9);
      await sql(ctx, 'UPDATE workflow_transition SET payload = ? WHERE instance_id = ? AND seq = ?', [changed, id, 1]);
      const report = await expectDivergenceAt(id, 1, 'HASH_MISMATCH');
      expect(report.problems.filter((p: any) => p.kind === 'CHAIN_BROKEN')).toEqual([]);
    });

    it('a payload that is no longer JSON is reported at its seq (HASH_MISMATCH, BAD_PAYLOAD); history still answers', async () => {
      const id = await freshInstance();
      const row = await readRow(id, 2);
      await sql(ctx, 'UPDATE workflow_transition SET payload = ? WHERE instance_id = ? AND seq = ?', [
        bump(row.payload, 0),
        id,
        2,
      ]);
      const report = await expectDivergenceAt(id, 2, 'HASH_MISMATCH');
      expect(report.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ seq: 2, kind: 'BAD_PAYLOAD' })]),
      );
      expect(await getHistory(ctx, id)).toHaveLength(4);
    });

    it('a deleted row in the middle is reported (MISSING_ROW at its seq); a deleted last row as HEAD_MISMATCH', async () => {
      const middle = await freshInstance();
      await sql(ctx, 'DELETE FROM workflow_transition WHERE instance_id = ? AND seq = ?', [middle, 2]);
      await expectDivergenceAt(middle, 2, 'MISSING_ROW');
      const last = await freshInstance();
      await sql(ctx, 'DELETE FROM workflow_transition WHERE instance_id = ? AND seq = ?', [last, 3]);
      await expectDivergenceAt(last, 3, 'HEAD_MISMATCH');
    });

    it.each([
      ['snapshot', (v: string) => v.indexOf('2023-12-08') + 9],
      ['state', (v: string) => v.length - 1],
      ['last_hash', () => 5],
    ] as Array<[string, (v: string) => number]>)(
      'a changed byte in the head (workflow_instance.%s) is reported as HEAD_MISMATCH',
      async (column, at) => {
        const id = await freshInstance();
        const [head] = await sql(ctx, 'SELECT * FROM workflow_instance WHERE id = ?', [id]);
        const value = String(head[column]);
        const changed = bump(value, at(value));
        expect(changed).not.toBe(value);
        await sql(ctx, `UPDATE workflow_instance SET ${column} = ? WHERE id = ?`, [changed, id]);
        const report = await verifyWorkflow(ctx, id);
        expect(report.ok).toBe(false);
        expect(report.firstDivergence).toMatchObject({ seq: 3, kind: 'HEAD_MISMATCH' });
      },
    );

    it('a changed head version is reported as HEAD_MISMATCH', async () => {
      const id = await freshInstance();
      await sql(ctx, 'UPDATE workflow_instance SET version = ? WHERE id = ?', [4, id]);
      const report = await verifyWorkflow(ctx, id);
      expect(report.ok).toBe(false);
      expect(report.firstDivergence).toMatchObject({ kind: 'HEAD_MISMATCH' });
    });

    it('a payload rewritten so that the machine’s guard throws on replay is a finding (REPLAY_REFUSED), and the service keeps answering', async () => {
      const id = await freshInstance();
      const [row] = await sql(ctx, 'SELECT * FROM workflow_transition WHERE instance_id = ? AND seq = ?', [id, 1]);
      await sql(ctx, 'UPDATE workflow_transition SET payload = ? WHERE id = ?', ['{"settings":{}}', row.id]);
      const report = await verifyWorkflow(ctx, id);
      expect(report.ok).toBe(false);
      expect(report.firstDivergence).toMatchObject({ seq: 1, kind: 'HASH_MISMATCH' });
      expect(report.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ seq: 1, kind: 'REPLAY_REFUSED' })]),
      );
      // XState reports an unobserved actor error on a timer: give it the chance, then the service must still answer.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await api.get('/collaborations')).status).toBe(200);
    });

    it('untouched instances next to the tampered ones still verify ok', async () => {
      const id = instances[instances.length - 1];
      expect(next).toBeLessThan(instances.length);
      expect((await verifyWorkflow(ctx, id)).ok).toBe(true);
    });
  });
});
