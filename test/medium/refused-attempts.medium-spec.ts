import { RefusedAttemptsService, REFUSED_ATTEMPTS_PER_TOKEN_MINUTE } from '../../src/audit/refused-attempts.service';
import { AppError } from '../../src/common/errors';
import { attemptOf, countsAsAttempt } from '../../src/workflow/engine/refused-attempts';
import { SYSTEM_ACTOR, type Actor } from '../../src/workflow/actor';
import { useMediumApp } from './kit';

// The bounds of refused attempts against a hostile client (issue 10, point 7): what one attempt keeps of its input,
// which refusals count, and how many one token gets kept a minute.
describe('refused attempts are bounded', () => {
  const ctx = useMediumApp();
  const rule = new AppError('RULE_REFUSED', 'EXIT_NOT_ON_31_DEC', 'No.', 'Nej.', 'R-C4');
  const about = (actor: Actor) => ({
    workflowId: '00000000-0000-4000-8000-000000000001',
    eventType: 'FULLMAKTIGE_REQUESTED_EXIT',
    actor,
  });

  it('counts rule refusals, TRANSITION_NOT_ALLOWED and FORBIDDEN; not bad input, not found, version conflicts', () => {
    expect(countsAsAttempt(rule)).toBe(true);
    expect(countsAsAttempt(new AppError('CONFLICT', 'TRANSITION_NOT_ALLOWED', 'x', 'x'))).toBe(true);
    expect(countsAsAttempt(new AppError('FORBIDDEN', 'FORBIDDEN', 'x', 'x'))).toBe(true);
    expect(countsAsAttempt(new AppError('BAD_INPUT', 'VALIDATION_FAILED', 'x', 'x'))).toBe(false);
    expect(countsAsAttempt(new AppError('NOT_FOUND', 'NOT_FOUND', 'x', 'x'))).toBe(false);
    expect(countsAsAttempt(new AppError('CONFLICT', 'VERSION_CONFLICT', 'x', 'x'))).toBe(false);
    expect(countsAsAttempt(new Error('boom'))).toBe(false);
  });

  it("keeps a hash and at most 20 bounded field names of the input, never its values; the engine's own refusals not", async () => {
    const admin = await ctx.actor('admin');
    const input: Record<string, unknown> = { type: 'X', secret: 'Anna Andersson 19800101-1234' };
    for (let i = 0; i < 50; i++) input[`${'k'.repeat(100)}${i}`] = i;
    const a = attemptOf(rule, { ...about(admin), input })!;
    expect(a.inputFields).toHaveLength(20);
    expect(a.inputFields.every((f) => f.length <= 40)).toBe(true);
    expect(a.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(a)).not.toContain('Anna');
    expect(attemptOf(rule, about(SYSTEM_ACTOR))).toBeNull();
  });

  it(`keeps at most ${REFUSED_ATTEMPTS_PER_TOKEN_MINUTE} attempts a minute per token`, async () => {
    const service = ctx.get(RefusedAttemptsService);
    const hostile = await ctx.actor('clerk', '1460');
    const other = await ctx.actor('clerk', '1438');
    for (let i = 0; i < REFUSED_ATTEMPTS_PER_TOKEN_MINUTE + 10; i++)
      await service.record(attemptOf(rule, about(hostile))!);
    await service.record(attemptOf(rule, about(other))!);
    const kept = (await service.list({ limit: 200 })).attempts;
    expect(kept.filter((k) => k.actor.id === hostile.id)).toHaveLength(REFUSED_ATTEMPTS_PER_TOKEN_MINUTE);
    expect(kept.filter((k) => k.actor.id === other.id)).toHaveLength(1);
  });
});
