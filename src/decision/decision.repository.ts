import { randomUUID } from 'crypto';
import { parseDiarienummer } from '../../machines/protocol/decision.rules';
import { checkSameCase } from '../../machines/protocol/diarium.rules';
import { AppError, notFound } from '../common/errors';
import type { Tx } from '../database/db';
import { BodyEntity, MatterEntity, MeetingEntity } from './decision.entities';

/** Reads and writes of this module's own tables, through the caller's transaction. */
export const DecisionRows = {
  async body(tx: Tx, id: string): Promise<BodyEntity> {
    const body = await tx.findOne(BodyEntity, { where: { id } });
    if (!body) throw notFound(`Body ${id}`, `Organet ${id}`);
    return body;
  },

  async meeting(tx: Tx, id: string): Promise<MeetingEntity> {
    const meeting = await tx.findOne(MeetingEntity, { where: { id } });
    if (!meeting) throw notFound(`Meeting ${id}`, `Sammanträdet ${id}`);
    return meeting;
  },

  /**
   * The matter (ärende) of a diarienummer in a municipality's diarium, made on first use. A paragraph naming a
   * registered number joins its matter only when it is the same case (same title, normalised); another case under
   * that number is refused (R-K6, checkSameCase).
   */
  async upsertMatter(
    tx: Tx,
    code: string,
    matter: { title: string; diarienummer?: string; diarium?: string },
  ): Promise<string | null> {
    if (!matter.diarienummer) return null;
    const diarium = matter.diarium ?? 'main';
    const existing = await tx.findOne(MatterEntity, {
      where: { municipalityCode: code, diarium, diarienummer: matter.diarienummer },
    });
    if (existing) {
      const other = checkSameCase(
        { municipality: code, diarium, diarienummer: existing.diarienummer, title: existing.title },
        matter.title,
      );
      if (other)
        throw new AppError('RULE_REFUSED', other.code, other.message, other.messageSv, other.ruleId, other.details);
      return existing.id;
    }
    const id = randomUUID();
    const parsed = JSON.stringify(parseDiarienummer(matter.diarienummer));
    await tx.insert(MatterEntity, {
      id,
      municipalityCode: code,
      diarium,
      diarienummer: matter.diarienummer,
      parsed,
      title: matter.title,
    });
    return id;
  },
};
