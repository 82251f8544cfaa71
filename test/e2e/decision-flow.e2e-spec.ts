import {
  createDalsland,
  decisionKit,
  getMembership,
  ledamoter,
  MELLERUD,
  MELLERUD_PARAGRAPH,
  postEvent,
  SOCIALNAMNDEN_ATTENDEES,
  useTestApp,
} from './kit';

// Issue 3 acceptance: decisions as clerks record them, driving workflows (D10) and compensated when annulled (R-C11).
describe('decision records drive workflows (R-H19, R-I6, D10, R-C11)', () => {
  const ctx = useTestApp();
  beforeAll(() => createDalsland(ctx));

  const { post, get, body } = decisionKit(ctx);

  it('R-H19: the Mellerud socialnämnd paragraph is recorded as written and rendered as an extract', async () => {
    const sn = await body(MELLERUD, 'NAMND', 9, 'Socialnämnden');
    const meeting = await post(
      `/bodies/${sn}/meetings`,
      { date: '2024-05-22', attendees: SOCIALNAMNDEN_ATTENDEES },
      ctx.tokens.clerk[MELLERUD],
    );
    expect(meeting.status).toBe(201);
    const p = await post(`/meetings/${meeting.body.id}/paragraphs`, MELLERUD_PARAGRAPH, ctx.tokens.clerk[MELLERUD]);
    expect(p.status).toBe(201);
    expect(p.body.paragraph).toEqual(MELLERUD_PARAGRAPH);
    expect(p.body.status).toBe('DRAFT');
    const html = await get(`/decisions/${p.body.id}/extract`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('Marianne Sand Wallin');
    const pdf = await get(`/decisions/${p.body.id}/extract.pdf`);
    expect(pdf.status).toBe(200);
  });

  it('R-H2: a nämnd of 9 with 4 present cannot decide; with 5 it can', async () => {
    const bn = await body('1460', 'NAMND', 9, 'Kultur- och fritidsnämnden');
    const para = {
      ...MELLERUD_PARAGRAPH,
      proposals: [{ id: 'A', by: [{ name: 'L1' }], text: 'Bifall' }],
      reservations: [],
    };
    const m4 = await post(
      `/bodies/${bn}/meetings`,
      { date: '2024-06-01', attendees: ledamoter(4, { parties: false }) },
      ctx.tokens.clerk['1460'],
    );
    const r4 = await post(`/meetings/${m4.body.id}/paragraphs`, para, ctx.tokens.clerk['1460']);
    expect(r4.status).toBe(422);
    expect(r4.body).toMatchObject({ code: 'NOT_QUORATE', ruleId: 'R-H2' });
    const m5 = await post(
      `/bodies/${bn}/meetings`,
      { date: '2024-06-02', attendees: ledamoter(5, { parties: false }) },
      ctx.tokens.clerk['1460'],
    );
    expect((await post(`/meetings/${m5.body.id}/paragraphs`, para, ctx.tokens.clerk['1460'])).status).toBe(201);
  });

  it('D10, R-B2, R-C11: KS decision refused; annulled KF decision reversed by a compensating transition; verify passes', async () => {
    const code = '1439';
    const clerk = ctx.tokens.clerk[code];
    const kf = await body(code, 'KF', 31, 'Kommunfullmäktige');
    const ks = await body(code, 'KS', 11, 'Kommunstyrelsen');
    const adoption = {
      ...MELLERUD_PARAGRAPH,
      paragraphNumber: '§ 101',
      subject: 'DECLARATION_ADOPTION',
      collaboration: 'dalslandssamverkan',
      proposals: [{ id: 'A', by: [{ name: 'F1' }], text: 'att anta Avsiktsförklaring Dalslandssamverkan' }],
      reservations: [],
      sendTo: ['Samverkansrådet'],
    };
    const ksMeeting = await post(
      `/bodies/${ks}/meetings`,
      { date: '2023-11-13', attendees: ledamoter(6, { prefix: 'F', parties: false }) },
      clerk,
    );
    const ksDecision = await post(`/meetings/${ksMeeting.body.id}/paragraphs`, adoption, clerk);
    expect(ksDecision.status).toBe(201);
    await post(`/meetings/${ksMeeting.body.id}/justering`, { justeradOn: '2023-11-15', justerare: ['F2'] }, clerk);
    const refused = await postEvent(
      ctx,
      code,
      { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId: ksDecision.body.id },
      clerk,
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' });

    const kfMeeting = await post(
      `/bodies/${kf}/meetings`,
      { date: '2023-11-22', attendees: ledamoter(20, { prefix: 'F', parties: false }) },
      clerk,
    );
    const kfDecision = await post(`/meetings/${kfMeeting.body.id}/paragraphs`, adoption, clerk);
    const notYet = await postEvent(
      ctx,
      code,
      { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId: kfDecision.body.id },
      clerk,
    );
    expect(notYet.body.code).toBe('DECISION_NOT_JUSTERAT');
    expect(
      (
        await post(
          `/meetings/${kfMeeting.body.id}/justering`,
          { justeradOn: '2023-11-24', justerare: ['F2', 'F3'] },
          clerk,
        )
      ).status,
    ).toBe(200);
    const entry = await postEvent(
      ctx,
      code,
      { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId: kfDecision.body.id },
      clerk,
    );
    expect(entry.status).toBe(201);
    expect(
      (
        await postEvent(
          ctx,
          code,
          { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'Ulla Börjesson', office: 'KSO' } },
          clerk,
        )
      ).status,
    ).toBe(201);
    expect((await getMembership(ctx, code, '2024-01-01')).body.status).toBe('ACTIVE');

    expect((await post(`/meetings/${kfMeeting.body.id}/anslag`, { anslagOn: '2023-11-27' }, clerk)).status).toBe(200);
    expect(
      (
        await post(
          `/decisions/${kfDecision.body.id}/events`,
          { type: 'APPEAL_RECEIVED', receivedOn: '2023-12-10', court: 'Förvaltningsrätten i Göteborg' },
          clerk,
        )
      ).status,
    ).toBe(201);
    const annul = await post(
      `/decisions/${kfDecision.body.id}/events`,
      {
        type: 'APPEAL_DECIDED',
        outcome: 'ANNULLED',
        decidedOn: '2024-03-01',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '123-23',
      },
      clerk,
    );
    expect(annul.status).toBe(201);
    expect(annul.body.status).toBe('ANNULLED');
    expect(annul.body.compensations).toHaveLength(1);
    const after = await getMembership(ctx, code, '2024-03-01');
    expect(after.body).toMatchObject({ state: 'notMember', status: 'NOT_MEMBER' });
    const history = await get(`/workflows/${after.body.workflowId}/history`);
    const last = history.body.transitions[history.body.transitions.length - 1];
    expect(last).toMatchObject({ eventType: 'DECISION_ANNULLED', actor: { role: 'system' } });
    expect(last.payload.cause).toContain(kfDecision.body.workflowId);
    const verify = await post(`/workflows/${after.body.workflowId}/verify`, undefined, ctx.tokens.auditor);
    expect(verify.body).toMatchObject({ ok: true });
    const again = await postEvent(
      ctx,
      code,
      { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId: kfDecision.body.id },
      clerk,
    );
    expect(again.body.code).toBe('DECISION_ANNULLED');
  });

  it('R-I6: appeal periods through the calendar endpoint', async () => {
    for (const [anslag, last] of [
      ['2024-12-04', '2024-12-27'],
      ['2025-12-10', '2026-01-02'],
      ['2026-03-13', '2026-04-07'],
      ['2018-11-14', '2018-12-05'],
    ]) {
      const res = await get(`/calendar/deadlines?anslagDate=${anslag}`);
      expect(res.status).toBe(200);
      expect(res.body.appealLastDay).toBe(last);
    }
  });
});
