import { CollaborationService } from '../../src/collaboration/collaboration.service';
import { MembershipService } from '../../src/collaboration/membership.service';
import { AppError } from '../../src/common/errors';
import { Db } from '../../src/database/db';
import { MunicipalityEntity } from '../../src/municipality/municipality.entity';
import type { Actor } from '../../src/workflow/actor';
import { MAX_WRITE_ATTEMPTS, WorkflowEngine } from '../../src/workflow/engine/workflow-engine.service';
import { isLostRace, logSql, versionConflict } from '../../src/workflow/log/log-sql';
import { VerifyService } from '../../src/workflow/verify/verify.service';
import { useMediumApp } from './kit';

// A write that loses the race for a head (another writer took the next seq, or moved the head, between its read and
// its write) runs its whole unit of work again when it carries no expectedVersion, up to MAX_WRITE_ATTEMPTS times,
// and then answers 409 VERSION_CONFLICT; with expectedVersion it answers 409 at once. The lost race is made here
// behind the engine's back: the head is put one version back, so the seq the unit writes is taken.
describe('a write that loses the race for its head', () => {
  const ctx = useMediumApp();
  let engine: WorkflowEngine;
  let coordinator: Actor;
  const slug = 'write-retry';
  const parties = ['1460', '1438', '1439', '1461'];
  const workflows: Record<string, string> = {};

  beforeAll(async () => {
    engine = ctx.get(WorkflowEngine);
    const memberships = ctx.get(MembershipService);
    const admin = await ctx.actor('admin');
    coordinator = await ctx.actor('coordinator');
    await ctx.get(CollaborationService).create(
      {
        slug,
        name: `Samverkan ${slug}`,
        parties,
        declarationVersion: '2023-12-08',
        declarationEffectiveDate: '2024-01-01',
      },
      admin,
    );
    const record = (code: string, body: Record<string, unknown>) =>
      memberships.recordMembershipEvent(slug, code, body, admin);
    for (const code of parties) {
      await record(code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date: '2023-11-29' } });
      await record(code, { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'KSO', office: 'KSO' } });
      await record(code, {
        type: 'FULLMAKTIGE_REQUESTED_EXIT',
        decision: { organ: 'KF', date: '2025-01-15' },
        desiredExitDate: '2099-12-31',
      });
      await record(code, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-01-20T10:00:00+01:00' });
      workflows[code] = (await memberships.getMembership(slug, code)).workflowId;
    }
  });

  const informed = (day: number) => ({
    type: 'COUNCIL_INFORMED',
    informedOn: `2025-02-${String(day).padStart(2, '0')}`,
  });
  const history = async (id: string) => (await engine.history(id)).transitions;
  /** Another writer seems to have taken the next seq: the head reads one version back. */
  const putBack = (id: string) => ctx.sql('UPDATE workflow_instance SET version = version - 1 WHERE id = ?', [id]);
  /** The head at its log's last row again (a no-op when it is there). */
  const restore = (id: string) =>
    ctx.sql(
      'UPDATE workflow_instance SET version = (SELECT MAX(seq) FROM workflow_transition WHERE instance_id = ?) WHERE id = ?',
      [id, id],
    );
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (error: unknown) => error,
    );

  it('a lost race is told apart from a stale expectedVersion and from other failures', () => {
    const sql = logSql(ctx.get(Db).dataSource, ctx.get(Db).dialect);
    expect(isLostRace(sql.casHead.conflict())).toBe(true);
    expect(isLostRace(sql.appendRow.conflict())).toBe(true);
    expect(isLostRace(versionConflict(3, 4))).toBe(false);
    expect(isLostRace(new Error('anything else'))).toBe(false);
  });

  it('without expectedVersion, a unit that lost the race runs again on the head as it is now and is recorded', async () => {
    const id = workflows['1460'];
    const before = await history(id);
    let runs = 0;
    const result = await engine.transaction(async (wtx) => {
      runs++;
      // On PostgreSQL the first run's change of the head stays (it was another connection's); on SQLite it was
      // rolled back with the run. Either way the second run finds the head at its log's last row.
      if (runs === 1) await putBack(id);
      else await restore(id);
      return wtx.send(id, informed(1), coordinator);
    });
    expect(runs).toBe(2);
    expect(result.transition.seq).toBe(before.length);
    const after = await history(id);
    expect(after.map((t) => t.seq)).toEqual(after.map((_, i) => i));
    expect(after[after.length - 1]).toMatchObject({ eventType: 'COUNCIL_INFORMED', legalDate: '2025-02-01' });
    expect((await ctx.get(VerifyService).verify(id)).ok).toBe(true);
  });

  it(`a race lost on every attempt answers 409 VERSION_CONFLICT after ${MAX_WRITE_ATTEMPTS} runs; nothing is written`, async () => {
    const id = workflows['1438'];
    const before = await history(id);
    let runs = 0;
    await putBack(id);
    try {
      const error = await failure(
        engine.transaction(async (wtx) => {
          runs++;
          return wtx.send(id, informed(2), coordinator);
        }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('VERSION_CONFLICT');
    } finally {
      await restore(id);
    }
    expect(runs).toBe(MAX_WRITE_ATTEMPTS);
    expect(await history(id)).toEqual(before);
    expect((await ctx.get(VerifyService).verify(id)).ok).toBe(true);
  });

  it('with expectedVersion, a lost race answers 409 VERSION_CONFLICT at once (one run)', async () => {
    const id = workflows['1439'];
    const before = await history(id);
    await putBack(id);
    // The client read the head as it now reads (one back), so the version check passes and the write collides.
    const expectedVersion = before.length - 2;
    let runs = 0;
    try {
      const error = await failure(
        engine.write(
          { instanceId: id, actor: coordinator, eventType: 'COUNCIL_INFORMED' },
          async (wtx) => {
            runs++;
            return wtx.send(id, informed(3), coordinator, { expectedVersion });
          },
          { expectedVersion },
        ),
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'VERSION_CONFLICT', details: { expectedVersion } });
    } finally {
      await restore(id);
    }
    expect(runs).toBe(1);
    expect(await history(id)).toEqual(before);
  });

  it('a unique violation that is no lost race is not run again: it is what the unit names', async () => {
    let runs = 0;
    const named = new AppError('CONFLICT', 'MUNICIPALITY_EXISTS', 'exists', 'finns');
    const error = await failure(
      engine.transaction(
        async (wtx) => {
          runs++;
          await wtx.send(workflows['1461'], informed(4), coordinator);
          await wtx.tx.insert(MunicipalityEntity, { code: '1460', name: 'Dubblett' });
        },
        { onUniqueViolation: () => named },
      ),
    );
    expect(error).toBe(named);
    expect(runs).toBe(1);
  });
});
