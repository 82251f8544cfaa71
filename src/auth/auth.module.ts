import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

@Module({
  imports: [WorkflowModule],
  controllers: [TokensController],
  providers: [TokenService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService],
})
export class AuthModule {}
