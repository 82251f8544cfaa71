/**
 * The rule ids each guard of the protocol rule table applies (issue 10, point 7): the ids its rule function (and the
 * rules it calls) can refuse with, as a history entry names them for a transition the guard allowed. Beside the table
 * in protocol.machine.ts; test/machines/guard-rule-ids.spec.ts keeps the two in step.
 */
const VERSION_1: Record<string, readonly string[]> = {
  amendedDraftOk: [
    'R-H2',
    'R-H4',
    'R-H5',
    'R-H7',
    'R-H9',
    'R-H10',
    'R-H11',
    'R-H13',
    'R-H14',
    'R-H15',
    // issue 11 points 1–3: tjänstgöring per paragraph, several questions (checkParagraph asks them where recorded)
    'R-H6',
    'R-H8',
    'R-H16',
    'R-H20',
    'R-H21',
    'R-H22',
    // R-H12: not taking part in the decision, no abstaining in myndighetsutövning mot enskild
    'R-H12',
  ],
  justeringOk: ['R-I1', 'R-I2', 'R-I3'],
  anslagOk: ['R-I4'],
  appealPeriodEndedOk: ['R-I7'],
  appealOk: ['R-I5'],
  noAppealOk: ['R-I7'],
  appealPeriodOver: ['R-I7'],
  lateKnownAppealOk: ['R-I5', 'R-I7'],
  appealDecidedOk: ['R-I5'],
  amendmentOk: ['R-K9'],
  correctionOk: ['R-K9'],
  motivationOk: ['R-H14'],
};

/** Version 2 (h-proto2): version 1's guards and the ones it adds. */
const VERSION_2: Record<string, readonly string[]> = {
  ...VERSION_1,
  justeringDeadlinePassedOk: ['R-I1'],
  anslagDeadlinePassedOk: ['R-I4'],
  inhibitionOk: ['R-I13'],
  inhibitionLiftOk: ['R-I13'],
  lateAppealDecidedOk: ['R-I14', 'R-I5'],
};

/** Version 3 (h-delegnotice): version 2's guards and a delegationsbeslut's own tillkännagivande. */
const VERSION_3: Record<string, readonly string[]> = { ...VERSION_2, ownNoticeOk: ['R-I9', 'R-I4'] };

export const PROTOCOL_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = {
  1: VERSION_1,
  2: VERSION_2,
  3: VERSION_3,
};
