import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A municipality's body: kommunfullmäktige, kommunstyrelse, a nämnd or an utskott, with its number of ledamöter. */
@Entity('body')
export class BodyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ type: 'varchar', length: 16 }) kind: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ name: 'member_count', type: 'integer' }) memberCount: number;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
  /** R-H18: fullmäktige's decision that allows the body to meet in public: its date and paragraph or diarienummer. */
  @Column({ name: 'open_meetings_decided_on', type: 'varchar', length: 10, nullable: true }) openMeetingsDecidedOn:
    string | null;
  @Column({ name: 'open_meetings_reference', type: 'varchar', length: 200, nullable: true }) openMeetingsReference:
    string | null;
}

/** A meeting (sammanträde) of a body, with who was present and in which role (JSON). */
@Entity('meeting')
export class MeetingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'body_id', type: 'varchar', length: 36 }) bodyId: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ type: 'varchar', length: 10 }) date: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) place: string | null;
  @Column({ type: 'text' }) attendees: string;
  @Column({ name: 'closed_at', type: 'varchar', length: 40, nullable: true }) closedAt: string | null;
  @Column({ name: 'justering_at', type: 'varchar', length: 40, nullable: true }) justeringAt: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) secretary: string | null;
  /** JSON of the example mark when the meeting is demo data (machines/kernel/example-mark.ts), else null. */
  @Column({ type: 'text', nullable: true }) example: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
  /** R-H18: the meeting is open to the public; null in a meeting recorded before (fullmäktige's is public anyway). */
  @Column({ name: 'is_public', type: 'boolean', nullable: true }) isPublic: boolean | null;
}

/** A matter (ärende) in a municipality's own diarium: the diarienummer is unique per municipality and diarium only (R-K5, R-K6). */
@Entity('matter')
export class MatterEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ type: 'varchar', length: 64 }) diarium: string;
  @Column({ type: 'varchar', length: 100 }) diarienummer: string;
  @Column({ type: 'text' }) parsed: string;
  @Column({ type: 'varchar', length: 500 }) title: string;
}

/**
 * A decision: a recorded paragraph (with its protocol workflow), or the minimal record created for an inline decision
 * in a membership event (no workflow of its own).
 */
@Entity('decision')
export class DecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ name: 'body_id', type: 'varchar', length: 36, nullable: true }) bodyId: string | null;
  @Column({ name: 'meeting_id', type: 'varchar', length: 36, nullable: true }) meetingId: string | null;
  @Column({ name: 'matter_id', type: 'varchar', length: 36, nullable: true }) matterId: string | null;
  @Column({ type: 'varchar', length: 8 }) organ: string;
  @Column({ name: 'decided_on', type: 'varchar', length: 10 }) decidedOn: string;
  @Column({ name: 'paragraph_number', type: 'varchar', length: 50, nullable: true }) paragraphNumber: string | null;
  @Column({ type: 'varchar', length: 32 }) subject: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) collaboration: string | null;
  @Column({ name: 'document_version_id', type: 'varchar', length: 36, nullable: true }) documentVersionId:
    string | null;
  @Column({ type: 'boolean' }) minimal: boolean;
  @Column({ name: 'workflow_id', type: 'varchar', length: 36, nullable: true }) workflowId: string | null;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
  /** R-H22: the earlier paragraph of the same matter (bordlagt or återremitterat) that this one continues. */
  @Column({ name: 'continues_decision_id', type: 'varchar', length: 36, nullable: true }) continuesDecisionId:
    string | null;
}
