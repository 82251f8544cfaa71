import { Module } from '@nestjs/common';
import { WorkflowModule } from '../workflow/workflow.module';
import { DocumentController } from './document.controller';
import { DocumentService } from './document.service';
import { SignatureService } from './signature.service';

@Module({
  imports: [WorkflowModule],
  controllers: [DocumentController],
  providers: [DocumentService, SignatureService],
  exports: [DocumentService, SignatureService],
})
export class DocumentModule {}
