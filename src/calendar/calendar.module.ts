import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { CalendarController } from './calendar.controller';

@Module({ imports: [WorkflowModule], controllers: [CalendarController] })
export class CalendarModule {}
