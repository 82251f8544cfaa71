/**
 * The record register has no rule guards: no rule refuses a record there, its host module's rules ran before the
 * record was written (record-register.machine.ts). Declared all the same, empty, so that every machine states what
 * its history entries name (issue 10, point 7) and a guard added later must be declared here.
 */
export const RECORD_REGISTER_GUARD_RULE_IDS: Record<number, Record<string, readonly string[]>> = { 1: {} };
