import { apiClient, decisionKit, ledamoter, paragraphs, sql, useTestApp } from './kit';

// Issue 10 §9: a name in a five-year-old decision record is removed under a gallringsbeslut (R-K8, R-K9); the chain
// stays whole, verify names the removal and its decision, and a datum changed or deleted without a gallring is found.
describe('gallring of personal data (issue 10 §9, R-K8, R-K9)', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const { clerk, post, get, body, meeting, record, decision, event } = decisionKit(ctx);
  const para = paragraphs({ paragraphNumber: '§ 12', matter: { title: 'Riktlinjer för bistånd' } });
  const beslut = { diarienummer: 'Dnr 2026/45', decidedOn: '2026-01-15', organ: 'KS' };

  async function verifyAll() {
    const started = await api.post('/verify', {}, ctx.tokens.auditor);
    let job = started.body;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = (await api.get(`/verify/${started.body.id}`, ctx.tokens.auditor)).body;
    }
    return job.report;
  }

  /** A 2021 paragraph with a reservation by L2, justerat, anslaget and final. */
  async function finalParagraph() {
    const meetingId = await meeting('1401', { date: '2021-03-10' });
    const token = await clerk('1401');
    const p = await record(
      meetingId,
      para({ reservations: [{ members: [{ name: 'L2' }], announcedAt: '2021-03-10T15:00:00Z' }] }),
      token,
    );
    expect(
      (await post(`/meetings/${meetingId}/justering`, { justeradOn: '2021-03-12', justerare: ['L1', 'L3'] }, token))
        .status,
    ).toBe(200);
    expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2021-03-15' }, token)).status).toBe(200);
    expect((await post('/workflows/due-events/run', {}, ctx.tokens.admin)).status).toBe(200);
    const final = await event(p.id, { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2021-04-20' }, token);
    expect(final.body.status).toBe('FINAL');
    return p;
  }

  it('R-K8, R-K9: removes the name of a reserving member; the record shows it removed, verify is clean and names the decision', async () => {
    const p = await finalParagraph();
    // The log holds only the commitment; the read shows the name.
    const [genesis] = await sql(
      ctx,
      `SELECT payload FROM workflow_transition WHERE instance_id = '${p.workflowId}' AND seq = 0`,
    );
    expect(String(genesis.payload)).not.toContain('"L2"');
    expect(String(genesis.payload)).toMatch(/pd:[0-9a-f]{64}/);
    expect((await decision(p.id)).paragraph.reservations[0].members[0].name).toBe('L2');

    const res = await post('/gallring', { beslut, items: [{ decisionId: p.id, name: 'L2' }] }, ctx.tokens.admin);
    expect(res.status).toBe(201);
    expect(res.body.removed).toEqual([
      expect.objectContaining({
        decisionId: p.id,
        under: 'KS Dnr 2026/45 (2026-01-15)',
        commitment: expect.any(String),
      }),
    ]);
    const commitment = res.body.removed[0].commitment as string;
    const [datum] = await sql(ctx, `SELECT salt, value FROM personal_datum WHERE commitment = '${commitment}'`);
    expect(datum).toEqual({ salt: null, value: null });

    const after = await decision(p.id);
    expect(after.paragraph.reservations[0].members[0].name).toBe(
      '[gallrad enligt beslut KS Dnr 2026/45 (2026-01-15) / removed under decision KS Dnr 2026/45 (2026-01-15)]',
    );
    expect(after.paragraph.proposals[0].by[0].name).not.toContain('gallrad');

    const report = await verifyAll();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.removed).toEqual([
      expect.objectContaining({ table: 'personal_datum', row: commitment, decision: 'KS Dnr 2026/45 (2026-01-15)' }),
    ]);

    // R-K9: the same datum twice is refused, naming the decision it was removed under.
    const again = await post('/gallring', { beslut, items: [{ decisionId: p.id, commitment }] }, ctx.tokens.admin);
    expect({ status: again.status, code: again.body.code, ruleId: again.body.ruleId }).toEqual({
      status: 422,
      code: 'PERSONAL_DATUM_ALREADY_REMOVED',
      ruleId: 'R-K9',
    });
  });

  it('R-K8, R-K9: refuses a gallring without a decision, under a future decision, or of a record still needing the name; nothing is removed', async () => {
    const p = await finalParagraph();
    const meetingId = await meeting('1401', { date: '2024-05-22' });
    const draft = await record(meetingId, para({ paragraphNumber: '§ 2' }), await clerk('1401'));
    const before = await sql(ctx, 'SELECT commitment, value FROM personal_datum ORDER BY commitment');
    const cases: Array<[unknown, string, string]> = [
      [{ items: [{ decisionId: p.id, name: 'L2' }] }, 'GALLRING_WITHOUT_DECISION', 'R-K8'],
      [
        { beslut: { ...beslut, decidedOn: '2027-12-01' }, items: [{ decisionId: p.id, name: 'L2' }] },
        'GALLRINGSBESLUT_IN_FUTURE',
        'R-K8',
      ],
      [{ beslut, items: [{ decisionId: draft.id, name: 'L1' }] }, 'PERSONAL_DATUM_NEEDED', 'R-K9'],
      [{ beslut, items: [{ decisionId: p.id, name: 'Nobody' }] }, 'PERSONAL_DATUM_NOT_NAMED', 'R-K9'],
    ];
    for (const [body, code, ruleId] of cases) {
      const res = await post('/gallring', body, ctx.tokens.admin);
      expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
        status: 422,
        code,
        ruleId,
      });
    }
    expect(await sql(ctx, 'SELECT commitment, value FROM personal_datum ORDER BY commitment')).toEqual(before);
    const bad = await post('/gallring', { beslut, items: [{ decisionId: p.id }] }, ctx.tokens.admin);
    expect(bad.status).toBe(400);
    expect(
      (await post('/gallring', { beslut, items: [{ decisionId: p.id, name: 'L2' }] }, ctx.tokens.auditor)).status,
    ).toBe(403);
  });

  it("R-K8, R-K9: removes a delegationsbeslut's delegate (scope delegation:<id>) once its anmälan has settled", async () => {
    const token = await clerk('1401');
    const namnd = await body('1401', 'NAMND', 9);
    const recorded = await post(
      `/bodies/${namnd}/delegation-decisions`,
      {
        kind: 'DELEGATIONSBESLUT',
        number: 'D 2021/3',
        delegate: { name: 'Karin Delegat', title: 'Socialchef' },
        point: '3.2',
        decidedOn: '2021-03-01',
        matter: { title: 'Ansökan om bistånd', diarienummer: 'SN 2021/7' },
        decision: 'Bistånd beviljas.',
      },
      token,
    );
    expect(recorded.status).toBe(201);
    const id = recorded.body.id as string;
    const item = { beslut, items: [{ decisionId: id, name: 'Karin Delegat' }] };
    // Not reported yet: the anmälan will name the delegate, so the name is still needed.
    const early = await post('/gallring', item, ctx.tokens.admin);
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'PERSONAL_DATUM_NEEDED' });

    const meetingRes = await post(`/bodies/${namnd}/meetings`, { date: '2021-03-10', attendees: ledamoter(7) }, token);
    const meetingId = meetingRes.body.id as string;
    expect(
      (await post(`/delegation-decisions/${id}/anmalan`, { meetingId, paragraphNumber: '§ 4' }, token)).status,
    ).toBe(201);
    expect(
      (await post(`/meetings/${meetingId}/justering`, { justeradOn: '2021-03-12', justerare: ['L1', 'L3'] }, token))
        .status,
    ).toBe(200);
    expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2021-03-15' }, token)).status).toBe(200);
    expect((await post('/workflows/due-events/run', {}, ctx.tokens.admin)).status).toBe(200);
    expect((await event(id, { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2021-04-20' }, token)).body.status).toBe(
      'FINAL',
    );

    const res = await post('/gallring', item, ctx.tokens.admin);
    expect(res.status).toBe(201);
    expect(res.body.removed).toEqual([expect.objectContaining({ decisionId: id, record: `delegation:${id}` })]);
    const removed =
      '[gallrad enligt beslut KS Dnr 2026/45 (2026-01-15) / removed under decision KS Dnr 2026/45 (2026-01-15)]';
    const after = (await get(`/delegation-decisions/${id}`)).body;
    expect(after.delegate.name).toBe(removed);
    expect(after.anmalan.delegation.delegate).toBe(removed); // the anmälan's genesis holds the same marker
    expect(JSON.stringify(after)).not.toContain('Karin Delegat');

    const report = await verifyAll();
    expect(report.problems).toEqual([]);
    expect(report.removed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          table: 'personal_datum',
          record: `delegation:${id}`,
          decision: 'KS Dnr 2026/45 (2026-01-15)',
        }),
      ]),
    );
    // By its commitment (the name is gone): refused, naming the decision it was removed under.
    const commitment = res.body.removed[0].commitment as string;
    const again = await post('/gallring', { beslut, items: [{ decisionId: id, commitment }] }, ctx.tokens.admin);
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 422,
      code: 'PERSONAL_DATUM_ALREADY_REMOVED',
    });
    // A name at the anmälan's meeting is still found in the meeting's scope under the same decision id.
    const attendee = await post('/gallring', { beslut, items: [{ decisionId: id, name: 'L2' }] }, ctx.tokens.admin);
    expect(attendee.status).toBe(201);
    expect(attendee.body.removed[0].record).toBe(`meeting:${meetingId}`);
  });

  it('a delegate deleted without a gallring is found by verify, naming the delegationsbeslut', async () => {
    const namnd = await body('1401', 'NAMND', 9);
    const res = await post(
      `/bodies/${namnd}/delegation-decisions`,
      {
        kind: 'ORDFORANDEBESLUT',
        number: 'O 2021/1',
        delegate: { name: 'Olle Ordförande' },
        point: '1.1',
        decidedOn: '2021-02-01',
        matter: { title: 'Brådskande ärende' },
        decision: 'Beslutas enligt förslaget.',
      },
      await clerk('1401'),
    );
    expect(res.status).toBe(201);
    const [datum] = await sql(ctx, `SELECT commitment FROM personal_datum WHERE scope = ?`, [
      `delegation:${res.body.id}`,
    ]);
    await sql(ctx, `DELETE FROM personal_datum WHERE commitment = ?`, [datum.commitment]);
    const report = await verifyAll();
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'RECORD_MISSING', table: 'personal_datum', rowId: datum.commitment }),
      ]),
    );
    expect(report.problems.find((p: any) => p.rowId === datum.commitment).message).toContain(
      `delegation_decision ${res.body.id}`,
    );
  });

  it('a commitment changed, or a value deleted without a gallring, is found by verify', async () => {
    const p = await finalParagraph();
    const [l1] = await sql(ctx, `SELECT commitment FROM personal_datum WHERE value = 'L1' ORDER BY created_at DESC`);
    const [l3] = await sql(ctx, `SELECT commitment FROM personal_datum WHERE value = 'L3' ORDER BY created_at DESC`);
    expect(p.id).toBeDefined();
    await sql(ctx, `UPDATE personal_datum SET commitment = '${'0'.repeat(64)}' WHERE commitment = '${l1.commitment}'`);
    await sql(ctx, `UPDATE personal_datum SET value = NULL, salt = NULL WHERE commitment = '${l3.commitment}'`);
    const report = await verifyAll();
    expect(report.ok).toBe(false);
    const kinds = report.problems
      .filter((x: any) => x.table === 'personal_datum')
      .map((x: any) => `${x.kind}:${x.rowId}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        `RECORD_HASH_MISMATCH:${'0'.repeat(64)}`,
        `RECORD_MISSING:${l1.commitment}`,
        `PERSONAL_DATUM_REMOVED_WITHOUT_GALLRING:${l3.commitment}`,
      ]),
    );
    // A removal without its logged gallring is never listed as lawfully removed.
    expect(report.removed.map((r: any) => r.row)).not.toContain(l3.commitment);
  });
});
