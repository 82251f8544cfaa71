import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { toStockholmDate } from '../../machines/calendar/calendar';
import * as membershipEvents from '../../src/collaboration/dto/membership-event.dto';
import { AppError } from '../../src/common/errors';
import { assertPlainBody, MAX_BODY_DEPTH, useTodayOf } from '../../src/common/input-limits';
import { flattenValidationErrors } from '../../src/common/validation';
import * as decision from '../../src/decision/dto/decision.dto';
import * as protocolEvents from '../../src/decision/dto/protocol-event.dto';
import * as municipality from '../../src/municipality/dto/municipality.dto';

// Every string field of every DTO is a checked text, and every date a checked date: kept so by reading class-validator's
// own metadata, so that a new field without its checks fails here (src/common/validators.ts).

// Every DTO file under src/*/dto/ and every controller (some declare their own query classes), found on disk: a
// new module's input cannot be left out of this check.
const SRC = join(__dirname, '../../src');
const inputFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? inputFiles(join(dir, d.name))
      : d.name.endsWith('.dto.ts') || d.name.endsWith('.controller.ts')
        ? [join(dir, d.name)]
        : [],
  );
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the files are found at run time
const DTO_MODULES: Record<string, unknown>[] = inputFiles(SRC).map((file) => require(file) as Record<string, unknown>);

/** A class as class-validator's metadata knows it. */
type Target = abstract new (...args: never[]) => unknown;

/** Every class validated as client input: the DTO modules' classes and the controllers' own query/body classes. */
function inputClasses(): Target[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Target, unknown[]> };
  const fromModules = DTO_MODULES.flatMap((m) => Object.values(m)).filter((v): v is Target => typeof v === 'function');
  const all = new Set<Target>([...fromModules, ...storage.validationMetadatas.keys()]);
  return [...all].filter((c) => c.name !== 'AppConfig' && storage.validationMetadatas.has(c));
}

/** property → the constraint names on it, for each input class (inherited ones included). */
function constraintsOf(cls: Target): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const names = out.get(m.propertyName) ?? out.set(m.propertyName, new Set()).get(m.propertyName)!;
    if (m.name) names.add(m.name);
  }
  return out;
}

const fieldsWith = (constraint: string) =>
  inputClasses()
    .flatMap((cls) => [...constraintsOf(cls)].filter(([, c]) => c.has(constraint)).map(([p]) => `${cls.name}.${p}`))
    .sort();

describe('every input field is checked', () => {
  it('finds the DTOs (the check below is not vacuous)', () => {
    expect(inputClasses().length).toBeGreaterThan(30);
  });

  it('every string field is a text: not blank, no control or bidi characters, no lone surrogates, a length limit', () => {
    const unchecked: string[] = [];
    for (const cls of inputClasses()) {
      for (const [property, names] of constraintsOf(cls)) {
        if (!names.has('isString')) continue;
        // An event's type is checked against the DTO map of its endpoint (parseEventBody) before its DTO.
        if (property === 'type') continue;
        const control = names.has('noControlCharacters') || names.has('noControlCharactersExceptLines');
        for (const needed of ['notBlank', 'noBidiControls', 'noLoneSurrogates', 'maxLength'])
          if (!names.has(needed)) unchecked.push(`${cls.name}.${property}: ${needed}`);
        if (!control) unchecked.push(`${cls.name}.${property}: noControlCharacters`);
      }
    }
    expect(unchecked).toEqual([]);
  });

  it('every date and instant has a range: facts of the past not after today, planned dates at most 100 years ahead', () => {
    const unbounded: string[] = [];
    for (const cls of inputClasses()) {
      for (const [property, names] of constraintsOf(cls)) {
        if (
          (names.has('isLocalDate') || names.has('isInstant')) &&
          !names.has('dateInRange') &&
          !names.has('notAfterToday')
        )
          unbounded.push(`${cls.name}.${property}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('the dates of facts (not after today) are exactly these', () => {
    expect(fieldsWith('notAfterToday')).toEqual(
      [
        'AnslagPostedDto.anslagOn',
        'AppealDecidedDto.decidedOn',
        'AppealReceivedDto.receivedOn',
        'ChangeSettingsDto.changedOn',
        // The past as it stood (h-asof): an as-of answer is for a past day or instant
        'CollaborationAsOfQueryDto.date',
        'CollaborationAsOfQueryDto.instant',
        'DecisionAsOfQueryDto.asOf',
        'CorrectionRecordedDto.correctedOn',
        'CouncilApprovedExitDto.decidedOn',
        'CouncilInformedDto.informedOn',
        'CreateMeetingDto.closedAt',
        'CreateMeetingDto.date',
        'DecisionDto.date',
        'ExitNoticeDeliveredDto.arrivedAt',
        'ExitRequestWithdrawnDto.noticeArrivedAt',
        'JointBodyApprovedDto.decidedOn',
        'JusteratDto.justeradOn',
        'InhibitionLiftedDto.liftedOn',
        'InhibitionOrderedDto.orderedOn',
        'KsoSignedDto.signedOn',
        'MeetingAnslagDto.anslagOn',
        'MeetingJusteringDto.justeradOn',
        'MotivationDto.submittedAt',
        'NoAppealConfirmedDto.confirmedOn',
        'NoticeRegistrationDto.registeredOn',
        'OpenMeetingsDecisionDto.decidedOn',
        'RecordOrganisationSignatureDto.signedOn',
        'RecordSignatureDto.signedOn',
        'ReservationDto.announcedAt',
        'ReservationMotivationSubmittedDto.submittedAt',
        // Collaboration areas
        'AgreementSignedDto.signedOn',
        'AreaClosedDto.closedOn',
        'AreaCouncilInformedDto.informedOn',
        'AreaFormalisedDto.formalisedOn',
        'AreaPausedDto.pausedOn',
        'AreaProposedDto.proposedOn',
        'AreaRegisteredExistingDto.registeredOn',
        'AreaResumedDto.resumedOn',
        'AreaWoundDownDto.woundDownOn',
        'CouncilDecidedDto.decidedOn',
        'DecisionsRequestedDto.requestedOn',
        'FollowUpReportedDto.reportedOn',
        'FollowUpStartedDto.startedOn',
        'ForankringStartedDto.startedOn',
        'ForstudieStartedDto.startedOn',
        'KdgAssignedDto.assignedOn',
        'OperationStartedDto.startedOn',
        'ReportSubmittedDto.submittedOn',
        'RevisionDecidedDto.decidedOn',
        'RevisionStartedDto.startedOn',
        'CouncilAdoptedDto.decidedOn',
        'CouncilRecordDto.recordedOn',
        'CreatePlanDto.draftedOn',
        'KdgAdoptedDto.adoptedAt',
        'PlanCouncilInformedDto.informedAt',
        'PlanVersionFieldsDto.draftedOn',
        'SeatMemberDto.from',
        'VersionDraftedDto.draftedOn',
        // Cost sharing (kostnadsfördelning): an adoption, the council's information, an end, an invoice, a credit
        // and the date population figures are for are facts of the past.
        'AdoptionDto.adoptedOn',
        'CostRuleAdoptedDto.adoptedOn',
        'CostRuleCouncilInformedDto.informedOn',
        'CostRuleEndedDto.endedOn',
        'CreditInvoiceDto.issuedOn',
        'InvoiceRunDto.issuedOn',
        'PopulationDto.asOf',
        // Delegationsbeslut (h-deleg): the delegate's decision is a fact of the past
        'RecordDelegationDecisionDto.decidedOn',
        // A delegationsbeslut's own tillkännagivande (h-delegnotice, R-I9): the day it went up
        'AnnounceDelegationDecisionDto.postedOn',
        // Lifting a secrecy marking (h-secrecy): the sekretessprövning has been made
        'LiftSecrecyDto.decidedOn',
      ].sort(),
    );
  });

  it('the long texts (tab and line breaks allowed) are exactly the prose of a record', () => {
    expect(fieldsWith('noControlCharactersExceptLines')).toEqual(
      [
        'CorrectionRecordedDto.text',
        'CreateAmendmentDto.text',
        'CreateDocumentVersionDto.text',
        'DecisionTextDto.attSatser',
        'DecisionTextDto.text',
        'MotivationDto.text',
        'ProposalDto.attSatser',
        'ProposalDto.text',
        'ProtokollsanteckningDto.text',
        'RecordDelegationDecisionDto.decision',
        'RecordParagraphDto.beslutsgang',
        'RecordParagraphDto.summary',
        'RecordParagraphRequestDto.beslutsgang',
        'RecordParagraphRequestDto.summary',
        'ReservationMotivationSubmittedDto.text',
        // Collaboration areas: the prose of an area's record
        'AreaClosedDto.reason',
        'AreaFormalisedDto.noticeTerms',
        'AreaFormalisedDto.municipalPurpose',
        'AreaPausedDto.reason',
        'AreaProposedDto.description',
        'AreaRegisteredExistingDto.description',
        'AreaRegisteredExistingDto.noticeTerms',
        'AreaWoundDownDto.reason',
        'AreaWoundDownDto.underTerms',
        'CostModelDto.description',
        'FollowUpReportedDto.summary',
        'KdgAssignedDto.assignment',
        'ProposalFieldsDto.description',
        'ReportSubmittedDto.formAnalysis',
        'RevisionDecidedDto.reason',
        'RevisionStartedDto.reason',
        'CouncilRecordDto.text',
        // The protocol as clerks keep it: the reason of an återremiss (R-H16)
        'FormalQuestionDto.reason',
        // Lifting a secrecy marking (h-secrecy): why the secrecy no longer applies (R-K13)
        'LiftSecrecyDto.reason',
      ].sort(),
    );
  });
});

describe('the text and date checks', () => {
  const problems = (cls: new () => object, plain: object) =>
    flattenValidationErrors(validateSync(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true }));
  const name = (n: unknown) => problems(municipality.CreateMunicipalityDto, { code: '1487', name: n });
  const correction = (text: string) =>
    problems(protocolEvents.CorrectionRecordedDto, {
      type: 'CORRECTION_RECORDED',
      correctedOn: '2024-01-02',
      reason: 'r',
      text,
    });

  it.each([
    ['a NUL', 'Väners\u0000borg', 'noControlCharacters'],
    ['a tab', 'Väners\tborg', 'noControlCharacters'],
    ['a line break', 'Väners\nborg', 'noControlCharacters'],
    ['a C1 control (U+0085)', 'Väners\u0085borg', 'noControlCharacters'],
    ['DEL', 'Väners\u007fborg', 'noControlCharacters'],
    ['a right-to-left override (U+202E)', 'Väners\u202eborg', 'noBidiControls'],
    ['an isolate (U+2066)', '\u2066Vänersborg\u2069', 'noBidiControls'],
    ['a lone high surrogate', 'Väners\ud800borg', 'noLoneSurrogates'],
    ['a lone low surrogate', 'Väners\udc00borg', 'noLoneSurrogates'],
    ['surrogates in the wrong order', '\udc00\ud800', 'noLoneSurrogates'],
    ['only spaces', '   ', 'notBlank'],
    ['only a no-break space', '\u00a0', 'notBlank'],
    ['empty', '', 'notBlank'],
  ])('a name with %s is refused, with the reason in English and Swedish', (_what, value, constraint) => {
    const found = name(value);
    expect(found).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(found[0].reason).not.toBe(found[0].reasonSv);
    const plain = validateSync(plainToInstance(municipality.CreateMunicipalityDto, { code: '1487', name: value }));
    expect(Object.keys(plain[0].constraints ?? {})).toEqual([constraint]);
  });

  it.each([['Vänersborg'], ['Ödeshög 😀 (a surrogate pair)'], ['Dals-Ed'], ['A  B']])('%s is a name', (value) => {
    expect(name(value)).toEqual([]);
  });

  it('a long text keeps tabs and line breaks (CR LF too) but no other control character', () => {
    expect(correction('Rad ett\r\nRad två\n\tindrag')).toEqual([]);
    expect(correction('Rad ett\u0000')).toEqual([expect.objectContaining({ field: 'text' })]);
    expect(correction('Rad\u000bett')).toEqual([expect.objectContaining({ field: 'text' })]);
    expect(correction('Rad \u202e ett')).toEqual([expect.objectContaining({ field: 'text' })]);
  });

  it('each element of a list of texts is checked', () => {
    const justering = (justerare: unknown[]) =>
      problems(decision.MeetingJusteringDto, { justeradOn: '2024-05-29', justerare });
    expect(justering(['A', 'B'])).toEqual([]);
    expect(justering(['A', ' '])).toEqual([expect.objectContaining({ field: 'justerare' })]);
    expect(justering(['A\u0000'])).toEqual([expect.objectContaining({ field: 'justerare' })]);
  });

  describe('dates, against a today of 2026-06-15', () => {
    beforeAll(() => useTodayOf({ todayInStockholm: () => '2026-06-15' }));
    afterAll(() => useTodayOf({ todayInStockholm: () => toStockholmDate(new Date().toISOString()) }));
    const justeradOn = (d: unknown) => problems(decision.MeetingJusteringDto, { justeradOn: d, justerare: ['A'] });
    const exitOn = (d: string) =>
      problems(membershipEvents.FullmaktigeRequestedExitDto, {
        type: 'FULLMAKTIGE_REQUESTED_EXIT',
        decision: { organ: 'KF', date: '2025-03-10' },
        desiredExitDate: d,
      });
    const arrivedAt = (instant: string) =>
      problems(membershipEvents.ExitNoticeDeliveredDto, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: instant });

    it.each(['2026-06-15', '1900-01-01', '2024-02-29'])('a justering on %s is accepted', (d) => {
      expect(justeradOn(d)).toEqual([]);
    });

    it.each([
      ['2026-06-16', 'notAfterToday'],
      ['9999-12-31', 'notAfterToday'],
      ['1899-12-31', 'notAfterToday'],
      ['0000-01-01', 'isLocalDate'],
      ['2024-02-30', 'isLocalDate'],
    ])('a justering on %s is refused (%s), in English and Swedish', (d, constraint) => {
      const found = justeradOn(d);
      expect(found).toEqual([expect.objectContaining({ field: 'justeradOn' })]);
      if (constraint === 'notAfterToday') {
        expect(found[0].reason).toContain('2026-06-15');
        expect(found[0].reasonSv).toBe('ska ligga mellan 1900-01-01 och dagens datum (2026-06-15)');
      }
    });

    it('a desired exit date may lie ahead, up to 100 years', () => {
      expect(exitOn('2099-12-31')).toEqual([]);
      expect(exitOn('2126-06-15')).toEqual([]);
      expect(exitOn('2126-12-31')).toEqual([
        expect.objectContaining({ field: 'desiredExitDate', reasonSv: 'ska ligga mellan 1900-01-01 och 2126-06-15' }),
      ]);
      expect(exitOn('9999-12-31')).toEqual([expect.objectContaining({ field: 'desiredExitDate' })]);
    });

    it('an instant counts by its Stockholm date: 2026-06-15T21:59:59Z is still the 15th, 22:00Z the 16th', () => {
      expect(arrivedAt('2026-06-15T21:59:59Z')).toEqual([]);
      expect(arrivedAt('2026-06-15T22:00:00Z')).toEqual([expect.objectContaining({ field: 'arrivedAt' })]);
      expect(arrivedAt('9999-12-31T23:30:00Z')).toEqual([expect.objectContaining({ field: 'arrivedAt' })]);
      expect(arrivedAt('2026-03-20T09:00:00+23:59')).toEqual([expect.objectContaining({ field: 'arrivedAt' })]);
      expect(arrivedAt('2026-03-20T09:00:00+14:01')).toEqual([expect.objectContaining({ field: 'arrivedAt' })]);
      expect(arrivedAt('2026-03-20T09:00:00+14:00')).toEqual([]);
    });
  });
});

describe('body depth', () => {
  const nested = (depth: number, wrap: (inner: unknown) => unknown) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = wrap(v);
    return v;
  };

  it(`a body of ${MAX_BODY_DEPTH} levels passes; one more is refused naming body (objects and arrays alike)`, () => {
    expect(() => assertPlainBody(nested(MAX_BODY_DEPTH, (v) => ({ a: v })))).not.toThrow();
    expect(() => assertPlainBody(nested(MAX_BODY_DEPTH, (v) => [v]))).not.toThrow();
    for (const wrap of [(v: unknown) => ({ a: v }), (v: unknown) => [v], (v: unknown) => [{ a: v }]]) {
      let error: unknown;
      try {
        assertPlainBody(nested(MAX_BODY_DEPTH + 1, wrap));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).toBody()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { fields: [{ field: 'body' }] },
      });
    }
  });

  it.each([
    [{ toString: 'x' }, 'toString'],
    [{ a: { constructor: 1 } }, 'a.constructor'],
    [{ list: [{ ok: 1 }, { hasOwnProperty: true }] }, 'list[1].hasOwnProperty'],
    [JSON.parse('{"__proto__": {"admin": true}}'), '__proto__'],
  ])('a key named after a member of Object.prototype is refused, naming its path (%j)', (body, field) => {
    let error: unknown;
    try {
      assertPlainBody(body);
    } catch (e) {
      error = e;
    }
    expect((error as AppError).toBody()).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field }] } });
  });

  it('ordinary keys and values pass, also values that are prototype names ("type": "toString" is the DTO map’s to refuse)', () => {
    expect(() => assertPlainBody({ type: 'toString', list: ['constructor', { name: '__proto__' }] })).not.toThrow();
  });

  it('a body 100 000 levels deep is refused without overflowing the stack', () => {
    expect(() => assertPlainBody(nested(100_000, (v) => [v]))).toThrow(AppError);
  });
});
