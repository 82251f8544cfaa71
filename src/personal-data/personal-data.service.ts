import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { commitmentsIn, markerOf } from '../../machines/kernel/personal-data';
import type { NameMap } from '../../machines/protocol/persons.rules';
import { removedText } from '../../machines/gallring/gallring.rules';
import { Db, type Tx } from '../database/db';
import { Clock } from '../workflow/clock';
import { commitmentOf, newSalt } from './commitment';
import { PersonalDatumEntity } from './personal-datum.entity';

const MISSING_TEXT = '[personuppgift saknas utan gallringsbeslut / personal datum missing, no gallring logged]';

/** The scope of a meeting's personal data: its attendees and every paragraph recorded at it share one marker per name. */
export const meetingScope = (meetingId: string): string => `meeting:${meetingId}`;

/** The scope of a delegationsbeslut's personal data: its delegate (issue 10 §9, R-I9). */
export const delegationScope = (delegationId: string): string => `delegation:${delegationId}`;

/**
 * Personal data committed by a salted hash (issue 10 §9): owns personal_datum. A writer asks for the markers of the
 * names it is about to log (`pd:<commitment>`, one per name and scope); a reader gets each marker's name back, or the
 * text saying under which decision it was removed.
 */
@Injectable()
export class PersonalDataService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** In the writer's transaction: a marker for each name (the same one the scope already has, else a new salt). */
  async markers(tx: Tx, scope: string, names: string[]): Promise<NameMap> {
    const wanted = [...new Set(names)];
    const known = wanted.length ? await tx.find(PersonalDatumEntity, { where: { scope, value: In(wanted) } }) : [];
    const byName = new Map(known.map((d) => [d.value!, markerOf(d.commitment)]));
    for (const value of wanted) {
      if (byName.has(value)) continue;
      const salt = newSalt();
      const commitment = commitmentOf(salt, value);
      await tx.insert(PersonalDatumEntity, {
        commitment,
        scope,
        salt,
        value,
        removedUnder: null,
        removalWorkflowId: null,
        removalSeq: null,
        createdAt: this.clock.nowIso(),
      });
      byName.set(value, markerOf(commitment));
    }
    return (name) => byName.get(name) ?? name;
  }

  /** The datum a record's scope holds for a name (while present) or a commitment (present or removed). */
  find(tx: Tx, scope: string, by: { name?: string; commitment?: string }): Promise<PersonalDatumEntity | null> {
    if (by.commitment) return tx.findOne(PersonalDatumEntity, { where: { scope, commitment: by.commitment } });
    return tx.findOne(PersonalDatumEntity, { where: { scope, value: by.name } });
  }

  /** In the gallring's transaction: deletes the values and salts, keeps the commitments, notes the logged removal. */
  async remove(tx: Tx, commitments: string[], under: string, at: { workflowId: string; seq: number }): Promise<void> {
    for (const commitment of commitments)
      await tx.update(
        PersonalDatumEntity,
        { commitment },
        { salt: null, value: null, removedUnder: under, removalWorkflowId: at.workflowId, removalSeq: at.seq },
      );
  }

  /** The shown text of each commitment among these: the value, or what it was removed under (unknown: absent). */
  async texts(commitments: string[], tx?: Tx): Promise<Map<string, string>> {
    if (!commitments.length) return new Map();
    const read = (t: Tx) => t.find(PersonalDatumEntity, { where: { commitment: In(commitments) } });
    const rows = tx ? await read(tx) : await this.db.read(read);
    const out = new Map<string, string>();
    for (const d of rows) {
      if (d.value !== null) out.set(d.commitment, d.value);
      else if (d.removedUnder) out.set(d.commitment, removedText(d.removedUnder));
    }
    return out;
  }

  /** A text (JSON, HTML, a message) with each marker replaced by its shown text, escaped by `escape`. */
  async reveal(text: string, escape: (shown: string) => string, tx?: Tx): Promise<string> {
    const found = commitmentsIn(text);
    if (!found.length) return text;
    const shown = await this.texts(found, tx);
    return text.replace(/pd:([0-9a-f]{64})/g, (marker, c: string) => {
      // A datum deleted without a gallring (verify reports it): say so rather than show nothing or the marker.
      return escape(shown.get(c) ?? MISSING_TEXT);
    });
  }

  /** A value (a view) with every marker in its strings replaced by its shown text. */
  async revealValue<T>(value: T, tx?: Tx): Promise<T> {
    const json = JSON.stringify(value);
    if (json === undefined || !json.includes('pd:')) return value;
    return JSON.parse(await this.reveal(json, (s) => JSON.stringify(s).slice(1, -1), tx)) as T;
  }
}
