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
import { meetingScope, PersonalDataService } from '../personal-data/personal-data.service';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import { DecisionEntity, MeetingEntity } from './decision.entities';

/** Where a decision's personal data is, for a gallring (issue 10 §9). */
export interface DecisionPersonalData {
  municipalityCode: string;
  /** The scope of its names; null when they were written into the chain itself (a record from before §9). */
  scope: string | null;
  /** Every paragraph of its meeting has settled, so no live guard will match a name again (R-K9). */
  settled: boolean;
}

/**
 * The names in meetings and protocols as the log holds them (issue 10 §9): each name becomes its marker in the
 * meeting's scope before it is stored or logged, so that a gallring can delete it. A meeting stored before that
 * keeps plain names, and so do the paragraphs and events recorded at it (their guards compare names with its
 * attendees).
 */
@Injectable()
export class DecisionPersons {
  constructor(private readonly personal: PersonalDataService) {}

  async meeting(tx: Tx, meetingId: string, attendees: Attendee[], secretary: string | null) {
    const names = [...attendees.map((a) => a.name), ...(secretary ? [secretary] : [])];
    const f = await this.personal.markers(tx, meetingScope(meetingId), names);
    return { attendees: mapAttendees(attendees, f), secretary: secretary ? f(secretary) : null };
  }

  async paragraph(tx: Tx, meeting: MeetingEntity, p: DecisionParagraph): Promise<DecisionParagraph> {
    if (!committed(meeting)) return p;
    const f = await this.personal.markers(
      tx,
      meetingScope(meeting.id),
      namesIn((g) => mapParagraphPersons(p, g)),
    );
    return mapParagraphPersons(p, f);
  }

  async event<E extends { type: string }>(tx: Tx, meetingId: string | null, event: E): Promise<E> {
    const meeting = meetingId ? await tx.findOne(MeetingEntity, { where: { id: meetingId } }) : null;
    if (!meeting || !committed(meeting)) return event;
    const e = event as unknown as ProtocolEvent;
    const f = await this.personal.markers(
      tx,
      meetingScope(meeting.id),
      namesIn((g) => mapEventPersons(e, g)),
    );
    return mapEventPersons(e, f) as unknown as E;
  }

  /** For a gallring: the scope of a decision's names and whether its meeting's protocols have all settled. */
  async of(wtx: WorkflowTx, decisionId: string): Promise<DecisionPersonalData> {
    const decision = await wtx.tx.findOne(DecisionEntity, { where: { id: decisionId } });
    if (!decision) throw notFound(`Decision ${decisionId}`, `Beslutet ${decisionId}`);
    const meeting = decision.meetingId
      ? await wtx.tx.findOne(MeetingEntity, { where: { id: decision.meetingId } })
      : null;
    if (!meeting || !committed(meeting))
      return { municipalityCode: decision.municipalityCode, scope: null, settled: false };
    const paragraphs = await wtx.tx.find(DecisionEntity, { where: { meetingId: meeting.id } });
    const views = await wtx.views(paragraphs.map((d) => d.workflowId!).filter(Boolean));
    return {
      municipalityCode: decision.municipalityCode,
      scope: meetingScope(meeting.id),
      settled: [...views.values()].every((v) => personsSettled(v.state)),
    };
  }
}

/** A meeting stored since §9 holds markers for its attendees (every meeting has at least one attendee). */
function committed(meeting: MeetingEntity): boolean {
  const attendees = JSON.parse(meeting.attendees) as Attendee[];
  return attendees.length > 0 && attendees.every((a) => isPersonalMarker(a.name));
}
