import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { inForceOn, type PlanInForce } from '../../machines/plan/plan.rules';
import type { PlanAdoption, PlanContext } from '../../machines/plan/plan.types';
import type { InstanceView, TransitionView } from '../workflow/workflow.types';

/** R-E6: what KDG's adoption is, said with every adoption the API shows. */
export const ADOPTION_STATUS = {
  en: 'Adopted by KDG (the kommundirektörer and the samverkanssamordnare, R-D6): an administrative act of officials, not a decision of an elected body under the Local Government Act; it binds no municipality to money, staff or agreements (R-E6).',
  sv: 'Antagen av KDG (kommundirektörerna och samverkanssamordnaren, R-D6): en förvaltningsåtgärd av tjänstepersoner, inte ett beslut av ett förtroendevalt organ enligt kommunallagen; den binder ingen kommun till pengar, personal eller avtal (R-E6).',
};

export class FocusAreaView {
  @ApiProperty({ example: 'kompetensforsorjning' }) key: string;
  @ApiProperty({ example: 'Kompetensförsörjning' }) name: string;
}

export class CouncilInformationView {
  @ApiProperty() informedAt: string;
  @ApiProperty({ description: 'Stockholm date of informedAt' }) informedOn: string;
  @ApiPropertyOptional({ description: "The council's record of the occasion, for the reader only (G5)" })
  councilRecordId?: string;
}

export class AdoptionView {
  @ApiProperty() version: number;
  @ApiProperty() adoptedAt: string;
  @ApiProperty({ description: 'Stockholm date of adoptedAt' }) adoptedOn: string;
  @ApiProperty({ enum: ['KDG'] }) adoptedBy: 'KDG';
  @ApiProperty({ description: 'R-E6: an administrative act of officials' }) status: { en: string; sv: string };
}

export class PlanVersionView {
  @ApiProperty() version: number;
  @ApiProperty() draftedOn: string;
  @ApiProperty() validFrom: string;
  @ApiProperty() validTo: string;
  @ApiProperty({ type: [FocusAreaView] }) focusAreas: FocusAreaView[];
  @ApiProperty({ type: [CouncilInformationView], description: 'R-D7 — when the council was informed of this version' })
  councilInformed: CouncilInformationView[];
  @ApiProperty({ type: AdoptionView, nullable: true }) adoption: AdoptionView | null;
}

export class PlanView {
  @ApiProperty({ description: 'The plan id (its workflow id)' }) id: string;
  @ApiProperty() collaboration: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['empty', 'drafting', 'adopted'] }) state: string;
  @ApiProperty({ description: 'The workflow version (for expectedVersion)' }) version: number;
  @ApiProperty({ type: [PlanVersionView] }) versions: PlanVersionView[];
  @ApiProperty({ type: [AdoptionView], description: 'In the order adopted; the last one governs from its day' })
  adoptions: AdoptionView[];
  @ApiProperty({ type: [String] }) allowedEvents: string[];
}

export class PlanWriteView extends PlanView {
  @ApiProperty({ description: 'The log row of the plan workflow' }) transition: TransitionView;
  @ApiProperty() replayed: boolean;
}

export class PlanInForceView {
  @ApiProperty() planId: string;
  @ApiProperty() title: string;
  @ApiProperty() version: number;
  @ApiProperty() validFrom: string;
  @ApiProperty() validTo: string;
  @ApiProperty({ type: [FocusAreaView] }) focusAreas: FocusAreaView[];
  @ApiProperty({ type: AdoptionView }) adoption: AdoptionView;
}

export class PlanSummaryView {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
  @ApiProperty() versions: number;
  @ApiProperty({ nullable: true, description: 'The version adopted last, if any' }) adoptedVersion: number | null;
}

export class PlansAsOfView {
  @ApiProperty() collaboration: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ type: PlanInForceView, nullable: true, description: 'R-D8 — the one plan in force on asOf, if any' })
  inForce: PlanInForceView | null;
  @ApiProperty({ type: [PlanSummaryView] }) plans: PlanSummaryView[];
}

export class FocusAreaInForceView {
  @ApiProperty() planId: string;
  @ApiProperty() planTitle: string;
  @ApiProperty() version: number;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() validFrom: string;
  @ApiProperty() validTo: string;
}

export function adoptionView(a: PlanAdoption): AdoptionView {
  return { ...a, status: ADOPTION_STATUS };
}

export function planView(slug: string, instance: InstanceView): PlanView {
  const context = instance.context as PlanContext;
  return {
    id: instance.id,
    collaboration: slug,
    title: context.title,
    state: instance.state,
    version: instance.version,
    versions: context.versions.map((v) => {
      const adoption = context.adoptions.find((a) => a.version === v.version);
      return {
        ...v,
        focusAreas: v.focusAreas.map((a) => ({ ...a })),
        councilInformed: context.councilInformed
          .filter((i) => i.version === v.version)
          .map(({ version: _v, ...i }) => i),
        adoption: adoption ? adoptionView(adoption) : null,
      };
    }),
    adoptions: context.adoptions.map(adoptionView),
    allowedEvents: instance.allowedEvents,
  };
}

export function inForceView(planId: string, context: PlanContext, found: PlanInForce): PlanInForceView {
  return {
    planId,
    title: context.title,
    version: found.version.version,
    validFrom: found.version.validFrom,
    validTo: found.version.validTo,
    focusAreas: found.version.focusAreas.map((a) => ({ ...a })),
    adoption: adoptionView(found.adoption),
  };
}

export function summaryView(instance: InstanceView): PlanSummaryView {
  const context = instance.context as PlanContext;
  return {
    id: instance.id,
    title: context.title,
    state: instance.state,
    versions: context.versions.length,
    adoptedVersion: context.adoptions[context.adoptions.length - 1]?.version ?? null,
  };
}

/** The plan in force on d among a collaboration's plans (at most one, R-D8), with its workflow id. */
export function planInForceAmong(instances: InstanceView[], d: string): PlanInForceView | null {
  for (const instance of instances) {
    const context = instance.context as PlanContext;
    const found = inForceOn(context, d);
    if (found) return inForceView(instance.id, context, found);
  }
  return null;
}
