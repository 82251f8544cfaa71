import {
  accepted,
  createCollaboration,
  enter,
  ev,
  expectRefused,
  getHistory,
  membershipOf,
  membershipWorkflowId,
  postEvent,
  useTestApp,
  verifyWorkflow,
  webSession,
} from './kit';

/**
 * What the log records of an exit notice (issue 11 §7; SEED-AF §13 and §8; R-C6, R-C12, R-K2, R-K5, R-K6): the sender
 * (the leaving municipality's KSO), the recipient (the council's chair), how it arrived, and its diarienummer in the
 * sending and the receiving municipality. Shown in the membership view, its history and the party's page. A notice of
 * the old form (the arrival alone) stays valid and replays; the view lists what it has not recorded.
 */
describe('exit notice: sender, recipient, channel and registrations', () => {
  const ctx = useTestApp();
  const slug = 'exit-notice';
  const ARRIVED = '2025-03-20T09:15:00+01:00';
  const SENDER = { name: 'Michael Karlsson', office: 'KSO' };
  const CHAIR = { name: 'Stig Bertilsson', office: 'COUNCIL_CHAIR', municipality: '1460' };

  /** A party that has entered and whose fullmäktige has requested exit (a far 31 December: nothing falls due). */
  async function leaving(code: string) {
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    await accepted(ctx, code, ev.requestExit('2025-03-10', '2030-12-31'), { slug });
  }

  const notice = (extra: Record<string, unknown>) => ({ ...ev.notice(ARRIVED), ...extra });

  beforeAll(async () => {
    await createCollaboration(ctx, slug);
    for (const code of ['1492', '1438', '1439', '1461']) await leaving(code);
  });

  it('R-C12: a full notice is recorded, shown in the view and the history, and replays', async () => {
    const registrations = [
      { municipality: '1492', diarienummer: 'KS 2025/87', registeredOn: '2025-03-19' },
      { municipality: '1460', diarienummer: 'Dnr 2025.112.101', registeredOn: '2025-03-20' },
    ];
    const full = notice({ sender: SENDER, recipient: CHAIR, channel: 'EMAIL', registrations });
    const body = await accepted(ctx, '1492', full, { slug });
    expect(body.exitNotice).toEqual({
      arrivedAt: ARRIVED,
      noticeOn: '2025-03-20',
      sender: SENDER,
      recipient: CHAIR,
      channel: 'EMAIL',
      registrations,
      notRecorded: [],
    });
    expect((await membershipOf(ctx, slug, '1492')).exitNotice).toEqual(body.exitNotice);
    // An answer for a day before the notice arrived does not show it (issue 10 §6).
    expect((await membershipOf(ctx, slug, '1492', '2025-03-19')).exitNotice).toBeUndefined();
    const workflowId = await membershipWorkflowId(ctx, '1492', slug);
    const row = (await getHistory(ctx, workflowId)).find((t) => t.eventType === 'EXIT_NOTICE_DELIVERED');
    expect(row.payload).toMatchObject({
      sender: SENDER,
      recipient: CHAIR,
      channel: 'EMAIL',
      registrations,
    });
    expect(row.rule).toMatchObject({ ruleIds: expect.arrayContaining(['R-C6', 'R-C12', 'R-K5']) });
    expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
  });

  it('R-C12: a notice of the old form (the arrival alone) is accepted and replays; the view lists what it lacks', async () => {
    const body = await accepted(ctx, '1438', ev.notice(ARRIVED), { slug });
    expect(body).toMatchObject({ exitRequestedOn: '2025-03-20', warnings: [] });
    expect(body.exitNotice).toEqual({
      arrivedAt: ARRIVED,
      noticeOn: '2025-03-20',
      registrations: [],
      notRecorded: ['sender', 'recipient', 'channel', 'sendingRegistration'],
    });
    const workflowId = await membershipWorkflowId(ctx, '1438', slug);
    const row = (await getHistory(ctx, workflowId)).find((t) => t.eventType === 'EXIT_NOTICE_DELIVERED');
    expect(Object.keys(row.payload).sort()).toEqual(['arrivedAt', 'settings', 'type']);
    expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
  });

  it('R-C6: a notice sent by someone other than the KSO is refused; a stand-in with its legal basis is not', async () => {
    const res = await expectRefused(
      ctx,
      '1439',
      notice({ sender: { name: 'Anna Andersson', office: 'OPPOSITIONSRAD' } }),
      { status: 422, code: 'WRONG_NOTICE_SENDER', ruleId: 'R-C6' },
      { slug },
    );
    expect(res.body.details).toMatchObject({ field: 'sender.office', office: 'OPPOSITIONSRAD' });
    expect(res.body.messageSv).toMatch(/kommunstyrelsens ordförande/);
    const standIn = { name: 'Anna Andersson', office: 'OTHER', standIn: { legalBasis: 'KS 2025-03-01 § 40' } };
    const body = await accepted(ctx, '1439', notice({ sender: standIn, recipient: CHAIR, channel: 'LETTER' }), {
      slug,
    });
    expect(body.exitNotice).toMatchObject({
      sender: standIn,
      notRecorded: ['sendingRegistration', 'receivingRegistration'],
    });
  });

  it('R-C6: a notice received by the coordinator rather than the council chair is refused', async () => {
    const res = await expectRefused(
      ctx,
      '1461',
      notice({ sender: SENDER, recipient: { name: 'Katarina Larsson', office: 'COORDINATOR' } }),
      { status: 422, code: 'WRONG_NOTICE_RECIPIENT', ruleId: 'R-C6' },
      { slug },
    );
    expect(res.body.messageSv).toMatch(/Samverkansrådets ordförande/);
    expect(res.body.details).toMatchObject({ field: 'recipient.office' });
  });

  it.each([
    [
      'R-K5: a registration in a third municipality',
      [{ municipality: '1439', diarienummer: 'KS 2025/1' }],
      { code: 'REGISTRATION_OTHER_MUNICIPALITY', ruleId: 'R-K5', field: 'registrations.0.municipality' },
      CHAIR,
    ],
    [
      "R-K5: the receiving municipality's registration without the recipient's municipality",
      [{ municipality: '1460', diarienummer: 'KS 2025/1' }],
      { code: 'REGISTRATION_OTHER_MUNICIPALITY', ruleId: 'R-K5', field: 'registrations.0.municipality' },
      { name: 'Stig Bertilsson', office: 'COUNCIL_CHAIR' },
    ],
    [
      'R-K6: two numbers in one diarium',
      [
        { municipality: '1461', diarienummer: 'KS 2025/1' },
        { municipality: '1461', diarienummer: 'KS 2025/2' },
      ],
      { code: 'DUPLICATE_REGISTRATION', ruleId: 'R-K6', field: 'registrations.1.municipality' },
      CHAIR,
    ],
    [
      'R-K2: the receiving municipality registered it before it arrived',
      [{ municipality: '1460', diarienummer: 'KS 2025/1', registeredOn: '2025-03-19' }],
      { code: 'REGISTERED_BEFORE_ARRIVAL', ruleId: 'R-K2', field: 'registrations.0.registeredOn' },
      CHAIR,
    ],
  ])('%s is refused', async (_name, registrations, expected, recipient) => {
    const res = await expectRefused(
      ctx,
      '1461',
      notice({ sender: SENDER, recipient, registrations }),
      { status: 422, code: expected.code, ruleId: expected.ruleId },
      { slug },
    );
    expect(res.body.details.field).toBe(expected.field);
  });

  it.each([
    ['an unknown channel', { channel: 'FAX' }, 'channel'],
    ['a sender without a name', { sender: { office: 'KSO' } }, 'sender.name'],
    ['an unknown recipient office', { recipient: { name: 'X', office: 'MAYOR' } }, 'recipient.office'],
    [
      'a registration without its number',
      { registrations: [{ municipality: '1461' }] },
      'registrations.0.diarienummer',
    ],
    ['a malformed municipality code', { recipient: { ...CHAIR, municipality: '14' } }, 'recipient.municipality'],
    ['an unknown field of the sender', { sender: { ...SENDER, email: 'x@y.se' } }, 'sender.email'],
  ])('400: %s', async (_name, extra, field) => {
    const before = await membershipOf(ctx, slug, '1461');
    const res = await postEvent(ctx, '1461', notice(extra), ctx.tokens.admin, slug);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await membershipOf(ctx, slug, '1461')).version).toBe(before.version);
  });

  it("the party's page shows the notice and the membership's events, in Swedish and in English", async () => {
    const { get } = await webSession(ctx, ctx.tokens.auditor);
    // The page's text with its whitespace collapsed (the markup's line breaks are not the reader's).
    const textOf = (html: string) => html.replace(/\s+/g, ' ');

    const parties = await get(`/samverkan/${slug}`);
    expect(parties.text).toContain(`href="/samverkan/${slug}/parter/1492"`);
    const sv = await get(`/samverkan/${slug}/parter/1492`);
    expect(sv.status).toBe(200);
    for (const text of [
      'Meddelande om utträde',
      'Michael Karlsson (kommunstyrelsens ordförande)',
      'Stig Bertilsson (Samverkansrådets ordförande, 1460)',
      'e-post',
      'KS 2025/87 i 1492',
      'Dnr 2025.112.101 i 1460',
      'Fullmäktige begärde utträde',
      'Meddelande om utträde kom in till rådets ordförande',
      '2025-03-20 09:15',
    ])
      expect(textOf(sv.text)).toContain(text);
    const en = await get(`/samverkan/${slug}/parter/1438?lang=en`);
    expect(textOf(en.text)).toContain('Not recorded in the notice');
    expect(textOf(en.text)).toContain('sender, recipient, how it arrived, diarienummer in the sending municipality');
    expect((await get(`/samverkan/${slug}/parter/9999`)).status).toBe(404);
  });
});
