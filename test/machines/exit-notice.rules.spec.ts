/**
 * The rules of what an exit notice records (issue 11 §7; R-C6, R-C12, R-K2, R-K5, R-K6): pure, no machine, no clock.
 */
import { checkExitNoticeFacts, exitNoticeFactsOf, exitNoticeGaps } from '../../machines/membership/exit-notice.rules';
import type { ExitNoticeFacts } from '../../machines/membership/membership.types';

const KSO = { name: 'Michael Karlsson', office: 'KSO' as const };
const CHAIR = { name: 'Stig Bertilsson', office: 'COUNCIL_CHAIR' as const, municipality: '1460' };

describe('exit notice facts', () => {
  it('R-C12: nothing given is nothing to judge, and nothing is added to the request (an old notice replays)', () => {
    expect(checkExitNoticeFacts('1492', {}, '2025-03-20')).toBeNull();
    expect(exitNoticeFactsOf({})).toBeUndefined();
    expect(exitNoticeFactsOf({ registrations: [] })).toBeUndefined();
    expect(exitNoticeGaps('1492', undefined)).toEqual(['sender', 'recipient', 'channel', 'sendingRegistration']);
  });

  it('R-C6: the KSO, or a stand-in with a legal basis that is not blank', () => {
    const other = { name: 'A', office: 'KOMMUNDIREKTOR' as const };
    expect(checkExitNoticeFacts('1492', { sender: other }, '2025-03-20')?.code).toBe('WRONG_NOTICE_SENDER');
    const blank = { ...other, standIn: { legalBasis: '  ' } };
    expect(checkExitNoticeFacts('1492', { sender: blank }, '2025-03-20')?.ruleId).toBe('R-C6');
    const standIn = { ...other, standIn: { legalBasis: 'KS § 40' } };
    expect(checkExitNoticeFacts('1492', { sender: standIn, recipient: CHAIR }, '2025-03-20')).toBeNull();
  });

  it('R-K2, R-K5: when the chair is of the leaving municipality itself, its one registration may predate the arrival', () => {
    const own: ExitNoticeFacts = {
      sender: KSO,
      recipient: { ...CHAIR, municipality: '1492' },
      registrations: [{ municipality: '1492', diarienummer: 'KS 2025/87', registeredOn: '2025-03-19' }],
    };
    expect(checkExitNoticeFacts('1492', own, '2025-03-20')).toBeNull();
    expect(exitNoticeGaps('1492', { ...own, channel: 'LETTER' })).toEqual([]);
    const other: ExitNoticeFacts = {
      ...own,
      recipient: CHAIR,
      registrations: [{ municipality: '1460', diarienummer: 'KS 2025/1', registeredOn: '2025-03-19' }],
    };
    expect(checkExitNoticeFacts('1492', other, '2025-03-20')).toMatchObject({
      code: 'REGISTERED_BEFORE_ARRIVAL',
      ruleId: 'R-K2',
      details: { field: 'registrations.0.registeredOn' },
    });
    expect(exitNoticeGaps('1492', other)).toEqual(['channel', 'sendingRegistration']);
  });
});
