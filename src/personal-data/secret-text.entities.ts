import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A markable text of a paragraph (issue 11 §8): the log holds only its commitment (`sk:<commitment>`, SHA-256 of the
 * salt and the text, commitment.ts); the text and its salt live here, so that a text marked secret is never in the
 * clear in a log row that an export carries. `scope` is the decision (`decision:<id>`), `field` its path in the
 * paragraph ('summary', 'proposals[1].text', ...), `municipalityCode` the myndighet that holds it (R-K12).
 */
@Entity('secret_text')
export class SecretTextEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) commitment: string;
  @Column({ type: 'varchar', length: 80 }) scope: string;
  @Column({ type: 'varchar', length: 100 }) field: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ type: 'varchar', length: 64 }) salt: string;
  @Column({ type: 'text' }) value: string;
  @Column({ name: 'created_at', type: 'varchar', length: 30 }) createdAt: string;
}

/**
 * A sekretessmarkering (OSL 5 kap., R-K7) of a paragraph (`field` null) or of one of its texts, with its provision.
 * Never changed: a marking added later is a new row, hashed into the municipality's register (a logged event).
 */
@Entity('secrecy_marking')
export class SecrecyMarkingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ name: 'decision_id', type: 'varchar', length: 36 }) decisionId: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) field: string | null;
  @Column({ type: 'varchar', length: 200 }) provision: string;
  /** The local date of the marking (Europe/Stockholm), and the instant and actor that made it. */
  @Column({ name: 'marked_on', type: 'varchar', length: 10 }) markedOn: string;
  @Column({ name: 'marked_at', type: 'varchar', length: 30 }) markedAt: string;
  @Column({ name: 'marked_by', type: 'varchar', length: 64 }) markedBy: string;
}

/**
 * The lifting of a sekretessmarkering after a sekretessprövning (issue 12 §3, R-K13): a record of its own beside the
 * marking it lifts (the marking row is never changed), hashed into the municipality's register like the marking.
 */
@Entity('secrecy_lifting')
export class SecrecyLiftingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'marking_id', type: 'varchar', length: 36 }) markingId: string;
  @Column({ name: 'municipality_code', type: 'varchar', length: 4 }) municipalityCode: string;
  @Column({ name: 'decision_id', type: 'varchar', length: 36 }) decisionId: string;
  /** The date of the prövning, who made it (an organ or office, as the decision names it), and why it lifts. */
  @Column({ name: 'decided_on', type: 'varchar', length: 10 }) decidedOn: string;
  @Column({ name: 'decided_by', type: 'varchar', length: 200 }) decidedBy: string;
  @Column({ type: 'text' }) reason: string;
  /** The instant and actor that recorded it. */
  @Column({ name: 'lifted_at', type: 'varchar', length: 30 }) liftedAt: string;
  @Column({ name: 'lifted_by', type: 'varchar', length: 64 }) liftedBy: string;
}
