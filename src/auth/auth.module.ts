import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { APP_GUARD } from '@nestjs/core';
import { KnownQueryGuard } from '../http/known-query.guard';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

@Module({
  imports: [WorkflowModule],
  controllers: [TokensController],
  // In this order: a request without a valid token is 401 before its query is judged.
  providers: [
    TokenService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: KnownQueryGuard },
  ],
  exports: [TokenService],
})
export class AuthModule {}
