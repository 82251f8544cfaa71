import { checkSecrecyLifting, markingsInForce } from '../../machines/protocol/secrecy-lifting.rules';

// Issue 12 §3: the pure rule of lifting a sekretessmarkering after a sekretessprövning (R-K13).
describe('lifting a secrecy marking (R-K13)', () => {
  const summary = { field: 'summary', provision: 'OSL 26 kap. 1 §', markedOn: '2026-03-02' };
  const whole = { field: null, provision: 'OSL 26 kap. 1 §', markedOn: '2026-03-02' };
  const lifting = { field: 'summary', decidedOn: '2026-03-02', decidedBy: 'SN', reason: 'Offentliggjort' };

  it('lifts a marking in force, on or after the day it was made', () => {
    expect(checkSecrecyLifting([summary], lifting)).toBeNull();
    expect(checkSecrecyLifting([whole], { ...lifting, field: null, decidedOn: '2026-04-01' })).toBeNull();
  });

  it('refuses a text never marked, and points to the marking of the whole paragraph where that is what covers it', () => {
    expect(checkSecrecyLifting([], lifting)).toMatchObject({ code: 'SECRECY_NOT_MARKED', ruleId: 'R-K13' });
    const covered = checkSecrecyLifting([whole], lifting);
    expect(covered).toMatchObject({ code: 'SECRECY_NOT_MARKED', ruleId: 'R-K13' });
    expect(covered!.message).toContain('the whole paragraph is marked');
    expect(covered!.messageSv).toContain('hela paragrafen är markerad');
  });

  it('refuses a second lifting, and a prövning dated before the marking', () => {
    const lifted = { ...summary, lifted: { decidedOn: '2026-03-05' } };
    expect(checkSecrecyLifting([lifted], lifting)).toMatchObject({
      code: 'SECRECY_ALREADY_LIFTED',
      ruleId: 'R-K13',
      details: { field: 'summary', liftedOn: '2026-03-05' },
    });
    expect(checkSecrecyLifting([summary], { ...lifting, decidedOn: '2026-03-01' })).toMatchObject({
      code: 'SECRECY_LIFTED_BEFORE_MARKED',
      ruleId: 'R-K13',
    });
  });

  it('a text marked again after its lifting has a marking in force to lift', () => {
    const lifted = { ...summary, lifted: { decidedOn: '2026-03-05' } };
    const again = { ...summary, markedOn: '2026-06-01' };
    expect(markingsInForce([lifted, again])).toEqual([again]);
    expect(checkSecrecyLifting([lifted, again], { ...lifting, decidedOn: '2026-06-01' })).toBeNull();
    expect(checkSecrecyLifting([lifted, again], { ...lifting, decidedOn: '2026-05-01' })).toMatchObject({
      code: 'SECRECY_LIFTED_BEFORE_MARKED',
    });
  });
});
