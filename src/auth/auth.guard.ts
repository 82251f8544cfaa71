import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { RateWindows, rateLimited } from './rate-limit';
import { PUBLIC_KEY, ROLES_KEY, type Role } from './roles.decorator';
import { TokenService, type TokenCheck } from './token.service';

/**
 * Every route needs a bearer token (401; 401 TOKEN_EXPIRED for an expired one); a route's @Roles decide who may call
 * it (403). Rate limits, in this process's memory (RateWindows): an address that failed to authenticate
 * AUTH_FAILURES_PER_MINUTE times gets 429 for the rest of its minute, before its token is even looked at (so guessing
 * stops, also for a valid token from the same address); a token gets REQUESTS_PER_MINUTE_PER_TOKEN requests a minute.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly failures: RateWindows;
  private readonly requests: RateWindows;

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    config: AppConfig,
  ) {
    this.failures = new RateWindows(config.AUTH_FAILURES_PER_MINUTE);
    this.requests = new RateWindows(config.REQUESTS_PER_MINUTE_PER_TOKEN);
  }

  /** A route's @Public and @Roles, read once per controller and handler (the metadata is fixed at start). */
  private readonly routes = new WeakMap<object, WeakMap<object, { isPublic: boolean; roles: Role[] | undefined }>>();

  private routeOf(context: ExecutionContext): { isPublic: boolean; roles: Role[] | undefined } {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.routes.get(controller);
    if (!byHandler) this.routes.set(controller, (byHandler = new WeakMap()));
    let route = byHandler.get(handler);
    if (!route) {
      const targets = [handler, controller];
      route = {
        isPublic: !!this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets),
        roles: this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets),
      };
      byHandler.set(handler, route);
    }
    return route;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.routeOf(context);
    if (route.isPublic) return true;
    const http = context.switchToHttp();
    const req = http.getRequest();
    // Fastify's address of the peer (a proxy in front of the service is one address unless trustProxy is set).
    const address: string = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
    const blocked = this.failures.exhausted(address);
    if (blocked) throw this.limited(http.getResponse(), blocked, 'failures');

    const header: string | undefined = req.headers['authorization'];
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const checked: TokenCheck = match ? await this.tokens.check(match[1]) : { ok: false, reason: 'unknown' };
    if (!checked.ok) {
      this.failures.hit(address);
      throw refused(checked);
    }
    const { actor } = checked;
    const wait = this.requests.hit(actor.id);
    if (wait) throw this.limited(http.getResponse(), wait, 'requests');
    this.tokens.noteUse(actor.id);
    req.actor = actor;
    const roles = route.roles;
    if (roles && !roles.includes(actor.role as Role)) {
      throw new AppError(
        'FORBIDDEN',
        'FORBIDDEN',
        `The role '${actor.role}' may not do this (allowed: ${roles.join(', ')}).`,
        `Rollen '${actor.role}' får inte göra detta (tillåtet för: ${roles.join(', ')}).`,
        undefined,
        { role: actor.role, allowed: roles },
      );
    }
    return true;
  }

  /** The filter writes the body; the header is set on the reply here, before it. */
  private limited(
    reply: { header(name: string, value: string): unknown },
    seconds: number,
    what: 'failures' | 'requests',
  ) {
    reply.header('Retry-After', String(seconds));
    return rateLimited(seconds, what);
  }
}

function refused(checked: Exclude<TokenCheck, { ok: true }>): AppError {
  if (checked.reason === 'expired') {
    return new AppError(
      'UNAUTHENTICATED',
      'TOKEN_EXPIRED',
      `The bearer token expired at ${checked.expiresAt ?? 'an unknown time'}; ask an administrator for a new one.`,
      `Token har gått ut (${checked.expiresAt ?? 'okänd tid'}); be en administratör om en ny.`,
      undefined,
      { expiresAt: checked.expiresAt },
    );
  }
  return new AppError(
    'UNAUTHENTICATED',
    'UNAUTHENTICATED',
    'A valid bearer token is required.',
    'En giltig token (Bearer) krävs.',
  );
}
