import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { APP_GUARD } from '@nestjs/core';
import { KnownQueryGuard } from '../http/known-query.guard';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';
// Sign-in by a person's name and password (h-web2)
import { PersonService } from './person.service';
import { PersonsController } from './persons.controller';

@Module({
  imports: [WorkflowModule],
  controllers: [TokensController, PersonsController],
  // In this order: a request without a valid token is 401 before its query is judged.
  providers: [
    TokenService,
    PersonService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: KnownQueryGuard },
  ],
  exports: [TokenService, PersonService],
})
export class AuthModule {}
