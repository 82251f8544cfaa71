/**
 * One shape of each event: the machine's event union (machines/*) and the API's DTO of the same type (src/.../dto)
 * must name the same fields. The check is in the types: a field added to one side only makes `true` below not
 * assignable, and this file (so `npm test`) fails to compile. The run-time part checks that the DTO maps accept
 * exactly the events a client may send to each machine.
 */
import type { EventOf } from '../../machines/kernel/rule-table';
import { membershipDefinitionV2 } from '../../machines/membership/membership.machine';
import type { MembershipEvent } from '../../machines/membership/membership.types';
// The newest version: the DTO map takes every client event a new paragraph's workflow knows.
import { protocolDefinitionV2 } from '../../machines/protocol/protocol.v2.machine';
import type { ProtocolEvent } from '../../machines/protocol/protocol.types';
import { MEMBERSHIP_EVENT_DTOS } from '../../src/collaboration/dto/membership-event.dto';
import { PROTOCOL_EVENT_DTOS } from '../../src/decision/dto/protocol-event.dto';
import type { MachineDefinition } from '../../machines/kernel/machine-definition';
import { areaDefinition } from '../../machines/area/area.machine';
import type { AreaEvent } from '../../machines/area/area.types';
import { AREA_EVENT_DTOS } from '../../src/area/dto/area-event.dto';
// plan and council
import { councilDefinition } from '../../machines/council/council.machine';
import type { CouncilEvent } from '../../machines/council/council.types';
import { planDefinition } from '../../machines/plan/plan.machine';
import type { PlanEvent } from '../../machines/plan/plan.types';
import { COUNCIL_EVENT_DTOS } from '../../src/council/dto/council.dto';
import { PLAN_EVENT_DTOS } from '../../src/plan/dto/plan.dto';
// Cost sharing (kostnadsfördelning)
import { costRuleDefinition } from '../../machines/cost/cost-rule.machine';
import type { CostRuleEvent } from '../../machines/cost/cost.types';
import { COST_RULE_EVENT_DTOS } from '../../src/cost/dto/cost-rule-event.dto';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fields of every client event that the machine never sees as data of its own. */
type ClientEnvelope = 'expectedVersion' | 'note' | 'example';
type DtoFields<D extends Record<string, new () => object>, T extends keyof D> = Exclude<
  keyof InstanceType<D[T]>,
  ClientEnvelope
>;

// Membership: the client may name a recorded decision (decisionId) or signature (signatureId) instead of its data;
// the service adds the settings in force and the signed document's hash before the machine sees the event.
type MembershipDto<T extends keyof typeof MEMBERSHIP_EVENT_DTOS> = Exclude<
  DtoFields<typeof MEMBERSHIP_EVENT_DTOS, T>,
  'decisionId'
>;
type MembershipData<T extends MembershipEvent['type']> = Exclude<
  keyof EventOf<MembershipEvent, T>,
  'settings' | 'documentHash'
>;
const membershipShapes: { [T in keyof typeof MEMBERSHIP_EVENT_DTOS]: Same<MembershipDto<T>, MembershipData<T>> } = {
  FULLMAKTIGE_ADOPTED_DECLARATION: true,
  KSO_SIGNED: true,
  FULLMAKTIGE_REQUESTED_EXIT: true,
  EXIT_NOTICE_DELIVERED: true,
  COUNCIL_INFORMED: true,
  EXIT_REQUEST_WITHDRAWN: true,
  COUNCIL_APPROVED_EXIT: true,
  ENTRY_DECIDED: true,
};

type ProtocolDto<T extends keyof typeof PROTOCOL_EVENT_DTOS> = DtoFields<typeof PROTOCOL_EVENT_DTOS, T>;
type ProtocolData<T extends ProtocolEvent['type']> = keyof EventOf<ProtocolEvent, T>;
const protocolShapes: { [T in keyof typeof PROTOCOL_EVENT_DTOS]: Same<ProtocolDto<T>, ProtocolData<T>> } = {
  PARAGRAPH_AMENDED: true,
  JUSTERAT: true,
  ANSLAG_POSTED: true,
  APPEAL_RECEIVED: true,
  NO_APPEAL_CONFIRMED: true,
  APPEAL_DECIDED: true,
  CORRECTION_RECORDED: true,
  RESERVATION_MOTIVATION_SUBMITTED: true,
  INHIBITION_ORDERED: true,
  INHIBITION_LIFTED: true,
};

// Areas: the client names a recorded decision (decisionId) and document versions (documentVersionId(s)); the service
// resolves them into the decision and the versions with their hashes, and adds the active parties on the date.
type AreaDto<T extends keyof typeof AREA_EVENT_DTOS> = Exclude<
  DtoFields<typeof AREA_EVENT_DTOS, T>,
  // documentKinds (area@3) is resolved into the documents' kinds.
  'decisionId' | 'documentVersionId' | 'documentVersionIds' | 'documentKinds'
>;
type AreaData<T extends AreaEvent['type']> = Exclude<
  keyof EventOf<AreaEvent, T>,
  'parties' | 'decision' | 'document' | 'documents'
>;
const areaShapes: { [T in keyof typeof AREA_EVENT_DTOS]: Same<AreaDto<T>, AreaData<T>> } = {
  AREA_PROPOSED: true,
  AREA_REGISTERED_EXISTING: true,
  FORANKRING_STARTED: true,
  KDG_ASSIGNED: true,
  COUNCIL_INFORMED: true,
  COUNCIL_DECIDED: true,
  FORSTUDIE_STARTED: true,
  REPORT_SUBMITTED: true,
  DECISIONS_REQUESTED: true,
  PARTICIPATION_DECIDED: true,
  AREA_FORMALISED: true,
  AGREEMENT_SIGNED: true,
  OPERATION_STARTED: true,
  FOLLOW_UP_STARTED: true,
  FOLLOW_UP_REPORTED: true,
  REVISION_STARTED: true,
  REVISION_DECIDED: true,
  AREA_WOUND_DOWN: true,
  AREA_PAUSED: true,
  AREA_RESUMED: true,
  AREA_CLOSED: true,
};

// Plan: the service adds the other plans' adopted periods to a KDG adoption (R-D8) before the machine sees it.
type PlanDto<T extends keyof typeof PLAN_EVENT_DTOS> = DtoFields<typeof PLAN_EVENT_DTOS, T>;
type PlanData<T extends PlanEvent['type']> = Exclude<keyof EventOf<PlanEvent, T>, 'otherAdoptedPeriods'>;
const planShapes: { [T in keyof typeof PLAN_EVENT_DTOS]: Same<PlanDto<T>, PlanData<T>> } = {
  VERSION_DRAFTED: true,
  COUNCIL_INFORMED: true,
  KDG_ADOPTED: true,
  COUNCIL_ADOPTED: true,
};

// Council: one endpoint per event (no `type` in the body); the service adds the meeting's or record's id, and the
// machine keeps the note (demo data is marked there).
type CouncilDto<T extends keyof typeof COUNCIL_EVENT_DTOS> = Exclude<DtoFields<typeof COUNCIL_EVENT_DTOS, T>, 'type'>;
type CouncilAdded = { MEMBER_SEATED: never; MEETING_HELD: 'meetingId'; RECORD_ADDED: 'recordId' };
type CouncilData<T extends CouncilEvent['type']> = Exclude<
  keyof EventOf<CouncilEvent, T>,
  'type' | 'note' | CouncilAdded[T]
>;
const councilShapes: { [T in keyof typeof COUNCIL_EVENT_DTOS]: Same<CouncilDto<T>, CouncilData<T>> } = {
  MEMBER_SEATED: true,
  MEETING_HELD: true,
  RECORD_ADDED: true,
};

/** The events a client may send: every event with roles, minus the engine's own. */
const clientEvents = (def: MachineDefinition) =>
  Object.keys(def.eventRoles)
    .filter((t) => !def.systemEvents?.includes(t))
    .sort();

describe('event shapes: one declaration on each side, checked against the other', () => {
  it.each([
    // The latest version: version 1 knows every one of these but ENTRY_DECIDED, which the service sends by its old name.
    ['membership', membershipDefinitionV2, MEMBERSHIP_EVENT_DTOS, membershipShapes],
    ['protocol', protocolDefinitionV2, PROTOCOL_EVENT_DTOS, protocolShapes],
    ['area', areaDefinition, AREA_EVENT_DTOS, areaShapes],
    // plan and council
    ['plan', planDefinition, PLAN_EVENT_DTOS, planShapes],
    ['council', councilDefinition, COUNCIL_EVENT_DTOS, councilShapes],
  ] as const)(
    '%s: the DTO map takes exactly the client events of the machine, and each shape agrees',
    (_id, def, dtos, shapes) => {
      expect(Object.keys(dtos).sort()).toEqual(clientEvents(def));
      expect(Object.values(shapes).every((v) => v === true)).toBe(true);
    },
  );
});

// Cost sharing: three events come through /cost-rules/{id}/events with a DTO of the same shape; an invoice run and a
// credit have endpoints of their own whose bodies are read into the event (kronor to öre, defaults) by the service.
type CostRuleDto<T extends keyof typeof COST_RULE_EVENT_DTOS> = DtoFields<typeof COST_RULE_EVENT_DTOS, T>;
type CostRuleData<T extends CostRuleEvent['type']> = Exclude<keyof EventOf<CostRuleEvent, T>, 'note'>;
const costRuleShapes: { [T in keyof typeof COST_RULE_EVENT_DTOS]: Same<CostRuleDto<T>, CostRuleData<T>> } = {
  COST_RULE_ADOPTED: true,
  COUNCIL_INFORMED: true,
  COST_RULE_ENDED: true,
};

describe('event shapes: the cost-rule events of /cost-rules/{id}/events', () => {
  it('the DTO map takes the client events without an endpoint of their own, and each shape agrees', () => {
    const ownEndpoints = ['INVOICE_RUN_ISSUED', 'INVOICE_CREDITED'];
    expect(Object.keys(COST_RULE_EVENT_DTOS).sort()).toEqual(
      clientEvents(costRuleDefinition).filter((t) => !ownEndpoints.includes(t)),
    );
    expect(Object.values(costRuleShapes).every((v) => v === true)).toBe(true);
  });
});
