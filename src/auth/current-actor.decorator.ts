import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../workflow/actor';

export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor,
);
