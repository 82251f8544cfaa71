import type { Response } from 'supertest';
import { binaryBody, decisionKit, DocumentedAnswers, ledamoter, paragraphs, useTestApp } from './kit';

// Issue 12 §8: the OpenAPI document describes every success response of the decision controller with its schema, so
// that a typed client can be generated from it. Each real answer of a recorded body, meeting, paragraphs, secrecy,
// justering, anslag and protocol events is validated against the schema of its route's documented 2xx response.

const COURT = 'Förvaltningsrätten i Göteborg';
const EXAMPLE = { example: true, note: 'EXEMPEL – fiktiva uppgifter', fictitious: ['paragraphNumber'] };

describe('OpenAPI: the decision controller documents the schema of every success answer (issue 12 §8)', () => {
  jest.setTimeout(180_000);
  const ctx = useTestApp();
  const { clerk, post, get } = decisionKit(ctx);
  const para = paragraphs({
    matter: { title: 'Färdtjänst', diarienummer: 'SN 2024/15', diarium: 'SN' },
    summary: 'Sammanfattning av ärendet',
  });
  let answers: DocumentedAnswers;

  beforeAll(async () => {
    answers = await DocumentedAnswers.load(ctx, '/api/v1');
  });

  /** The answer, which must be `status`, the route's documented one, and match its schema; its body. */
  const documented = (method: 'get' | 'post', path: string, res: Response, status: number) => {
    expect({ path, status: answers.success(method, path).status }).toEqual({ path, status });
    return answers.expectJson(res, method, path);
  };

  it('every route answers with the documented status and schema; a file answer names its media type', async () => {
    const code = '1460';
    const token = await clerk(code);
    /** `template` with its `:name` parameters from `ids`, called as the clerk (a GET as the auditor). */
    const call = async (
      method: 'get' | 'post',
      template: string,
      ids: Record<string, string>,
      status: number,
      body?: unknown,
    ) => {
      const url = template.replace(/:(\w+)/g, (_, k: string) => ids[k]);
      const res = method === 'get' ? await get(url) : await post(url, body, token);
      return documented(method, template.replace(/:(\w+)/g, '{$1}'), res, status);
    };

    const body = await call('post', '/municipalities/:code/bodies', { code }, 201, {
      kind: 'NAMND',
      name: 'Socialnämnden',
      memberCount: 9,
    });
    await call('get', '/municipalities/:code/bodies', { code }, 200);
    // R-H18: fullmäktige's decision allowing open meetings, recorded on the existing body
    await call('post', '/bodies/:id/open-meetings-decision', { id: body.id }, 200, {
      decidedOn: '2024-02-26',
      reference: 'KF § 31',
    });
    const meeting = await call('post', '/bodies/:id/meetings', { id: body.id }, 201, {
      date: '2024-05-22',
      place: 'Kommunhuset, Mellerud',
      secretary: 'Anna Andersson',
      attendees: ledamoter(7),
      closedAt: '2024-05-22T17:00:00+02:00',
      justeringAt: '2024-05-29T10:00:00+02:00',
    });
    const m = { id: meeting.id };
    // A paragraph with jäv, a reservation, a protokollsanteckning and a text marked secret from the start …
    const first = await call('post', '/meetings/:id/paragraphs', m, 201, {
      ...para(),
      jav: [{ member: 'L7', reason: 'Delägare i bolaget', ground: 'INTRESSEJAV' }],
      reservations: [{ members: [{ name: 'L2', party: 'S' }], inFavourOf: 'B', announcedAt: '2024-05-22T14:30:00Z' }],
      protokollsanteckningar: [{ member: { name: 'L3' }, text: 'Anteckning', allowedByChair: true }],
      secrecy: [{ field: 'summary', provision: 'OSL 26 kap. 1 §' }],
    });
    expect(first.javConsequence).not.toBeNull();
    // … and an example (demo) one.
    const second = await call('post', '/meetings/:id/paragraphs', m, 201, para({ example: EXAMPLE }));
    expect(second.example).toMatchObject({ label: expect.any(String), example: true });
    await call('get', '/meetings/:id', m, 200);
    const d1 = { id: first.id };
    const d2 = { id: second.id };

    const marked = await call('post', '/decisions/:id/secrecy', d1, 201, {
      field: 'proposals[0].text',
      provision: 'OSL 21 kap. 7 §',
    });
    const lifted = await call('post', '/decisions/:id/secrecy/lifting', d1, 201, {
      field: 'proposals[0].text',
      decidedOn: marked.secrecy[1].markedOn,
      decidedBy: 'Socialnämndens ordförande',
      reason: 'Uppgifterna har lämnats ut av den enskilde själv.',
    });
    expect(lifted.secrecy[1].lifted).toBeDefined();
    const motivated = await call('post', '/decisions/:id/events', d1, 201, {
      type: 'RESERVATION_MOTIVATION_SUBMITTED',
      member: 'L2',
      text: 'Skriftlig motivering',
      submittedAt: '2024-05-23T09:00:00+02:00',
    });
    expect(motivated.motivations).toHaveLength(1);
    await call('post', '/meetings/:id/justering', m, 200, { justeradOn: '2024-05-29', justerare: ['L2'] });
    await call('post', '/meetings/:id/anslag', m, 200, { anslagOn: '2024-05-30', keptAt: 'Kommunkansliet' });

    // The second paragraph is appealed in time and the court orders inhibition (R-I13) …
    await call('post', '/decisions/:id/events', d2, 201, {
      type: 'APPEAL_RECEIVED',
      receivedOn: '2024-06-10',
      court: COURT,
      caseNumber: '123-24',
    });
    const stopped = await call('post', '/decisions/:id/events', d2, 201, {
      type: 'INHIBITION_ORDERED',
      court: COURT,
      orderedOn: '2024-06-12',
    });
    expect(stopped.inhibition).toMatchObject({ ruleId: 'R-I13' });
    // … the first runs out its appeal period, then a late appeal reaches the court and is dismissed (R-I14).
    expect((await post('/workflows/due-events/run', {}, ctx.tokens.admin)).status).toBe(200);
    await call('post', '/decisions/:id/events', d1, 201, {
      type: 'CORRECTION_RECORDED',
      correctedOn: '2024-06-25',
      reason: 'Skrivfel',
      text: 'Rätt lydelse',
    });
    await call('post', '/decisions/:id/events', d1, 201, { type: 'APPEAL_RECEIVED', receivedOn: '2024-06-26' });
    const dismissed = await call('post', '/decisions/:id/events', d1, 201, {
      type: 'APPEAL_DECIDED',
      outcome: 'DISMISSED',
      decidedOn: '2024-08-01',
    });
    expect(dismissed.lateAppeals).toHaveLength(1);

    // As it stood (asOf): the answer is the documented union's DecisionAsOfView (today: the log is recorded today).
    const today = marked.secrecy[0].markedOn as string;
    const asOfSchema = { $ref: '#/components/schemas/DecisionAsOfView' };
    const decision = answers.success('get', '/decisions/{id}');
    expect(decision.status).toBe(200);
    expect((decision.response.content?.['application/json']?.schema as any).anyOf).toContainEqual(asOfSchema);
    for (const d of [d1, d2]) {
      await call('get', '/decisions/:id', d, 200);
      const then = await documented('get', '/decisions/{id}', await get(`/decisions/${d.id}?asOf=${today}`), 200);
      expect(then.asOf.date).toBe(today);
      expect(answers.schemaErrors(asOfSchema, then)).toEqual([]);
      expect(answers.schemaErrors(asOfSchema, { ...then, asOf: undefined })).not.toEqual([]);
    }
    const list = await call('get', '/municipalities/:code/decisions', { code }, 200);
    expect(list).toHaveLength(2);

    // The extracts: the media types documented are the ones answered.
    for (const [path, type] of [
      ['/decisions/{id}/extract', 'text/html'],
      ['/decisions/{id}/extract.pdf', 'application/pdf'],
    ]) {
      const res = await ctx.http
        .get(`/api/v1${path.replace('{id}', first.id)}`)
        .set('Authorization', `Bearer ${ctx.tokens.auditor}`)
        .buffer(true)
        .parse(binaryBody);
      expect(answers.success('get', path).status).toBe(200);
      answers.expectBinary(res, 'get', path, type);
    }
  });

  it('R-H22: a matter sent back and its continuation answer with the links between them as documented', async () => {
    const code = '1438';
    const token = await clerk(code);
    const { body: kf } = await post(
      `/municipalities/${code}/bodies`,
      { kind: 'KF', name: 'KF', memberCount: 6 },
      token,
    );
    const meetingOn = async (date: string) =>
      (await post(`/bodies/${kf.id}/meetings`, { date, attendees: ledamoter(6), example: EXAMPLE }, token)).body.id;
    const [m1, m2] = [await meetingOn('2024-06-10'), await meetingOn('2024-09-10')];
    const question = {
      kind: 'ATERREMISS',
      movedBy: [{ name: 'L2' }],
      reason: 'Kostnaderna är inte utredda',
      decidedBy: 'MINORITY',
      supporters: ['L2', 'L4'],
      outcome: 'GRANTED',
    };
    const path = '/meetings/{id}/paragraphs';
    const sentBack = await documented(
      'post',
      path,
      await post(`/meetings/${m1}/paragraphs`, para({ formalQuestions: [question], method: undefined }), token),
      201,
    );
    expect(sentBack).toMatchObject({ matterOutcome: 'ATERREMITTERAD', continuedBy: null });
    const next = await documented('post', path, await post(`/meetings/${m2}/paragraphs`, para(), token), 201);
    expect(next.continuesFrom).toMatchObject({ decisionId: sentBack.id });
    const earlier = await documented('get', '/decisions/{id}', await get(`/decisions/${sentBack.id}`), 200);
    expect(earlier).toMatchObject({ matterStatus: 'CONTINUED', continuedBy: { decisionId: next.id } });
    const meeting = await documented('get', '/meetings/{id}', await get(`/meetings/${m1}`), 200);
    expect(meeting.example).toMatchObject({ example: true });
  });

  it('covers every route of the decision controller, each with its 2xx schema and ErrorBodyDto errors', () => {
    const routes = [
      'POST /municipalities/{code}/bodies',
      'GET /municipalities/{code}/bodies',
      'GET /municipalities/{code}/decisions',
      'POST /bodies/{id}/open-meetings-decision',
      'POST /bodies/{id}/meetings',
      'GET /meetings/{id}',
      'POST /meetings/{id}/paragraphs',
      'POST /decisions/{id}/secrecy',
      'POST /decisions/{id}/secrecy/lifting',
      'POST /meetings/{id}/justering',
      'POST /meetings/{id}/anslag',
      'GET /decisions/{id}',
      'POST /decisions/{id}/events',
      'GET /decisions/{id}/extract',
      'GET /decisions/{id}/extract.pdf',
    ];
    answers.expectChecked(routes);
    const errorRef = { $ref: '#/components/schemas/ErrorBodyDto' };
    for (const route of routes) {
      const [method, path] = route.split(' ');
      const op = answers.operation(method.toLowerCase(), path);
      answers.success(method.toLowerCase(), path); // expects exactly one documented 2xx
      expect(op.responses['404']?.content?.['application/json'].schema).toEqual(errorRef);
      for (const [status, r] of Object.entries<any>(op.responses))
        if (!status.startsWith('2')) expect(r.content['application/json'].schema).toEqual(errorRef);
    }
  });

  it('the schemas refuse what a route does not answer: a missing required field, a wrong type, a null not allowed', () => {
    const view = {
      id: 'x',
      municipalityCode: '1460',
      kind: 'NAMND',
      name: 'Socialnämnden',
      memberCount: 9,
      openMeetingsDecision: null,
    };
    expect(answers.errors('post', '/municipalities/{code}/bodies', view)).toEqual([]);
    const { id: _id, ...noId } = view;
    expect(answers.errors('post', '/municipalities/{code}/bodies', noId)).not.toEqual([]);
    expect(answers.errors('post', '/municipalities/{code}/bodies', { ...view, memberCount: '9' })).not.toEqual([]);
    expect(answers.errors('post', '/municipalities/{code}/bodies', { ...view, name: null })).not.toEqual([]);
    expect(answers.errors('get', '/municipalities/{code}/bodies', [view, noId])).not.toEqual([]);
    // A nullable enum: null or one of its values, nothing else.
    const outcome = (value: unknown) =>
      answers.schemaErrors({ $ref: '#/components/schemas/DecisionView/properties/matterOutcome' }, value);
    expect([outcome(null), outcome('BORDLAGD')]).toEqual([[], []]);
    expect(outcome('NOPE')).not.toEqual([]);
  });
});
