import { createActor, transition } from 'xstate';
import { explainRefusal, stateString } from '../../machines/kernel/explain';
import {
  collaborationDefinitionV3,
  collaborationMachineV3,
  type CollaborationInput,
} from '../../machines/collaboration/collaboration.machine';
import { amendmentOrganOf, collaborationRulesOf } from '../../machines/collaboration/collaboration.rules';
import {
  membershipDefinitionV2,
  membershipMachine,
  membershipMachineV2,
} from '../../machines/membership/membership.machine';
import { offeredEntryEvents } from '../../machines/membership/entry.rules';
import { exitRuleOf } from '../../machines/membership/membership.rules';
import type { MembershipEvent, MembershipInput, MembershipSettings } from '../../machines/membership/membership.types';

const INPUT: MembershipInput = {
  collaboration: 'vastra-malardalen',
  municipality: '1984',
  declarationVersion: 'AF-2016',
  declarationEffectiveDate: '2016-08-31',
};
const DALSLAND: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' };
const VM: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KS', exitRule: null };
const KS_EXIT: MembershipSettings = {
  ...VM,
  exitRule: { decisionOrgan: 'KS', noticeTo: 'COUNCIL_CHAIR', effective: 'DEC_31_YEAR_AFTER' },
};

const sign: MembershipEvent = { type: 'KSO_SIGNED', signedOn: '2016-08-31', signatory: { name: 'KSO', office: 'KSO' } };
const entry = (
  organ: 'KF' | 'KS',
  settings: MembershipSettings,
  type: 'ENTRY_DECIDED' | 'FULLMAKTIGE_ADOPTED_DECLARATION' = 'ENTRY_DECIDED',
): MembershipEvent => ({
  type,
  decision: { organ, date: '2016-09-26', decisionId: 'entry' },
  settings,
});
const exit = (organ: 'KF' | 'KS', settings: MembershipSettings): MembershipEvent => ({
  type: 'FULLMAKTIGE_REQUESTED_EXIT',
  decision: { organ, date: '2025-03-01', decisionId: 'exit' },
  settings,
});

function member(machine: typeof membershipMachineV2, settings: MembershipSettings) {
  const actor = createActor(machine, { input: INPUT }).start();
  actor.send(sign);
  actor.send(entry(settings.entryDecisionOrgan as 'KF' | 'KS', settings, 'FULLMAKTIGE_ADOPTED_DECLARATION'));
  return actor.getSnapshot();
}

describe("membership version 2: each collaboration's own entry and exit rules", () => {
  it('R-B2: ENTRY_DECIDED is the entry decision under the organ of the rule; version 1 has no such event', () => {
    const s0 = createActor(membershipMachineV2, { input: INPUT }).start().getSnapshot();
    const s1 = transition(membershipMachineV2, s0, sign)[0];
    expect(stateString(transition(membershipMachineV2, s1, entry('KS', VM))[0].value)).toBe('member.active');
    expect(transition(membershipMachineV2, s1, entry('KF', VM))[0]).toBe(s1);
    expect(explainRefusal(membershipDefinitionV2, s1, entry('KF', VM))).toMatchObject({
      code: 'WRONG_DECISION_ORGAN',
      ruleId: 'R-B2',
    });
    const v1 = createActor(membershipMachine, { input: INPUT }).start().getSnapshot();
    expect(transition(membershipMachine, v1, entry('KF', DALSLAND))[0]).toBe(v1);
  });

  it('R-C1: no exit rule recorded: every exit request is refused NO_EXIT_RULE, whatever the organ', () => {
    const s = member(membershipMachineV2, VM);
    for (const organ of ['KF', 'KS'] as const) {
      expect(transition(membershipMachineV2, s, exit(organ, VM))[0]).toBe(s);
      expect(explainRefusal(membershipDefinitionV2, s, exit(organ, VM))).toMatchObject({
        code: 'NO_EXIT_RULE',
        ruleId: 'R-C1',
      });
    }
    // Version 1 knows no exit rule: a KF decision is an exit request there, as before.
    const v1 = member(membershipMachine, VM);
    expect(stateString(transition(membershipMachine, v1, exit('KF', VM))[0].value)).toBe('member.exitDecided');
  });

  it('R-C1, D6: a recorded exit rule names the organ for the request and its withdrawal', () => {
    const s = member(membershipMachineV2, KS_EXIT);
    expect(explainRefusal(membershipDefinitionV2, s, exit('KF', KS_EXIT))).toMatchObject({
      code: 'WRONG_DECISION_ORGAN',
      ruleId: 'R-C1',
    });
    const decided = transition(membershipMachineV2, s, exit('KS', KS_EXIT))[0];
    expect(stateString(decided.value)).toBe('member.exitDecided');
    const withdraw = (organ: 'KF' | 'KS'): MembershipEvent => ({
      type: 'EXIT_REQUEST_WITHDRAWN',
      decision: { organ, date: '2025-04-01' },
      noticeArrivedAt: '2025-04-02T10:00:00+02:00',
      settings: KS_EXIT,
    });
    expect(explainRefusal(membershipDefinitionV2, decided, withdraw('KF'))).toMatchObject({
      code: 'WRONG_DECISION_ORGAN',
      ruleId: 'R-C10',
    });
    expect(stateString(transition(membershipMachineV2, decided, withdraw('KS'))[0].value)).toBe('member.active');
  });

  it("settings without an exit rule (every collaboration before version 2) keep Dalslandssamverkan's: KF, 31 December of the year after", () => {
    expect(exitRuleOf(DALSLAND)).toEqual({
      decisionOrgan: 'KF',
      noticeTo: 'COUNCIL_CHAIR',
      effective: 'DEC_31_YEAR_AFTER',
    });
    expect(exitRuleOf(VM)).toBeNull();
    const s = member(membershipMachineV2, DALSLAND);
    expect(explainRefusal(membershipDefinitionV2, s, exit('KS', DALSLAND))).toMatchObject({
      code: 'WRONG_DECISION_ORGAN',
      ruleId: 'R-C1',
    });
    const decided = transition(membershipMachineV2, s, exit('KF', DALSLAND))[0];
    const noticed = transition(membershipMachineV2, decided, {
      type: 'EXIT_NOTICE_DELIVERED',
      arrivedAt: '2025-03-05T10:00:00+01:00',
      settings: DALSLAND,
    })[0];
    expect(noticed.context.periods[0].exitRequests[0].effectiveOn).toBe('2026-12-31');
  });
});

describe('collaboration version 3: the rules as data, organisations as parties', () => {
  const input: CollaborationInput = {
    slug: 'vm',
    name: 'VM',
    parties: ['1984'],
    declarationVersion: 'AF-2016',
    declarationEffectiveDate: '2016-08-31',
    settings: VM,
  };
  it('R-A1: an organisation signs once; NOTHING_CHANGED compares settings by content (D1)', () => {
    const s0 = createActor(collaborationMachineV3, { input }).start().getSnapshot();
    const signed = {
      type: 'ORGANISATION_SIGNED' as const,
      organisation: { key: 'ivm', name: 'IVM', form: 'ASSOCIATION' as const },
      signedOn: '2016-08-31',
    };
    const s1 = transition(collaborationMachineV3, s0, signed)[0];
    expect(s1.context.organisations).toEqual([
      {
        kind: 'organisation',
        key: 'ivm',
        name: 'IVM',
        form: 'ASSOCIATION',
        signedOn: '2016-08-31',
        declarationVersion: 'AF-2016',
      },
    ]);
    expect(explainRefusal(collaborationDefinitionV3, s1, signed)).toMatchObject({
      code: 'ORGANISATION_ALREADY_SIGNED',
    });
    const rule = { effective: 'DEC_31_YEAR_AFTER', noticeTo: 'COUNCIL_CHAIR', decisionOrgan: 'KS' } as const;
    const change = (settings: object) => ({
      type: 'SETTINGS_CHANGED' as const,
      settings,
      reason: 'r',
      changedOn: '2025-01-01',
    });
    const s2 = transition(collaborationMachineV3, s1, change({ exitRule: rule }))[0];
    expect(s2.context.settings.exitRule).toEqual(rule);
    expect(explainRefusal(collaborationDefinitionV3, s2, change({ exitRule: { ...rule } }))).toMatchObject({
      code: 'NOTHING_CHANGED',
    });
    expect(explainRefusal(collaborationDefinitionV3, s2, change({ exitRule: null }))).toBeNull();
  });

  it('D2: the amendment organ per municipality, KF by default; the rules a settings object amounts to', () => {
    expect(amendmentOrganOf({ ...VM, amendmentOrgan: { '1984': 'KS' } }, '1984')).toBe('KS');
    expect(amendmentOrganOf(VM, '1983')).toBe('KF');
    expect(collaborationRulesOf(DALSLAND)).toEqual({
      entry: { decisionOrgan: 'KF', signatory: 'KSO' },
      exit: { decisionOrgan: 'KF', noticeTo: 'COUNCIL_CHAIR', effective: 'DEC_31_YEAR_AFTER' },
      amendment: { defaultOrgan: 'KF', byMunicipality: {} },
    });
  });
});

describe('R-B2: the entry event offered is named after the organ of the rule (offeredEntryEvents)', () => {
  const allowed = ['COUNCIL_INFORMED', 'FULLMAKTIGE_ADOPTED_DECLARATION', 'KSO_SIGNED'];

  it('where fullmäktige decides, the fullmäktige event is offered as always', () => {
    expect(offeredEntryEvents(allowed, DALSLAND)).toEqual(allowed);
    expect(offeredEntryEvents(allowed, undefined)).toEqual(allowed);
  });

  it('where kommunstyrelsen decides, ENTRY_DECIDED is offered in its place', () => {
    expect(offeredEntryEvents(allowed, VM)).toEqual(['COUNCIL_INFORMED', 'ENTRY_DECIDED', 'KSO_SIGNED']);
  });

  it('a state without an entry event offers none, whatever the organ', () => {
    expect(offeredEntryEvents(['FULLMAKTIGE_REQUESTED_EXIT'], VM)).toEqual(['FULLMAKTIGE_REQUESTED_EXIT']);
  });
});
