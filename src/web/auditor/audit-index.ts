import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Role } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { layout } from '../layout';
import { sendHtml, type PageContext } from '../web-page';
import { renderAuditIndex, type AuditFormState, type CollaborationChoice } from './audit-index-render';

/** The roles of the API's auditor routes (verify jobs, refused attempts, the evidence package). */
export const AUDITORS: Role[] = ['admin', 'auditor'];

/** The auditor's start page, shared by the controllers whose forms it holds (rendered again with a refusal). */
@Injectable()
export class AuditIndex {
  constructor(private readonly collaborations: CollaborationService) {}

  async choices(): Promise<CollaborationChoice[]> {
    return (await this.collaborations.list()).map((c) => ({ slug: c.slug, name: c.name }));
  }

  async send(ctx: PageContext, reply: FastifyReply, status: number, state: AuditFormState | null): Promise<void> {
    const body = renderAuditIndex(ctx, await this.choices(), state);
    sendHtml(reply, status, layout(ctx, { title: ctx.t.auditTitle, body }));
  }
}
