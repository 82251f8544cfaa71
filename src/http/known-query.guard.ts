import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { validationFailed } from '../common/validation';

/** The path prefix of the API (bootstrap's API_PREFIX): the pages' own query parameters (?lang=, ?next=) are theirs. */
const API_PATH = '/api/';

/**
 * A query parameter an API endpoint does not know is refused with 400, as an unknown body field is (issue 12, point 8).
 * An endpoint that takes a query DTO (`@Query() q: SomeDto`) already refuses unknown keys through the global
 * ValidationPipe (forbidNonWhitelisted); this guard covers the endpoints that take no query at all, which the pipe
 * never sees. Registered after the AuthGuard, so that a request without a token is 401 whatever its query says.
 */
@Injectable()
export class KnownQueryGuard implements CanActivate {
  /** Whether each handler declares a query parameter (route metadata is fixed at start). */
  private readonly takesQuery = new WeakMap<object, boolean>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ url: string; query?: Record<string, unknown> }>();
    if (!request.url.startsWith(API_PATH) || !request.query) return true;
    const keys = Object.keys(request.query);
    if (keys.length === 0 || this.declaresQuery(context)) return true;
    throw validationFailed(
      keys.map((field) => ({
        field,
        reason: `query parameter ${field} is not known to this endpoint`,
        reasonSv: `frågeparametern ${field} är okänd för denna adress`,
      })),
    );
  }

  private declaresQuery(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let known = this.takesQuery.get(handler);
    if (known === undefined) {
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as object;
      known = Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.QUERY));
      this.takesQuery.set(handler, known);
    }
    return known;
  }
}
