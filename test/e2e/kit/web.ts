import type { Response } from 'supertest';
import type { TestContext } from './harness';

/** A form's fields; a name sent more than once (checkboxes, a list) has its values in order. */
export type FormFields = Record<string, string | string[]>;

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

/** The hidden fields of the form `formId` as the page drew them (of the whole page without an id; the last wins). */
export function hiddenOf(html: string, formId?: string): Record<string, string> {
  const form = formId ? (new RegExp(`<form[^>]*id="${formId}"[^]*?</form>`).exec(html)?.[0] ?? '') : html;
  return Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
}

/**
 * Fields as application/x-www-form-urlencoded the way the pages read them (src/web/form-body.ts): a list is its
 * name repeated, not superagent's `name[0]=`. Also a GET form's query.
 */
export function formBody(fields: FormFields): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return body.toString();
}

/** What a sign-in leaves: the session cookie's value, and the pre-session cookie's (the sign-in forms' CSRF token). */
export interface SignedIn {
  session: string;
  pre: string;
}

/** Signs in with a token through the sign-in form, as a browser does (its pre-session cookie and CSRF token). */
export async function signIn(ctx: TestContext, token: string, next = '/'): Promise<SignedIn> {
  const form = await ctx.http.get('/logga-in');
  const pre = cookieOf(form, 'svk_pre');
  const signed = await ctx.http
    .post('/logga-in')
    .set('Cookie', `svk_pre=${pre}`)
    .type('form')
    .send({ _csrf: pre, token, next });
  if (signed.status !== 303) throw new Error(`signIn: the sign-in answered ${signed.status}, not 303`);
  return { session: cookieOf(signed, 'svk_session'), pre };
}

/** How a post reads its page: the hidden fields of one of its forms, or a CSRF token of the test's own (forged). */
export interface PostOptions {
  form?: string;
  csrf?: string;
}

/** The pages as the holder of the session cookie `session` sees them (a session signed in any way). */
export function sessionOf(ctx: TestContext, session: string, pre = '') {
  const cookie = `svk_session=${session}`;
  const get = (path: string) => ctx.http.get(path).set('Cookie', cookie);
  /** Posts `fields` as they are: no CSRF token is added (a body of text is sent unchanged). */
  const send = (action: string, fields: FormFields | string) =>
    ctx.http
      .post(action)
      .set('Cookie', cookie)
      .type('form')
      .send(typeof fields === 'string' ? fields : formBody(fields));
  return {
    session,
    pre,
    cookie,
    get,
    send,
    /**
     * Posts a form with the CSRF token of the page it is on (read from `page` first), and with `form` the hidden
     * fields of that form as the page drew them; `fields` go last and win.
     */
    post: async (page: string, action: string, fields: FormFields, options: PostOptions = {}) => {
      const html = (await get(page)).text;
      const hidden = options.form ? hiddenOf(html, options.form) : {};
      return send(action, { ...hidden, _csrf: options.csrf ?? csrfOf(html), ...fields });
    },
  };
}

export type WebSession = ReturnType<typeof sessionOf>;

/**
 * The pages as a person signed in with a token sees them: signs in through the sign-in form (to `next`, '/' by
 * default) and sends the session cookie with every request.
 */
export async function webSession(ctx: TestContext, token: string, options: { next?: string } = {}) {
  const { session, pre } = await signIn(ctx, token, options.next);
  return sessionOf(ctx, session, pre);
}

/** The clerk's meeting form's attendance: each name a member (LEDAMOT) in order, `chair` marked as chairing. */
export function attendanceFields(names: string[], chair?: string): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name, i) => [
      [`att${i}_name`, name],
      [`att${i}_role`, 'LEDAMOT'],
      ...(name === chair ? [[`att${i}_chair`, 'ja']] : []),
    ]),
  );
}

/** The clerk's paragraph form for a plain matter: one proposal (Daniel Jensen's), adopted by acclamation. */
export function paragraphFields(matterTitle: string): Record<string, string> {
  return {
    matterTitle,
    subject: 'OTHER',
    p0_by: 'Daniel Jensen',
    p0_text: 'Bifall.',
    beslutsgang: 'Ordföranden finner bifall.',
    method_kind: 'ACKLAMATION',
    method_adopted: 'A',
    decision_att: 'bifalla.',
  };
}
