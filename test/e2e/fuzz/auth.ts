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
  // The people who sign in to the pages with a password (h-web2); a revoke aims only at those the cases set up.
  const persons: string[] = [];
  const person = fc
    .record({ role: fc.constantFrom('admin', 'coordinator', 'clerk', 'auditor'), code: fc.constantFrom(...pool.codes) })
    .map(({ role, code }) => () => ({
      userName: `fuzz.${unique()}`,
      name: `Fuzzperson ${unique()}`,
      role,
      ...(role === 'clerk' ? { municipalityCode: code } : {}),
      password: 'ett långt lösenord',
    }));
  return [
    {
      name: 'POST /persons',
      method: 'post',
      aim: () => ({ path: '/persons' }),
      valid: person,
      readBack: async ({ res }) => {
        const read = (await ok(`/persons/${res.body.id}`, fx.ctx.tokens.admin)).body;
        expect(read.status).toBe('active');
        expect(read).not.toHaveProperty('passwordHash');
        persons.push(res.body.id);
      },
    },
    {
      name: 'POST /persons/:id/revoke',
      method: 'post',
      aim: async (n, fresh) => {
        if (fresh || !persons.length) {
          const made = await setUp('/persons', {
            userName: `fuzz.r${unique()}`,
            name: `Fuzzperson ${unique()}`,
            role: 'auditor',
            password: 'ett långt lösenord',
          });
          persons.push(made.id);
          return { path: `/persons/${made.id}/revoke` };
        }
        return { path: `/persons/${pick(persons, n)}/revoke` };
      },
      valid: fc.constant(() => undefined),
      readBack: async ({ res }) => {
        const read = (await ok(`/persons/${res.body.id}`, fx.ctx.tokens.admin)).body;
        expect(read.status).toBe('revoked');
      },
    },
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
