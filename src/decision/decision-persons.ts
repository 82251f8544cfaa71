import { Injectable } from '@nestjs/common';
import { isPersonalMarker } from '../../machines/kernel/personal-data';
import type { Attendee, DecisionParagraph } from '../../machines/protocol/decision.types';
import {
  mapAttendees,
  mapEventPersons,
  mapParagraphPersons,
  namesIn,
  personsSettled,
} from '../../machines/protocol/persons.rules';
import type { ProtocolEvent } from '../../machines/protocol/protocol.types';
import { notFound } from '../common/errors';
import type { Tx } from '../database/db';
import { delegationScope, meetingScope, PersonalDataService } from '../personal-data/personal-data.service';
import { decisionTextScope, SecretTextService } from '../personal-data/secret-text.service';
import { mapEventTexts, mapParagraphTexts } from '../../machines/protocol/secrecy.rules';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import { DecisionEntity, MeetingEntity } from './decision.entities';
import { DelegationDecisionEntity } from './delegation/delegation.entity';

/** One scope of a record's personal data, for a gallring (issue 10 §9). */
export interface PersonalDataPlace {
  /** The scope of its names; null when they were written into the chain itself (a record from before §9). */
  scope: string | null;
  /** The protocols that name them have settled, so no live guard will match a name again (R-K9). */
  settled: boolean;
}

/** Where a decision's personal data is: a delegationsbeslut's delegate first, then its meeting's names. */
export interface DecisionPersonalData {
  municipalityCode: string;
  places: PersonalDataPlace[];
}

/**
 * The names in meetings and protocols as the log holds them (issue 10 §9): each name becomes its marker in the
 * meeting's scope before it is stored or logged, so that a gallring can delete it. A meeting stored before that
 * keeps plain names, and so do the paragraphs and events recorded at it (their guards compare names with its
 * attendees).
 */
@Injectable()
export class DecisionPersons {
  constructor(
    private readonly personal: PersonalDataService,
    private readonly secrets: SecretTextService,
  ) {}

  async meeting(tx: Tx, meetingId: string, attendees: Attendee[], secretary: string | null) {
    const names = [...attendees.map((a) => a.name), ...(secretary ? [secretary] : [])];
    const f = await this.personal.markers(tx, meetingScope(meetingId), names);
    return { attendees: mapAttendees(attendees, f), secretary: secretary ? f(secretary) : null };
  }

  /** Its names, and its markable texts in the decision's scope (issue 11 §8: each kept beside the log, R-K7). */
  async paragraph(tx: Tx, meeting: MeetingEntity, p: DecisionParagraph, decisionId: string) {
    if (!committed(meeting)) return p;
    const f = await this.personal.markers(
      tx,
      meetingScope(meeting.id),
      namesIn((g) => mapParagraphPersons(p, g)),
    );
    const named = mapParagraphPersons(p, f);
    const scope = decisionTextScope(decisionId);
    const t = await this.secrets.markers(tx, scope, meeting.municipalityCode, (g) => mapParagraphTexts(named, g));
    return mapParagraphTexts(named, t);
  }

  /** An event's names; with the decision it is sent to, its markable texts too (an amendment, a motivation). */
  async event<E extends { type: string }>(tx: Tx, meetingId: string | null, event: E, decisionId?: string) {
    const meeting = meetingId ? await tx.findOne(MeetingEntity, { where: { id: meetingId } }) : null;
    if (!meeting || !committed(meeting)) return event;
    const e = event as unknown as ProtocolEvent;
    const f = await this.personal.markers(
      tx,
      meetingScope(meeting.id),
      namesIn((g) => mapEventPersons(e, g)),
    );
    const named = mapEventPersons(e, f);
    if (!decisionId) return named as unknown as E;
    const scope = decisionTextScope(decisionId);
    const t = await this.secrets.markers(tx, scope, meeting.municipalityCode, (g) => mapEventTexts(named, g));
    return mapEventTexts(named, t) as unknown as E;
  }

  /** Whether a paragraph recorded at this meeting keeps its names and texts beside the log (issue 10 §9, 11 §8). */
  async committedAt(tx: Tx, meetingId: string | null): Promise<boolean> {
    const meeting = meetingId ? await tx.findOne(MeetingEntity, { where: { id: meetingId } }) : null;
    return !!meeting && committed(meeting);
  }

  /**
   * For a gallring: where a decision's names are. A delegationsbeslut (same id as its anmälan) names its delegate in
   * its own scope, needed until its anmälan has settled; a paragraph names its meeting's people in the meeting's
   * scope, needed until every paragraph of that meeting has settled.
   */
  async of(wtx: WorkflowTx, decisionId: string): Promise<DecisionPersonalData> {
    const decision = await wtx.tx.findOne(DecisionEntity, { where: { id: decisionId } });
    const delegation = await wtx.tx.findOne(DelegationDecisionEntity, { where: { id: decisionId } });
    if (!decision && !delegation) throw notFound(`Decision ${decisionId}`, `Beslutet ${decisionId}`);
    const places: PersonalDataPlace[] = [];
    if (delegation)
      places.push({
        scope: isPersonalMarker(delegation.delegate) ? delegationScope(decisionId) : null,
        settled: decision?.workflowId ? await this.settled(wtx, [decision.workflowId]) : false,
      });
    if (decision) places.push(await this.meetingPlace(wtx, decision));
    return { municipalityCode: (decision ?? delegation)!.municipalityCode, places };
  }

  private async meetingPlace(wtx: WorkflowTx, decision: DecisionEntity): Promise<PersonalDataPlace> {
    const meeting = decision.meetingId
      ? await wtx.tx.findOne(MeetingEntity, { where: { id: decision.meetingId } })
      : null;
    if (!meeting || !committed(meeting)) return { scope: null, settled: false };
    const paragraphs = await wtx.tx.find(DecisionEntity, { where: { meetingId: meeting.id } });
    return {
      scope: meetingScope(meeting.id),
      settled: await this.settled(wtx, paragraphs.map((d) => d.workflowId!).filter(Boolean)),
    };
  }

  private async settled(wtx: WorkflowTx, workflowIds: string[]): Promise<boolean> {
    const views = await wtx.views(workflowIds);
    return [...views.values()].every((v) => personsSettled(v.state));
  }
}

/** A meeting stored since §9 holds markers for its attendees (every meeting has at least one attendee). */
function committed(meeting: MeetingEntity): boolean {
  const attendees = JSON.parse(meeting.attendees) as Attendee[];
  return attendees.length > 0 && attendees.every((a) => isPersonalMarker(a.name));
}
