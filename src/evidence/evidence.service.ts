import { Inject, Injectable } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointService } from '../checkpoint/checkpoint.service';
import { validationFailed } from '../common/validation';
import { Db } from '../database/db';
import { Clock } from '../workflow/clock';
import { MachineRegistry } from '../workflow/machine-registry';
import { exportEvidence, type ExportResult } from './evidence-export';

/**
 * The evidence package of a collaboration (issue 10 §8): made on request, into a temporary file the caller streams.
 * It makes a checkpoint first when the log grew since the latest (CheckpointService.covering).
 */
@Injectable()
export class EvidenceService {
  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
    private readonly clock: Clock,
    private readonly checkpoints: CheckpointService,
  ) {}

  /** Exports into a fresh temporary folder; `done` removes it once the answer has been sent. */
  async export(slug: string, from?: string, to?: string): Promise<ExportResult & { done: () => Promise<void> }> {
    if (from && to && from > to)
      throw validationFailed([{ field: 'to', reason: 'must not be before from', reasonSv: 'får inte vara före from' }]);
    const dir = await mkdtemp(join(tmpdir(), 'samverkan-export-'));
    try {
      const result = await exportEvidence(
        this.db,
        this.registry,
        this.checkpoints,
        { slug, from, to, now: this.clock.nowIso() },
        join(dir, 'package.tar'),
      );
      return { ...result, done: () => rm(dir, { recursive: true, force: true }) };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
}
