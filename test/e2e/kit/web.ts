import type { Response } from 'supertest';
import type { TestContext } from './harness';

/** The value of a cookie the answer sets (`Set-Cookie: name=value; …`), or '' when it sets none of that name. */
export function cookieOf(res: Pick<Response, 'headers'>, name: string): string {
  const raw = (res.headers as Record<string, unknown>)['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const hit = list.map(String).find((c) => c.startsWith(`${name}=`));
  return hit ? decodeURIComponent(hit.slice(name.length + 1).split(';')[0]) : '';
}

/** The CSRF token a page's forms carry (the hidden `_csrf` field). */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('csrfOf: the page has no _csrf field');
  return match[1];
}

/**
 * The pages as a person signed in with a token sees them: signs in through the sign-in form (its pre-session cookie
 * and CSRF token, as a browser does) and sends the session cookie with every request.
 */
export async function webSession(ctx: TestContext, token: string) {
  const form = await ctx.http.get('/logga-in');
  const pre = cookieOf(form, 'svk_pre');
  const signed = await ctx.http
    .post('/logga-in')
    .set('Cookie', `svk_pre=${pre}`)
    .type('form')
    .send({ _csrf: pre, token, next: '/' });
  if (signed.status !== 303) throw new Error(`webSession: sign-in answered ${signed.status}`);
  const cookie = `svk_session=${cookieOf(signed, 'svk_session')}`;
  return {
    cookie,
    get: (path: string) => ctx.http.get(path).set('Cookie', cookie),
    /** Posts a form with the CSRF token of the page it is on (read from `page` first). */
    post: async (page: string, action: string, fields: Record<string, string>) => {
      const csrf = csrfOf((await ctx.http.get(page).set('Cookie', cookie)).text);
      return ctx.http
        .post(action)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrf, ...fields });
    },
  };
}
