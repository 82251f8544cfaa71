import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors';
import { PUBLIC_KEY, ROLES_KEY, type Role } from './roles.decorator';
import { TokenService } from './token.service';

/** Every route needs a bearer token (401); a route's @Roles decide who may call it (403). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest();
    const header: string | undefined = req.headers['authorization'];
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    const actor = match ? await this.tokens.authenticate(match[1]) : null;
    if (!actor) {
      throw new AppError(
        'UNAUTHENTICATED',
        'UNAUTHENTICATED',
        'A valid bearer token is required.',
        'En giltig token (Bearer) krävs.',
      );
    }
    req.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
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
}
