import type { Instant, LocalDate } from '../kernel/time';

export type { Instant, LocalDate };

/** A fokusområde of a verksamhetsplan: its key is stable across versions, so area work can name it (SEED-AF §11). */
export interface FocusArea {
  key: string;
  name: string;
}

/** One drafted version of a verksamhetsplan: its validity period and its focus areas (R-D8). */
export interface PlanVersion {
  version: number;
  draftedOn: LocalDate;
  validFrom: LocalDate;
  validTo: LocalDate;
  focusAreas: FocusArea[];
}

/**
 * The coordinator's record that Samverkansrådet was informed of one exact version (R-D7). `councilRecordId` only
 * names the council's own record of the occasion, for the reader: no rule reads it (G5, R-E2).
 */
export interface CouncilInformation {
  version: number;
  informedAt: Instant;
  informedOn: LocalDate;
  councilRecordId?: string;
}

/** KDG's adoption of a version (R-D6): an administrative act of officials, not a decision under KL (R-E6). */
export interface PlanAdoption {
  version: number;
  adoptedAt: Instant;
  adoptedOn: LocalDate;
  adoptedBy: 'KDG';
}

/** The adopted period of another plan of the same collaboration, as the host read it when the adoption was recorded. */
export interface AdoptedPeriod {
  planId: string;
  version: number;
  validFrom: LocalDate;
  validTo: LocalDate;
}

export interface PlanInput {
  collaboration: string;
  title: string;
}

export interface PlanContext extends PlanInput {
  versions: PlanVersion[];
  councilInformed: CouncilInformation[];
  /** In the order recorded, which is also instant order (R-D6 — each later than the one before). */
  adoptions: PlanAdoption[];
}

export type PlanEvent =
  | {
      type: 'VERSION_DRAFTED';
      draftedOn: LocalDate;
      validFrom: LocalDate;
      validTo: LocalDate;
      focusAreas: FocusArea[];
    }
  | { type: 'COUNCIL_INFORMED'; version: number; informedAt: Instant; councilRecordId?: string }
  | {
      type: 'KDG_ADOPTED';
      version: number;
      adoptedAt: Instant;
      /** Added by the host: the adopted periods of the collaboration's other plans (R-D8). */
      otherAdoptedPeriods: AdoptedPeriod[];
    }
  /** R-D6, R-E2: modelled so that it can be refused with its reason; it never passes. */
  | { type: 'COUNCIL_ADOPTED'; decidedOn: LocalDate; councilRecordId?: string };
