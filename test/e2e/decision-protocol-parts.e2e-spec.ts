import { decisionKit, ledamoter, MELLERUD_PARAGRAPH, useTestApp, createDalsland } from './kit';

// Issue 11 points 1–3: tjänstgöring per paragraph (R-H20, R-H4), several questions in one paragraph (R-H8, R-H16)
// and a matter that goes on (R-H22).
describe('the protocol as clerks keep it (R-H4, R-H8, R-H16, R-H20, R-H22)', () => {
  const ctx = useTestApp();
  beforeAll(() => createDalsland(ctx));
  const { post, get, body } = decisionKit(ctx);
  const base = { ...MELLERUD_PARAGRAPH, reservations: [], matter: { title: 'Ärende', diarienummer: 'KS 2024/7' } };

  it('R-H20, R-H4: an ersättare serves for a jävig ledamot in one paragraph only; quorum and vote lists follow', async () => {
    const clerk = ctx.tokens.clerk['1460'];
    const bn = await body('1460', 'NAMND', 5, 'Tekniska nämnden');
    const attendees = [...ledamoter(5), { name: 'E1', party: 'M', role: 'ERSATTARE', order: 1 }];
    const m = await post(`/bodies/${bn}/meetings`, { date: '2024-06-03', attendees }, clerk);
    const vote = (names: string[]) => names.map((member) => ({ member, vote: 'JA' }));
    const serving = ['L1', 'L2', 'L4', 'L5'].map((member) => ({ member }));
    const p1 = await post(
      `/meetings/${m.body.id}/paragraphs`,
      {
        ...base,
        paragraphNumber: '§ 1',
        jav: [{ member: 'L3', reason: 'Äger fastigheten', ground: 'INTRESSEJAV' }],
        tjanstgoring: [...serving, { member: 'E1', servesFor: 'L3' }],
        method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes: vote(['L1', 'L2', 'L4', 'L5', 'E1']) },
      },
      clerk,
    );
    expect(p1.status).toBe(201);
    expect(p1.body.javConsequence.sv).toContain('lämnar sammanträdet');
    // The extract shows who served in § 1, for whom the ersättare served, and the jäv with its ground (names revealed).
    const extract = (await get(`/decisions/${p1.body.id}/extract`)).text;
    expect(extract).toContain('Tjänstgörande i paragrafen');
    expect(extract).toContain('E1 (M), ersättare, tjänstgör för L3');
    expect(extract).toContain(
      '5 av 5 ledamöters platser är besatta i paragrafen; Tekniska nämnden är beslutför med 3.',
    );
    expect(extract).toContain('Jävsgrund: intressejäv (förvaltningslagen 16 § 1). Lämnar sammanträdet under ärendet');
    expect(extract).not.toMatch(/pd:[0-9a-f]/);
    // The next paragraph: L3 serves again, E1 does not, and cannot vote.
    const next = { ...base, paragraphNumber: '§ 2', matter: { title: 'Annat', diarienummer: 'KS 2024/8' } };
    const e1votes = await post(
      `/meetings/${m.body.id}/paragraphs`,
      { ...next, method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes: vote(['L1', 'E1']) } },
      clerk,
    );
    expect(e1votes.body).toMatchObject({ code: 'VOTER_NOT_PARTICIPANT', ruleId: 'R-H9' });
    const p2 = await post(
      `/meetings/${m.body.id}/paragraphs`,
      { ...next, method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes: vote(['L1', 'L3']) } },
      clerk,
    );
    expect(p2.status).toBe(201);
    const refused = async (over: object) =>
      (await post(`/meetings/${m.body.id}/paragraphs`, { ...base, paragraphNumber: '§ 9', ...over }, clerk)).body;
    expect(
      await refused({ jav: [{ member: 'L3', reason: 'x', ground: 'INTRESSEJAV' }], tjanstgoring: [{ member: 'L3' }] }),
    ).toMatchObject({ code: 'JAVIG_SERVES', ruleId: 'R-H4' });
    expect(
      await refused({ jav: [{ member: 'L3', reason: 'x', ground: 'PERSONLIGEN' }], tjanstgoring: serving }),
    ).toMatchObject({ code: 'JAV_GROUND_NOT_FOR_BODY', ruleId: 'R-H4' });
    expect(
      await refused({ tjanstgoring: [...serving, { member: 'L3' }, { member: 'E1', servesFor: 'X' }] }),
    ).toMatchObject({ code: 'TOO_MANY_SERVING', ruleId: 'R-H20' });
    expect(await refused({ tjanstgoring: [...serving, { member: 'E1' }] })).toMatchObject({
      code: 'SERVES_FOR_MISSING',
      ruleId: 'R-H20',
    });
    expect(await refused({ tjanstgoring: serving.slice(0, 2) })).toMatchObject({ code: 'NOT_QUORATE', ruleId: 'R-H2' });
  });

  it('R-H8: a KF paragraph with three proposals has its kontrapropositionsvotering and huvudvotering, both in the extract', async () => {
    const clerk = ctx.tokens.clerk['1462'];
    const kf = await body('1462', 'KF', 5, 'Kommunfullmäktige');
    const m = await post(`/bodies/${kf}/meetings`, { date: '2024-06-10', attendees: ledamoter(5) }, clerk);
    const votes = (ja: string[]) =>
      ['L1', 'L2', 'L3', 'L4', 'L5'].map((member) => ({ member, vote: ja.includes(member) ? 'JA' : 'NEJ' }));
    const three = {
      ...base,
      paragraphNumber: '§ 20',
      proposals: [
        { id: 'A', by: [{ name: 'L1' }], text: 'Bifall' },
        { id: 'B', by: [{ name: 'L2' }], text: 'Avslag' },
        { id: 'C', by: [{ name: 'L3' }], text: 'Bifall med ändring' },
      ],
      method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'C', votes: votes(['L1', 'L4', 'L5']) },
    };
    const missing = await post(`/meetings/${m.body.id}/paragraphs`, three, clerk);
    expect(missing.body).toMatchObject({ code: 'KONTRAPROPOSITION_MISSING', ruleId: 'R-H8' });
    const kontraproposition = {
      huvudforslag: 'A',
      method: { kind: 'OPEN_VOTE', adopted: 'C', ja: 'B', nej: 'C', votes: votes(['L2']) },
    };
    const wrong = await post(
      `/meetings/${m.body.id}/paragraphs`,
      { ...three, kontraproposition, method: { ...three.method, nej: 'B' } },
      clerk,
    );
    expect(wrong.body).toMatchObject({ code: 'HUVUDVOTERING_WRONG_PROPOSALS', ruleId: 'R-H8' });
    const p = await post(`/meetings/${m.body.id}/paragraphs`, { ...three, kontraproposition }, clerk);
    expect(p.status).toBe(201);
    const html = (await get(`/decisions/${p.body.id}/extract`)).text;
    expect(html).toContain('Kontrapropositionsvotering');
    expect(html).toContain('Huvudvotering');
    expect(html.match(/<table class="votes">/g)).toHaveLength(2);
    expect((await get(`/decisions/${p.body.id}/extract.pdf`)).status).toBe(200);
  });

  it('R-H16, R-H22: a third of KF sends a matter back; it continues at the next meeting under the same diarienummer, linked both ways', async () => {
    const clerk = ctx.tokens.clerk['1438'];
    const kf = await body('1438', 'KF', 6, 'Kommunfullmäktige');
    const sn = await body('1438', 'NAMND', 6, 'Socialnämnden');
    const m1 = await post(`/bodies/${kf}/meetings`, { date: '2024-06-10', attendees: ledamoter(6) }, clerk);
    const m2 = await post(`/bodies/${kf}/meetings`, { date: '2024-09-10', attendees: ledamoter(6) }, clerk);
    const question = {
      kind: 'ATERREMISS',
      movedBy: [{ name: 'L2' }],
      reason: 'Kostnaderna är inte utredda',
      decidedBy: 'MINORITY',
      supporters: ['L2', 'L4'],
      outcome: 'GRANTED',
    };
    const sentBack = { ...base, paragraphNumber: '§ 30', formalQuestions: [question], method: undefined };
    const nm = await post(`/bodies/${sn}/meetings`, { date: '2024-06-11', attendees: ledamoter(6) }, clerk);
    const inNamnd = await post(
      `/meetings/${nm.body.id}/paragraphs`,
      { ...sentBack, matter: { title: 'N', diarienummer: 'SN 1' } },
      clerk,
    );
    expect(inNamnd.body).toMatchObject({ code: 'MINORITY_RIGHT_ONLY_IN_FULLMAKTIGE', ruleId: 'R-H16' });
    const few = await post(
      `/meetings/${m1.body.id}/paragraphs`,
      { ...sentBack, formalQuestions: [{ ...question, supporters: ['L2'] }] },
      clerk,
    );
    expect(few.body).toMatchObject({ code: 'MINORITY_TOO_FEW', ruleId: 'R-H16' });
    const first = await post(`/meetings/${m1.body.id}/paragraphs`, sentBack, clerk);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ matterOutcome: 'ATERREMITTERAD', matterStatus: 'AWAITING_CONTINUATION' });
    const again = await post(`/meetings/${m2.body.id}/paragraphs`, { ...sentBack, paragraphNumber: '§ 31' }, clerk);
    expect(again.body).toMatchObject({ code: 'MINORITY_RIGHT_USED', ruleId: 'R-H16' });
    const next = await post(`/meetings/${m2.body.id}/paragraphs`, { ...base, paragraphNumber: '§ 31' }, clerk);
    expect(next.status).toBe(201);
    expect(next.body.matter.diarienummer).toBe('KS 2024/7');
    expect(next.body.continuesFrom).toMatchObject({ decisionId: first.body.id, paragraphNumber: '§ 30' });
    const earlier = (await get(`/decisions/${first.body.id}`)).body;
    expect(earlier).toMatchObject({ matterStatus: 'CONTINUED', continuedBy: { decisionId: next.body.id } });
    // Each extract links the other paragraph of the matter (R-H22).
    const sentBackExtract = (await get(`/decisions/${first.body.id}/extract`)).text;
    expect(sentBackExtract).toContain(`<a href="/beslut/${next.body.id}">§ 31, sammanträdet 2024-09-10</a>`);
    const nextExtract = (await get(`/decisions/${next.body.id}/extract`)).text;
    expect(nextExtract).toContain(`<a href="/beslut/${first.body.id}">§ 30, sammanträdet 2024-06-10</a>`);
  });
});
