import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { toStockholmDate } from '../../machines/calendar/calendar';
import {
  markingCovers,
  mayReadSecret,
  secretCommitmentsIn,
  secretMarkerOf,
  withheldText,
  type SecrecyMarking,
  type SecretReader,
  type TextMap,
} from '../../machines/protocol/secrecy.rules';
import { registerRecords } from '../audit/record-register';
import { Db, type Tx } from '../database/db';
import type { Actor } from '../workflow/actor';
import { Clock } from '../workflow/clock';
import type { WorkflowTx } from '../workflow/engine/workflow-tx';
import { commitmentOf, newSalt } from './commitment';
import type { SecrecyLifting } from '../../machines/protocol/secrecy-lifting.rules';
import { SecrecyLiftingEntity, SecrecyMarkingEntity, SecretTextEntity } from './secret-text.entities';

/** The scope of a decision's texts: each field of it has one marker per text. */
export const decisionTextScope = (decisionId: string): string => `decision:${decisionId}`;

const MISSING_TEXT = '[texten saknas vid sidan av loggen / text missing beside the log]';

const decisionOfScope = (scope: string): string => scope.slice('decision:'.length);

/** What a read shows of the secrecy of a paragraph: each marking, and its lifting once a prövning lifted it (R-K13). */
export class SecrecyLiftedView {
  @ApiProperty({ example: '2026-11-30', description: 'The date of the sekretessprövning' }) decidedOn: string;
  @ApiProperty() decidedBy: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'The instant the lifting was recorded' }) liftedAt: string;
}

export class SecrecyMarkingView implements SecrecyMarking {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'summary',
    description: 'The text marked; null: the whole paragraph',
  })
  field: string | null;
  @ApiProperty({ example: 'OSL 26 kap. 1 §' }) provision: string;
  @ApiProperty({ example: '2026-11-02' }) markedOn: string;
  /** Absent while the marking is in force; the history keeps both the marking and its lifting. */
  @ApiPropertyOptional({ type: SecrecyLiftedView, description: 'Absent while the marking is in force (R-K13)' })
  lifted?: SecrecyLiftedView;
}

/** A marking with its row id, for the writer that lifts it. */
export type SecrecyMarkingStanding = SecrecyMarkingView & { id: string };

/**
 * The "secret" class of the data kept beside the log (issue 11 §8, R-K7): owns secret_text and secrecy_marking. A
 * writer asks for the markers of the texts it is about to log (`sk:<commitment>`); a reader gets each marker back as
 * its text, or, where a marking covers it and the reader has no right to it (R-K12), as the line saying that it was
 * withheld and under which provision.
 */
@Injectable()
export class SecretTextService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** In the writer's transaction: a marker for each (field, text) that `apply` maps (the scope's own, else a new salt). */
  async markers(tx: Tx, scope: string, municipalityCode: string, apply: (f: TextMap) => unknown): Promise<TextMap> {
    const wanted: Array<{ field: string; value: string }> = [];
    apply((field, value) => (wanted.push({ field, value }), value));
    const known = wanted.length ? await tx.find(SecretTextEntity, { where: { scope } }) : [];
    const key = (field: string, value: string) => `${field}\u0000${value}`;
    const byKey = new Map(known.map((d) => [key(d.field, d.value), secretMarkerOf(d.commitment)]));
    for (const { field, value } of wanted) {
      if (byKey.has(key(field, value))) continue;
      const salt = newSalt();
      const commitment = commitmentOf(salt, value);
      await tx.insert(SecretTextEntity, {
        commitment,
        scope,
        field,
        municipalityCode,
        salt,
        value,
        createdAt: this.clock.nowIso(),
      });
      byKey.set(key(field, value), secretMarkerOf(commitment));
    }
    return (field, value) => byKey.get(key(field, value)) ?? value;
  }

  /** In the writer's transaction: a marking as a record of its own, hashed into its municipality's register (R-K9). */
  async mark(
    wtx: WorkflowTx,
    actor: Actor,
    at: { municipalityCode: string; decisionId: string },
    marking: SecrecyMarking,
  ): Promise<void> {
    const now = this.clock.nowIso();
    const row: SecrecyMarkingEntity = {
      id: randomUUID(),
      municipalityCode: at.municipalityCode,
      decisionId: at.decisionId,
      field: marking.field,
      provision: marking.provision.trim(),
      markedOn: toStockholmDate(now),
      markedAt: now,
      markedBy: actor.id,
    };
    await wtx.tx.insert(SecrecyMarkingEntity, row);
    await registerRecords(wtx, actor, at.municipalityCode, [{ table: 'secrecy_marking', row }]);
  }

  /**
   * In the writer's transaction: the lifting of a marking after a sekretessprövning (R-K13), a record of its own beside
   * the marking (never a change of it), hashed into its municipality's register.
   */
  async lift(
    wtx: WorkflowTx,
    actor: Actor,
    at: { municipalityCode: string; decisionId: string; markingId: string },
    lifting: Omit<SecrecyLifting, 'field'>,
  ): Promise<void> {
    const row: SecrecyLiftingEntity = {
      id: randomUUID(),
      markingId: at.markingId,
      municipalityCode: at.municipalityCode,
      decisionId: at.decisionId,
      decidedOn: lifting.decidedOn,
      decidedBy: lifting.decidedBy.trim(),
      reason: lifting.reason.trim(),
      liftedAt: this.clock.nowIso(),
      liftedBy: actor.id,
    };
    await wtx.tx.insert(SecrecyLiftingEntity, row);
    await registerRecords(wtx, actor, at.municipalityCode, [{ table: 'secrecy_lifting', row }]);
  }

  /** The markings of a decision, oldest first, each with its lifting if a prövning lifted it. */
  async markingsOf(decisionId: string, tx?: Tx): Promise<SecrecyMarkingView[]> {
    return (await this.standingsOf(decisionId, tx)).map(({ id: _id, ...view }) => view);
  }

  /** The same, with each marking's row id (what a lifting names). */
  async standingsOf(decisionId: string, tx?: Tx): Promise<SecrecyMarkingStanding[]> {
    const read = async (t: Tx) => ({
      markings: await t.find(SecrecyMarkingEntity, { where: { decisionId }, order: { markedAt: 'ASC' } }),
      liftings: await t.find(SecrecyLiftingEntity, { where: { decisionId } }),
    });
    const { markings, liftings } = tx ? await read(tx) : await this.db.read(read);
    const liftingOf = new Map(liftings.map((l) => [l.markingId, l]));
    return markings.map((m) => {
      const l = liftingOf.get(m.id);
      const view: SecrecyMarkingStanding = { id: m.id, field: m.field, provision: m.provision, markedOn: m.markedOn };
      if (l) view.lifted = { decidedOn: l.decidedOn, decidedBy: l.decidedBy, reason: l.reason, liftedAt: l.liftedAt };
      return view;
    });
  }

  /**
   * A text (JSON, HTML, a feed) with each marker replaced by its text, or by withheldText where a marking covers it
   * and `reader` may not read it (null: the public, an extract, an export). Escaped by `escape`.
   */
  async reveal(text: string, escape: (shown: string) => string, reader: SecretReader | null, tx?: Tx) {
    const found = secretCommitmentsIn(text);
    if (!found.length) return text;
    const read = async (t: Tx) => {
      const texts = await t.find(SecretTextEntity, { where: { commitment: In(found) } });
      const decisions = [...new Set(texts.map((d) => decisionOfScope(d.scope)))];
      const all = decisions.length
        ? await t.find(SecrecyMarkingEntity, { where: { decisionId: In(decisions) }, order: { markedAt: 'ASC' } })
        : [];
      // R-K13: a lifted marking withholds nothing any more.
      const lifted = all.length
        ? await t.find(SecrecyLiftingEntity, { where: { markingId: In(all.map((m) => m.id)) } })
        : [];
      const liftedIds = new Set(lifted.map((l) => l.markingId));
      return { texts, markings: all.filter((m) => !liftedIds.has(m.id)) };
    };
    const { texts, markings } = tx ? await read(tx) : await this.db.read(read);
    const shown = new Map<string, string>();
    for (const d of texts) {
      const covering = markings.find((m) => m.decisionId === decisionOfScope(d.scope) && markingCovers(m, d.field));
      shown.set(
        d.commitment,
        covering && !mayReadSecret(reader, d.municipalityCode) ? withheldText(covering.provision) : d.value,
      );
    }
    // A text missing beside the log (verify would report it): say so rather than show its marker.
    return text.replace(/sk:([0-9a-f]{64})/g, (_m, c: string) => escape(shown.get(c) ?? MISSING_TEXT));
  }

  /** A value (a view) with every marker in its strings shown to `reader`. */
  async revealValue<T>(value: T, reader: SecretReader | null, tx?: Tx): Promise<T> {
    const json = JSON.stringify(value);
    if (json === undefined || !json.includes('sk:')) return value;
    return JSON.parse(await this.reveal(json, (s) => JSON.stringify(s).slice(1, -1), reader, tx)) as T;
  }
}
