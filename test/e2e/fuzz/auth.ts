import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of the admin's token endpoints (src/auth). A revoke aims only at tokens the cases issued. */
export function authTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok, setUp } = fx;
  const issue = fc
    .record({
      role: fc.constantFrom('admin', 'coordinator', 'clerk', 'auditor'),
      code: fc.constantFrom(...pool.codes),
      days: fc.option(fc.integer({ min: 1, max: 90 })),
      label: fc.boolean(),
    })
    .map(({ role, code, days, label }) => () => ({
      name: `Fuzzperson ${unique()}`,
      role,
      ...(role === 'clerk' ? { municipalityCode: code } : {}),
      ...(days === null ? {} : { expiresInDays: days }),
      ...(label ? { label: 'Fuzz' } : {}),
    }));
  return [
    {
      name: 'POST /tokens',
      method: 'post',
      aim: () => ({ path: '/tokens' }),
      valid: issue,
      readBack: async ({ res }) => {
        const read = (await ok(`/tokens/${res.body.id}`, fx.ctx.tokens.admin)).body;
        expect(read.status).toBe('active');
        expect(read).not.toHaveProperty('token');
        pool.tokens.push(res.body.id);
      },
    },
    {
      name: 'POST /tokens/:id/revoke',
      method: 'post',
      aim: async (n, fresh) => {
        if (fresh || !pool.tokens.length) {
          const made = await setUp('/tokens', { name: `Fuzzperson ${unique()}`, role: 'auditor' });
          pool.tokens.push(made.id);
          return { path: `/tokens/${made.id}/revoke` };
        }
        return { path: `/tokens/${pick(pool.tokens, n)}/revoke` };
      },
      valid: fc.constant(() => undefined),
      readBack: async ({ res }) => {
        const read = (await ok(`/tokens/${res.body.id}`, fx.ctx.tokens.admin)).body;
        expect(read.status).toBe('revoked');
      },
    },
  ];
}
