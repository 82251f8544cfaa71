/**
 * The rule ids each guard of the area rule table applies (issue 10, point 7): the ids its rule function (and the
 * rules it calls) can refuse with, and the §4.2 gate it implements (G1–G6), as a history entry names them for a
 * transition the guard allowed. Beside the table in area.machine.ts; test/machines/guard-rule-ids.spec.ts keeps the
 * two in step.
 */
const VERSION_1: Record<string, readonly string[]> = {
  proposalOk: ['R-F1'],
  registeredExistingOk: ['G6', 'R-F1', 'R-F3'],
  forankringDone: ['G1', 'R-D7'],
  reportOk: ['R-F3'],
  forstudieDone: ['G2', 'R-F4', 'R-G1'],
  participationOk: ['G4', 'R-F2', 'R-J5', 'R-I1'],
  formalisationOk: ['R-F3', 'R-J5'],
  signatureOk: ['R-F6'],
  allSigned: ['R-F3', 'R-F6'],
  annulmentOk: ['R-C11', 'D10'],
  councilMayDecide: ['G5', 'R-E2'],
};

/** Version 2 (D7): the same rule table under renamed stages; its guards apply the same rules. */
const VERSION_2: Record<string, readonly string[]> = { ...VERSION_1 };

/** Version 3 (h-forms): what the law says of each legal form (legal-form.rules.ts). */
const VERSION_3: Record<string, readonly string[]> = {
  ...VERSION_1,
  registeredExistingOk: [...VERSION_1.registeredExistingOk, 'R-J3'],
  formalisationOk: [...VERSION_1.formalisationOk, 'R-J1', 'R-J2', 'R-J3', 'R-J4', 'R-J6'],
  allSigned: [...VERSION_1.allSigned, 'R-J3'],
  changeApprovedByAll: ['R-J1'],
};

export const AREA_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = {
  1: VERSION_1,
  2: VERSION_2,
  3: VERSION_3,
};
