/**
 * Protocol machine version 3 (protocol.v3.machine.ts): a delegationsbeslut announced on its own (R-I9) goes from
 * draft to anslaget with the appeal clock of that notice (R-I6), and is then version 2's lifecycle; every refusal of
 * the new transition names its rule; versions 1 and 2 stay registered beside it.
 */
import { initialTransition, transition } from 'xstate';
import type { DelegationReport } from '../../machines/delegation/delegation.types';
import type { ProtocolContext, ProtocolEvent, ProtocolInput } from '../../machines/protocol/protocol.types';
import { protocolDefinitionV3, protocolMachineV3 } from '../../machines/protocol/protocol.v3.machine';
import { checkOwnNotice } from '../../machines/protocol/protocol.v3.rules';
import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { INPUT } from './protocol-v2.path-events';

const DELEGATION: DelegationReport = {
  delegationId: 'dec-45',
  kind: 'DELEGATIONSBESLUT',
  number: 'D 2024/7',
  delegate: 'Anna Berg',
  point: '3.2',
  decidedOn: '2024-12-02',
  bodyId: 'body-1',
  bodyName: 'Socialnämnden',
};
const OWN: ProtocolInput = { ...INPUT, delegation: DELEGATION, ownNotice: true };

function start(input: ProtocolInput) {
  return initialTransition(protocolMachineV3, input)[0];
}

function send(input: ProtocolInput, ...events: ProtocolEvent[]) {
  let s = start(input);
  for (const e of events) s = transition(protocolMachineV3, s, e)[0];
  return s;
}

const announce = (postedOn: string, extra: Partial<Extract<ProtocolEvent, { type: 'DELEGATION_ANNOUNCED' }>> = {}) =>
  ({ type: 'DELEGATION_ANNOUNCED', postedOn, ...extra }) as const;

describe('protocol v3: a delegationsbeslut announced on its own (R-I9)', () => {
  it('goes from draft to anslaget with the appeal period counted from the notice (R-I6)', () => {
    const s = send(OWN, announce('2024-12-04', { keptAt: 'Kommunkansliet' }));
    expect(s.value).toBe('anslaget');
    // 2024-12-04 + 21 days = 2024-12-25 (juldagen) → the next vardag 2024-12-27 (R-I6)
    expect(s.context).toMatchObject({ anslagOn: '2024-12-04', appealLastDay: '2024-12-27', keptAt: 'Kommunkansliet' });
    expect(protocolDefinitionV3.dueEvents!(s.context, 'anslaget')).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'APPEAL_PERIOD_ENDED', dueOn: s.context.finalFrom })]),
    );
  });

  it('then runs version 2’s appeal lifecycle: an appeal in time is tried', () => {
    const s = send(OWN, announce('2024-12-04'), { type: 'APPEAL_RECEIVED', receivedOn: '2024-12-20' });
    expect(s.value).toBe('appealed');
  });

  it('is not announced twice: anslaget has no DELEGATION_ANNOUNCED', () => {
    const s = send(OWN, announce('2024-12-04'));
    expect(s.can(announce('2024-12-05'))).toBe(false);
  });

  it('R-I9: refuses a notice before the decision', () => {
    const c = start(OWN).context as ProtocolContext;
    expect(checkOwnNotice(c, announce('2024-12-01'))).toMatchObject({
      code: 'DELEGATION_NOTICE_BEFORE_DECISION',
      ruleId: 'R-I9',
    });
    expect(send(OWN, announce('2024-12-01')).value).toBe('draft');
  });

  it('R-I9: refuses a notice of the anmälan paragraph of a meeting, and of any other paragraph', () => {
    const reported = start({ ...INPUT, delegation: DELEGATION }).context as ProtocolContext;
    expect(checkOwnNotice(reported, announce('2024-12-04'))?.code).toBe('DELEGATION_NOTICE_AFTER_ANMALAN');
    const paragraph = start(INPUT).context as ProtocolContext;
    expect(checkOwnNotice(paragraph, announce('2024-12-04'))?.code).toBe('DELEGATION_NOTICE_ONLY_DELEGATION');
    expect(send(INPUT, announce('2024-12-04')).value).toBe('draft');
  });

  it('R-I4: refuses a notice taken down before the appeal period has run out', () => {
    const c = start(OWN).context as ProtocolContext;
    expect(checkOwnNotice(c, announce('2024-12-04', { takenDownOn: '2024-12-20' }))).toMatchObject({
      code: 'ANSLAG_TAKEN_DOWN_TOO_EARLY',
      ruleId: 'R-I4',
    });
    expect(checkOwnNotice(c, announce('2024-12-04', { takenDownOn: '2024-12-27' }))).toBeNull();
  });

  it('keeps versions 1 and 2 registered beside it, and dates the notice by its day', () => {
    const protocol = MACHINE_DEFINITIONS.filter((d) => d.id === 'protocol').map((d) => d.version);
    expect(protocol).toEqual([1, 2, 3]);
    expect(protocolDefinitionV3.legalDateOf(announce('2024-12-04'), start(OWN).context)).toBe('2024-12-04');
  });
});
