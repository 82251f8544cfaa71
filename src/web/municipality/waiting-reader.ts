import { Injectable } from '@nestjs/common';
import { AmendmentService } from '../../amendment/amendment.service';
import type { AmendmentView } from '../../amendment/amendment.views';
import { AreaReader } from '../../area/area.reader';
import type { AreaView, AreaWaitingForView } from '../../area/area.views';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { MembershipService } from '../../collaboration/membership.service';
import type { MembershipView } from '../../collaboration/membership.views';
import { AppError } from '../../common/errors';
import { DecisionService } from '../../decision/decision.service';
import type { DecisionView } from '../../decision/decision.views';

/** A party's membership of one collaboration, with the collaboration's name. */
export interface PartyMembership {
  slug: string;
  collaborationName: string;
  membership: MembershipView;
}

/** A paragraph whose protocol workflow takes its justering or its anslag next, with the calendar's deadline. */
export interface WaitingParagraph {
  decision: DecisionView;
  step: 'JUSTERAT' | 'ANSLAG_POSTED';
  deadline: string | undefined;
}

/** What waits on one municipality, each part from the service that answers it (never decided here). */
export interface WaitingOnMunicipality {
  code: string;
  memberships: PartyMembership[];
  areas: Array<{ slug: string; area: AreaView; waits: AreaWaitingForView[] }>;
  amendments: Array<{ slug: string; amendment: AmendmentView }>;
  paragraphs: WaitingParagraph[];
}

/** The protocol statuses a paragraph can still be justerat or anslaget in: only those are read in full. */
const OPEN_PROTOCOL_STATUSES = new Set(['DRAFT', 'JUSTERAT']);

/**
 * The clerk's start page's data (issue 12 §3, "what waits on my municipality"): the municipality's memberships
 * (MembershipService: status, pending entry, the events the workflow takes), areas waiting on it (AreaReader's
 * `waitingOn`, the same filter as the coordinator's pipeline), amendments awaiting its approval (AmendmentService's
 * `awaitingApprovalOf`, R-D1) and paragraphs whose protocol takes a justering or an anslag next (`allowedEvents`),
 * with the deadlines the calendar computed (R-I1, R-I4).
 */
@Injectable()
export class WaitingReader {
  constructor(
    private readonly collaborations: CollaborationService,
    private readonly memberships: MembershipService,
    private readonly areas: AreaReader,
    private readonly amendments: AmendmentService,
    private readonly decisions: DecisionService,
  ) {}

  /** Every collaboration the municipality is a party of, with its membership today. */
  async membershipsOf(code: string): Promise<PartyMembership[]> {
    const out: PartyMembership[] = [];
    for (const c of await this.collaborations.list()) {
      const membership = await this.memberships.getMembership(c.slug, code).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'NOT_A_PARTY') return null;
        throw error;
      });
      if (membership) out.push({ slug: c.slug, collaborationName: c.name, membership });
    }
    return out;
  }

  async of(code: string): Promise<WaitingOnMunicipality> {
    const memberships = await this.membershipsOf(code);
    const areas: WaitingOnMunicipality['areas'] = [];
    const amendments: WaitingOnMunicipality['amendments'] = [];
    for (const { slug } of memberships) {
      const list = await this.areas.list(slug, { waitingOn: code });
      for (const stage of list.stages)
        for (const area of stage.areas)
          areas.push({ slug, area, waits: area.waitingFor.filter((w) => w.municipalityCode === code) });
      for (const amendment of await this.amendments.list(slug))
        if (amendment.awaitingApprovalOf.includes(code)) amendments.push({ slug, amendment });
    }
    const paragraphs: WaitingParagraph[] = [];
    for (const d of await this.decisions.listDecisions(code)) {
      if (d.minimal || !OPEN_PROTOCOL_STATUSES.has(d.status)) continue;
      const decision = await this.decisions.getDecision(d.id);
      if (decision.allowedEvents.includes('JUSTERAT'))
        paragraphs.push({ decision, step: 'JUSTERAT', deadline: decision.deadlines.justeringDeadline });
      else if (decision.allowedEvents.includes('ANSLAG_POSTED'))
        paragraphs.push({ decision, step: 'ANSLAG_POSTED', deadline: decision.deadlines.anslagDeadline });
    }
    paragraphs.sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
    return { code, memberships, areas, amendments, paragraphs };
  }
}
