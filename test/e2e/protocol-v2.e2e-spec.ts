import { MachineRegistry } from '../../src/workflow/machine-registry';
import {
  createDalsland,
  decisionKit,
  expectErrorBody,
  getHistory,
  ledamoter,
  MELLERUD_PARAGRAPH,
  postEvent,
  useTestApp,
  verifyWorkflow,
} from './kit';

// The protocol machine's version 2 through the API (issue 10 §5, issue 11 §4, §6): the justering and anslag deadlines
// as due events (R-I1, R-I4), inhibition (R-I13), late appeals (R-I14), no appeal clock (R-I15), and a paragraph that
// decided nothing in substance (R-H22). The real clock is used: every date here is in the past.
describe('protocol machine version 2 (R-I1, R-I4, R-I13, R-I14, R-I15, R-H22)', () => {
  const ctx = useTestApp();
  beforeAll(() => createDalsland(ctx));
  const { clerk, post, get, meeting, record, decision, event, body, para } = decisionKit(ctx);
  const runDue = async () => {
    const res = await post('/workflows/due-events/run', {}, ctx.tokens.admin);
    expect(res.status).toBe(200);
  };
  const eventTypes = async (workflowId: string) => (await getHistory(ctx, workflowId)).map((t) => t.eventType);
  const refused = async (id: string, payload: Record<string, unknown>, token: string, code: string, ruleId: string) => {
    await runDue(); // what is due fires before any write; compare the refused event alone
    const before = await decision(id);
    const res = await event(id, payload, token);
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({ status: 422, code, ruleId });
    expectErrorBody(res.body);
    expect((await decision(id)).version).toBe(before.version);
  };

  it('R-I1, R-I4: a deadline that passes fires once as a system event that records it; the late act is still accepted', async () => {
    const meetingId = await meeting('1401', { date: '2024-05-22' });
    const token = await clerk('1401');
    const p = await record(meetingId, para(), token);
    // version 3 (h-delegnotice) is version 2's lifecycle with a delegationsbeslut's own notice besides
    expect((await get(`/workflows/${p.workflowId}`)).body).toMatchObject({ machineId: 'protocol', machineVersion: 3 });
    await runDue();
    await runDue();
    const history = await getHistory(ctx, p.workflowId);
    expect(history.map((t) => t.eventType)).toEqual(['xstate.init', 'JUSTERING_DEADLINE_PASSED']);
    expect(history[1]).toMatchObject({ actor: { id: 'system' }, toState: 'draft', legalDate: '2024-06-06' });
    const d = await decision(p.id);
    expect(d).toMatchObject({
      status: 'DRAFT',
      late: { justering: { deadline: '2024-06-05', passedOn: '2024-06-06' } },
    });
    expect(d.warnings).toEqual([expect.objectContaining({ code: 'JUSTERING_LATE', ruleId: 'R-I1' })]);
    // A client cannot send the system's event.
    const forged = await event(p.id, { type: 'JUSTERING_DEADLINE_PASSED', on: '2024-06-06' }, token);
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(forged.status).toBeLessThan(500);
    const j = await post(
      `/meetings/${meetingId}/justering`,
      { justeradOn: '2024-06-20', justerare: ['L1', 'L2'] },
      token,
    );
    expect(j.status).toBe(200);
    await runDue();
    const justerad = await decision(p.id);
    expect(justerad).toMatchObject({
      status: 'JUSTERAT',
      late: { anslag: { deadline: '2024-06-24', passedOn: '2024-06-25' } },
    });
    expect(justerad.warnings.map((w: { code: string }) => w.code)).toEqual([
      'JUSTERING_LATE',
      'JUSTERING_LATE',
      'ANSLAG_LATE',
    ]);
    expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2024-06-27' }, token)).status).toBe(200);
    expect(await eventTypes(p.workflowId)).toEqual([
      'xstate.init',
      'JUSTERING_DEADLINE_PASSED',
      'JUSTERAT',
      'ANSLAG_DEADLINE_PASSED',
      'ANSLAG_POSTED',
    ]);
    expect(await verifyWorkflow(ctx, p.workflowId)).toMatchObject({ ok: true });
  });

  /** A KF adoption of the declaration that drives the membership of `code`, justerat, anslaget and appealed in time. */
  async function appealedAdoption(code: string) {
    const token = ctx.tokens.clerk[code];
    const kf = await body(code, 'KF', 31, 'Kommunfullmäktige');
    const m = await post(
      `/bodies/${kf}/meetings`,
      { date: '2023-11-22', attendees: ledamoter(20, { prefix: 'F', parties: false }) },
      token,
    );
    const adoption = {
      ...MELLERUD_PARAGRAPH,
      paragraphNumber: '§ 101',
      subject: 'DECLARATION_ADOPTION',
      collaboration: 'dalslandssamverkan',
      proposals: [{ id: 'A', by: [{ name: 'F1' }], text: 'att anta Avsiktsförklaring Dalslandssamverkan' }],
      reservations: [],
      sendTo: ['Samverkansrådet'],
    };
    const d = await post(`/meetings/${m.body.id}/paragraphs`, adoption, token);
    expect(d.status).toBe(201);
    await post(`/meetings/${m.body.id}/justering`, { justeradOn: '2023-11-24', justerare: ['F2', 'F3'] }, token);
    const entry = await postEvent(ctx, code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId: d.body.id }, token);
    expect(entry.status).toBe(201);
    await post(`/meetings/${m.body.id}/anslag`, { anslagOn: '2023-11-27' }, token);
    const appeal = {
      type: 'APPEAL_RECEIVED',
      receivedOn: '2023-12-10',
      court: 'Förvaltningsrätten i Göteborg',
      caseNumber: '123-23',
    };
    expect((await event(d.body.id, appeal, token)).status).toBe(201);
    return { decisionId: d.body.id as string, membershipWorkflowId: entry.body.workflowId as string, token };
  }

  it('R-I13: inhibition stops what the decision drove (shown, not rewritten) and drives nothing new; lifting is shown and logged', async () => {
    const code = '1439';
    const { decisionId, membershipWorkflowId, token } = await appealedAdoption(code);
    expect(membershipWorkflowId).toBeDefined();
    const court = 'Förvaltningsrätten i Göteborg';
    await refused(
      decisionId,
      { type: 'INHIBITION_LIFTED', liftedOn: '2023-12-20' },
      token,
      'NO_INHIBITION_IN_FORCE',
      'R-I13',
    );
    await refused(
      decisionId,
      { type: 'INHIBITION_ORDERED', court, orderedOn: '2023-12-09' },
      token,
      'INHIBITION_BEFORE_APPEAL',
      'R-I13',
    );
    const membershipLog = await getHistory(ctx, membershipWorkflowId);
    const ordered = await event(
      decisionId,
      { type: 'INHIBITION_ORDERED', court, caseNumber: '123-23', orderedOn: '2023-12-15' },
      token,
    );
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({
      status: 'APPEALED',
      inhibition: { decisionId, ruleId: 'R-I13', court, caseNumber: '123-23', orderedOn: '2023-12-15' },
    });
    await refused(
      decisionId,
      { type: 'INHIBITION_ORDERED', court, orderedOn: '2023-12-16' },
      token,
      'INHIBITION_IN_FORCE',
      'R-I13',
    );
    await refused(
      decisionId,
      { type: 'INHIBITION_LIFTED', liftedOn: '2023-12-14' },
      token,
      'INHIBITION_LIFTED_BEFORE_ORDER',
      'R-I13',
    );
    // What it drove shows it is stopped, read side only: its log is as it was.
    const stopped = await get(`/workflows/${membershipWorkflowId}/history`);
    expect(stopped.body.stoppedBy).toEqual([
      expect.objectContaining({ causeKey: `decision:${decisionId}`, ruleId: 'R-I13', court }),
    ]);
    expect(stopped.body.transitions).toEqual(membershipLog);
    expect((await get(`/workflows/${membershipWorkflowId}`)).body.stoppedBy).toHaveLength(1);
    // Nothing new is driven by it.
    const again = await postEvent(ctx, code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId }, token);
    expect({ status: again.status, code: again.body.code, ruleId: again.body.ruleId }).toEqual({
      status: 422,
      code: 'DECISION_INHIBITED',
      ruleId: 'R-I13',
    });
    const lifted = await event(decisionId, { type: 'INHIBITION_LIFTED', liftedOn: '2024-01-10' }, token);
    expect(lifted.status).toBe(201);
    expect(lifted.body.inhibition).toBeNull();
    expect(lifted.body.inhibitions).toEqual([
      { court, caseNumber: '123-23', orderedOn: '2023-12-15', endedOn: '2024-01-10', endedBy: 'LIFTED' },
    ]);
    expect((await get(`/workflows/${membershipWorkflowId}/history`)).body.stoppedBy).toBeUndefined();
    const d = await decision(decisionId);
    expect(await eventTypes(d.workflowId)).toContain('INHIBITION_LIFTED');
    expect(await verifyWorkflow(ctx, d.workflowId)).toMatchObject({ ok: true });
  });

  it('R-I13: the judgment ends an inhibition still in force', async () => {
    const { decisionId, token } = await appealedAdoption('1460');
    const court = 'Förvaltningsrätten i Göteborg';
    expect(
      (await event(decisionId, { type: 'INHIBITION_ORDERED', court, orderedOn: '2023-12-15' }, token)).status,
    ).toBe(201);
    const judged = await event(
      decisionId,
      { type: 'APPEAL_DECIDED', outcome: 'REJECTED', decidedOn: '2024-03-01' },
      token,
    );
    expect(judged.body).toMatchObject({ status: 'FINAL', inhibition: null });
    expect(judged.body.inhibitions[0]).toMatchObject({ endedOn: '2024-03-01', endedBy: 'JUDGMENT' });
  });

  it('R-I14: a decision on a late appeal needs one pending', async () => {
    const meetingId = await meeting('1415', { date: '2024-05-22' });
    const token = await clerk('1415');
    const p = await record(meetingId, para(), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2024-05-24', justerare: ['L1', 'L2'] }, token);
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2024-05-27' }, token);
    await runDue();
    expect((await decision(p.id)).status).toBe('PRESUMED_FINAL');
    const dismiss = { type: 'APPEAL_DECIDED', outcome: 'DISMISSED', decidedOn: '2024-08-01' };
    await refused(p.id, dismiss, token, 'NO_LATE_APPEAL_PENDING', 'R-I14');
    const late = await event(
      p.id,
      { type: 'APPEAL_RECEIVED', receivedOn: '2024-06-20', court: 'Förvaltningsrätten i Göteborg' },
      token,
    );
    expect(late.body).toMatchObject({
      status: 'PRESUMED_FINAL',
      lateAppeals: [{ receivedOn: '2024-06-20', appealLastDay: '2024-06-17' }],
    });
    await refused(p.id, { ...dismiss, decidedOn: '2024-06-19' }, token, 'JUDGMENT_BEFORE_APPEAL', 'R-I5');
    const dismissed = await event(p.id, dismiss, token);
    expect(dismissed.body).toMatchObject({ status: 'PRESUMED_FINAL' });
    await refused(p.id, dismiss, token, 'NO_LATE_APPEAL_PENDING', 'R-I14');
  });

  it('R-I15: a paragraph that is only beredning has no appeal clock after its anslag, and its status says why', async () => {
    const meetingId = await meeting('1401', { date: '2024-09-02' });
    const token = await clerk('1401');
    const bad = await post(`/meetings/${meetingId}/paragraphs`, para({ nature: 'YTTRANDE' }), token);
    expect(bad.status).toBe(400);
    const p = await record(meetingId, para({ nature: 'BEREDNING' }), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2024-09-04', justerare: ['L1', 'L2'] }, token);
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2024-09-05' }, token);
    await runDue();
    const d = await decision(p.id);
    expect(d).toMatchObject({ status: 'NOT_APPEALABLE', appealClock: { runs: false } });
    expect(d.appealClock.reason.sv).toContain('beredning');
    expect(d.appealLastDay).toBeUndefined();
    expect(await eventTypes(p.workflowId)).toEqual(['xstate.init', 'JUSTERAT', 'ANSLAG_POSTED']);
    const normal = await record(meetingId, para(), token);
    expect((await decision(normal.id)).appealClock).toBeUndefined();
  });

  it('R-H22: a paragraph whose matter was bordlagd drives no workflow', async () => {
    const code = '1438';
    const token = ctx.tokens.clerk[code];
    const kf = await body(code, 'KF', 6, 'Kommunfullmäktige');
    const m = await post(`/bodies/${kf}/meetings`, { date: '2024-06-10', attendees: ledamoter(6) }, token);
    const tabled = {
      ...MELLERUD_PARAGRAPH,
      reservations: [],
      paragraphNumber: '§ 30',
      subject: 'DECLARATION_ADOPTION',
      collaboration: 'dalslandssamverkan',
      matter: { title: 'Avsiktsförklaring', diarienummer: 'KS 2024/7' },
      method: undefined,
      formalQuestions: [
        {
          kind: 'BORDLAGGNING',
          movedBy: [{ name: 'L2' }],
          reason: 'Underlaget saknas',
          decidedBy: 'MINORITY',
          supporters: ['L2', 'L4'],
          outcome: 'GRANTED',
        },
      ],
    };
    const d = await post(`/meetings/${m.body.id}/paragraphs`, tabled, token);
    expect(d.status).toBe(201);
    await post(`/meetings/${m.body.id}/justering`, { justeradOn: '2024-06-12', justerare: ['L2'] }, token);
    const res = await postEvent(ctx, code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId: d.body.id }, token);
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
      status: 422,
      code: 'DECISION_NOT_IN_SUBSTANCE',
      ruleId: 'R-H22',
    });
  });

  it('a protocol@1 instance (written before version 2) still replays, runs and keeps its own rules', async () => {
    const registry = ctx.app.get(MachineRegistry);
    const latest = (registry as unknown as { latestById: Map<string, unknown> }).latestById;
    const meetingId = await meeting('1415', { date: '2018-11-07' });
    const token = await clerk('1415');
    const before = latest.get('protocol');
    latest.set('protocol', registry.get('protocol', 1));
    const p = await (async () => {
      try {
        return await record(meetingId, para(), token);
      } finally {
        latest.set('protocol', before);
      }
    })();
    expect((await get(`/workflows/${p.workflowId}`)).body.machineVersion).toBe(1);
    await runDue();
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-30', justerare: ['L1', 'L2'] }, token);
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-12-03' }, token);
    await refused(p.id, { type: 'APPEAL_RECEIVED', receivedOn: '2019-01-10' }, token, 'APPEAL_TOO_LATE', 'R-I5');
    expect(await eventTypes(p.workflowId)).toEqual(['xstate.init', 'JUSTERAT', 'ANSLAG_POSTED', 'APPEAL_PERIOD_ENDED']);
    expect((await decision(p.id)).warnings.map((w: { code: string }) => w.code)).toEqual(['JUSTERING_LATE']);
    expect(await verifyWorkflow(ctx, p.workflowId)).toMatchObject({ ok: true });
  });
});
