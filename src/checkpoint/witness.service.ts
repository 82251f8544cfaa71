import { Inject, Injectable } from '@nestjs/common';
import { AppError, badInput, notFound } from '../common/errors';
import { Db } from '../database/db';
import { Clock } from '../workflow/clock';
import { CheckpointCosignatureEntity, CheckpointEntity, CheckpointWitnessEntity } from './checkpoint.entities';
import { CheckpointService } from './checkpoint.service';
import type { CheckpointView, WitnessView } from './checkpoint.views';
import { ALG_COSIGNATURE_V1, cosignatureTime, parseVkey, splitNote } from './note';

/** How far in the future a cosignature's time may be (clock skew between sites), in seconds. */
const MAX_FUTURE_SECONDS = 300;

/**
 * The witnesses (C2SP tlog-witness semantics) the service accepts cosignatures from, and their cosignatures. A
 * witness is a party's own process (`npm run cli -- witness`) that cosigns only a checkpoint consistent with the last
 * one it cosigned; the service verifies each cosignature against the registered key before it keeps it.
 */
@Injectable()
export class WitnessService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly checkpoints: CheckpointService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<WitnessView[]> {
    const rows = await this.db.read((tx) => tx.find(CheckpointWitnessEntity, { order: { name: 'ASC' } }));
    return rows.map((w) => ({ name: w.name, vkey: w.vkey, createdAt: w.createdAt, createdBy: w.createdBy }));
  }

  /** Registers a witness by its cosignature vkey (again with the same key is harmless). */
  async register(input: { name: string; vkey: string }, createdBy: string): Promise<WitnessView> {
    const verifier = parseVkey(input.vkey);
    if (!verifier || verifier.alg !== ALG_COSIGNATURE_V1) {
      throw badInput(
        'vkey',
        'must be a cosignature/v1 vkey (<name>+<key ID>+<base64(0x04 || Ed25519 key)>)',
        'måste vara en vkey för cosignature/v1 (<namn>+<nyckel-id>+<base64(0x04 || Ed25519-nyckel)>)',
      );
    }
    if (verifier.name !== input.name) {
      throw badInput('name', 'must be the key name in the vkey', 'måste vara nyckelnamnet i vkey');
    }
    return this.db.write(async (tx) => {
      const existing = await tx.findOne(CheckpointWitnessEntity, { where: { name: input.name } });
      if (existing && existing.vkey !== input.vkey.trim()) {
        throw new AppError(
          'CONFLICT',
          'WITNESS_EXISTS',
          `A witness named ${input.name} is registered with another key.`,
          `Ett vittne med namnet ${input.name} är registrerat med en annan nyckel.`,
        );
      }
      const w =
        existing ??
        Object.assign(new CheckpointWitnessEntity(), {
          name: input.name,
          vkey: input.vkey.trim(),
          createdAt: this.clock.nowIso(),
          createdBy,
        });
      if (!existing) await tx.insert(CheckpointWitnessEntity, w);
      return { name: w.name, vkey: w.vkey, createdAt: w.createdAt, createdBy: w.createdBy };
    });
  }

  /** Verifies a witness's cosignature line of checkpoint `size` and keeps it (a newer one replaces the witness's older). */
  async addCosignature(size: number, line: string): Promise<CheckpointView> {
    const checkpoint = await this.db.read((tx) => tx.findOne(CheckpointEntity, { where: { size } }));
    if (!checkpoint) throw notFound(`Checkpoint ${size}`, `Kontrollpunkten ${size}`);
    const body = splitNote(checkpoint.note)!.body;
    const name = /^\u2014 (\S+) /.exec(line)?.[1];
    const witness = name ? await this.db.read((tx) => tx.findOne(CheckpointWitnessEntity, { where: { name } })) : null;
    if (!witness) {
      throw new AppError(
        'RULE_REFUSED',
        'UNKNOWN_WITNESS',
        `No witness named ${name ?? '(none)'} is registered.`,
        `Inget vittne med namnet ${name ?? '(inget)'} är registrerat.`,
      );
    }
    const time = cosignatureTime(body, line, parseVkey(witness.vkey)!);
    const now = Date.parse(this.clock.nowIso()) / 1000;
    if (time === null || time > now + MAX_FUTURE_SECONDS) {
      throw new AppError(
        'RULE_REFUSED',
        'COSIGNATURE_INVALID',
        `The cosignature is not a valid cosignature/v1 of checkpoint ${size} by ${witness.name}.`,
        `Medsignaturen är inte en giltig cosignature/v1 av kontrollpunkt ${size} från ${witness.name}.`,
      );
    }
    const cosignedAt = new Date(time * 1000).toISOString();
    await this.db.write(async (tx) => {
      const existing = await tx.findOne(CheckpointCosignatureEntity, {
        where: { checkpointSize: size, witnessName: witness.name },
      });
      if (existing && existing.cosignedAt >= cosignedAt) return;
      if (existing) await tx.delete(CheckpointCosignatureEntity, { checkpointSize: size, witnessName: witness.name });
      await tx.insert(
        CheckpointCosignatureEntity,
        Object.assign(new CheckpointCosignatureEntity(), {
          checkpointSize: size,
          witnessName: witness.name,
          cosignedAt,
          line,
        }),
      );
    });
    return this.checkpoints.get(size);
  }
}
