/**
 * The rules of a verksamhetsplan (avsiktsförklaringen §11, §16; RULEBOOK R-D6..R-D8, R-E2, R-E6): versions with a
 * period and focus areas, the council informed of one exact version before KDG adopts it, no two adopted plans of a
 * collaboration overlapping, and the plan in force on a date. Pure functions over the machine's context and an
 * event: each check returns null or the Refusal that names its rule.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import { compareDates, instantToEpochMillis, toStockholmDate } from '../calendar/calendar';
import type {
  AdoptedPeriod,
  FocusArea,
  LocalDate,
  PlanAdoption,
  PlanContext,
  PlanEvent,
  PlanVersion,
} from './plan.types';

type EventOf<T extends PlanEvent['type']> = KernelEventOf<PlanEvent, T>;

// ---------------------------------------------------------------- versions (R-D8)

/** R-D8 — a version has a validity period (from on or before to) and focus areas with distinct keys. */
export function checkVersionDrafted(_c: PlanContext, event: EventOf<'VERSION_DRAFTED'>): Refusal | null {
  if (compareDates(event.validFrom, event.validTo) > 0) {
    return refusal(
      'PLAN_PERIOD_REVERSED',
      'R-D8',
      `The plan's period ends (${event.validTo}) before it begins (${event.validFrom}).`,
      `Planens giltighetsperiod slutar (${event.validTo}) innan den börjar (${event.validFrom}).`,
      { validFrom: event.validFrom, validTo: event.validTo },
    );
  }
  const seen = new Set<string>();
  for (const area of event.focusAreas) {
    if (seen.has(area.key)) {
      return refusal(
        'DUPLICATE_FOCUS_AREA',
        'R-D8',
        `Two focus areas of the version have the key '${area.key}'; a key names one focus area.`,
        `Två fokusområden i versionen har nyckeln '${area.key}'; en nyckel anger ett fokusområde.`,
        { key: area.key },
      );
    }
    seen.add(area.key);
  }
  return null;
}

export function versionOf(context: PlanContext, version: number): PlanVersion | undefined {
  return context.versions.find((v) => v.version === version);
}

function unknownVersion(context: PlanContext, version: number): Refusal {
  return refusal(
    'UNKNOWN_PLAN_VERSION',
    'R-D7',
    `The plan has no version ${version}; its versions are ${context.versions.map((v) => v.version).join(', ') || 'none'}.`,
    `Planen har ingen version ${version}; dess versioner är ${context.versions.map((v) => v.version).join(', ') || 'inga'}.`,
    { version, versions: context.versions.map((v) => v.version) },
  );
}

/** R-D7 — the council is informed of one exact version, which must exist. */
export function checkCouncilInformed(context: PlanContext, event: EventOf<'COUNCIL_INFORMED'>): Refusal | null {
  return versionOf(context, event.version) ? null : unknownVersion(context, event.version);
}

// ---------------------------------------------------------------- adoption (R-D6, R-D7, R-D8)

const before = (a: string, b: string) => instantToEpochMillis(a) < instantToEpochMillis(b);

/**
 * R-D7 — KDG may adopt version v only if the council was informed of v at an instant before the adoption (on the same
 * day the instants decide; the same instant is not before). Being informed of another version does not count.
 */
export function checkInformedBeforeAdoption(context: PlanContext, event: EventOf<'KDG_ADOPTED'>): Refusal | null {
  const ofThis = context.councilInformed.filter((i) => i.version === event.version);
  if (ofThis.some((i) => before(i.informedAt, event.adoptedAt))) return null;
  const details = {
    version: event.version,
    adoptedAt: event.adoptedAt,
    informedOfVersions: [...new Set(context.councilInformed.map((i) => i.version))],
    informedOfThisVersionAt: ofThis.map((i) => i.informedAt),
  };
  const when = ofThis.length
    ? {
        en: ` It was informed only at ${ofThis[0].informedAt}, not before the adoption.`,
        sv: ` Det informerades först ${ofThis[0].informedAt}, inte före antagandet.`,
      }
    : { en: '', sv: '' };
  return refusal(
    'COUNCIL_NOT_INFORMED',
    'R-D7',
    `Samverkansrådet must be informed of version ${event.version} of the verksamhetsplan before KDG adopts it (SEED-AF §16).${when.en}`,
    `Samverkansrådet ska informeras om version ${event.version} av verksamhetsplanen innan KDG antar den (avsiktsförklaringen §16).${when.sv}`,
    details,
  );
}

const overlaps = (a: { validFrom: LocalDate; validTo: LocalDate }, b: { validFrom: LocalDate; validTo: LocalDate }) =>
  compareDates(a.validFrom, b.validTo) <= 0 && compareDates(b.validFrom, a.validTo) <= 0;

/** R-D8 (PROPOSAL): at most one plan in force on any date: the adopted periods of a collaboration's plans never overlap. */
export function checkNoOverlap(context: PlanContext, event: EventOf<'KDG_ADOPTED'>): Refusal | null {
  const version = versionOf(context, event.version);
  if (!version) return null;
  const other = (event.otherAdoptedPeriods ?? []).find((p: AdoptedPeriod) => overlaps(version, p));
  if (!other) return null;
  return refusal(
    'PLAN_PERIODS_OVERLAP',
    'R-D8',
    `Version ${event.version} (${version.validFrom} – ${version.validTo}) overlaps the adopted plan ${other.planId} (version ${other.version}, ${other.validFrom} – ${other.validTo}); two plans of a collaboration are never in force on the same day.`,
    `Version ${event.version} (${version.validFrom} – ${version.validTo}) överlappar den antagna planen ${other.planId} (version ${other.version}, ${other.validFrom} – ${other.validTo}); två planer i en samverkan gäller aldrig samma dag.`,
    { validFrom: version.validFrom, validTo: version.validTo, overlaps: other },
  );
}

/** R-D6 — KDG adopts each version once, and a revision after the version adopted before it (instant order). */
export function checkAdoptionOrder(context: PlanContext, event: EventOf<'KDG_ADOPTED'>): Refusal | null {
  if (context.adoptions.some((a) => a.version === event.version)) {
    return refusal(
      'PLAN_VERSION_ALREADY_ADOPTED',
      'R-D6',
      `Version ${event.version} has already been adopted; a revision is a new version.`,
      `Version ${event.version} är redan antagen; en revidering är en ny version.`,
      { version: event.version },
    );
  }
  const last = context.adoptions[context.adoptions.length - 1];
  if (last && !before(last.adoptedAt, event.adoptedAt)) {
    return refusal(
      'PLAN_ADOPTION_OUT_OF_ORDER',
      'R-D6',
      `Version ${last.version} was adopted at ${last.adoptedAt}; a later adoption cannot be at or before it.`,
      `Version ${last.version} antogs ${last.adoptedAt}; ett senare antagande kan inte ske samtidigt eller före.`,
      { previous: last, adoptedAt: event.adoptedAt },
    );
  }
  return null;
}

/** R-D6, R-D7, R-D8 — the version exists, the council was informed of it before, no overlap, in order. */
export function checkAdoption(context: PlanContext, event: EventOf<'KDG_ADOPTED'>): Refusal | null {
  if (!versionOf(context, event.version)) return unknownVersion(context, event.version);
  return (
    checkInformedBeforeAdoption(context, event) ?? checkNoOverlap(context, event) ?? checkAdoptionOrder(context, event)
  );
}

/** R-D6, R-E2: Samverkansrådet adopts nothing; KDG adopts the verksamhetsplan. Always refused. */
export function checkCouncilAdoption(): Refusal {
  return refusal(
    'COUNCIL_NOT_DECISION_MAKING',
    'R-D6',
    'Samverkansrådet is not a decision-making body: KDG adopts the verksamhetsplan, after informing the council (SEED-AF §5, §16).',
    'Samverkansrådet är inte ett beslutande organ: KDG antar verksamhetsplanen, efter att rådet informerats (avsiktsförklaringen §5, §16).',
  );
}

export function adoptionOf(event: EventOf<'KDG_ADOPTED'>): PlanAdoption {
  return {
    version: event.version,
    adoptedAt: event.adoptedAt,
    adoptedOn: toStockholmDate(event.adoptedAt),
    adoptedBy: 'KDG',
  };
}

// ---------------------------------------------------------------- what the plan says on a date

export interface PlanInForce {
  version: PlanVersion;
  adoption: PlanAdoption;
}

/**
 * The version of this plan in force on date d: the one adopted last on or before d (a revision replaces the version
 * before it from the day it is adopted), if d lies within that version's period. A plan adopted after its period
 * began is in force from the day of its adoption, not before.
 */
export function inForceOn(context: PlanContext, d: LocalDate): PlanInForce | null {
  const adoption = context.adoptions.filter((a) => compareDates(a.adoptedOn, d) <= 0).pop();
  if (!adoption) return null;
  const version = versionOf(context, adoption.version)!;
  if (compareDates(version.validFrom, d) > 0 || compareDates(d, version.validTo) > 0) return null;
  return { version, adoption };
}

/** The period of the version adopted last (what another plan's adoption must not overlap, R-D8). */
export function currentAdoptedPeriod(context: PlanContext, planId: string): AdoptedPeriod | null {
  const last = context.adoptions[context.adoptions.length - 1];
  if (!last) return null;
  const v = versionOf(context, last.version)!;
  return { planId, version: v.version, validFrom: v.validFrom, validTo: v.validTo };
}

/** The legal date each event concerns (D13): its own date, or the Stockholm date of its instant. */
export function planLegalDate(event: PlanEvent): LocalDate | null {
  switch (event.type) {
    case 'VERSION_DRAFTED':
      return event.draftedOn;
    case 'COUNCIL_INFORMED':
      return toStockholmDate(event.informedAt);
    case 'KDG_ADOPTED':
      return toStockholmDate(event.adoptedAt);
    case 'COUNCIL_ADOPTED':
      return event.decidedOn;
    default:
      return null;
  }
}

/** R-D8: the focus area of a plan that a name or key means (keys are stable across versions; names read better). */
export function focusAreaNamed(focusAreas: readonly FocusArea[], named: string): FocusArea | undefined {
  return focusAreas.find((a) => a.key === named) ?? focusAreas.find((a) => a.name === named);
}

/**
 * R-D8 (SEED-AF §11): the work of an area links to a fokusområde "som finns angivet i för perioden gällande
 * Verksamhetsplan". A KDG assignment that names a focus area names one of the plan in force on its date (`inForce`,
 * null when no plan is in force then); a plan it names must be that plan.
 */
export function checkFocusAreaLink(
  inForce: { planId: string; focusAreas: readonly FocusArea[] } | null,
  requested: { focusArea: string; planId?: string; on: LocalDate },
): Refusal | null {
  const { focusArea, on, planId } = requested;
  if (!inForce) {
    return refusal(
      'FOCUS_AREA_NOT_IN_PLAN',
      'R-D8',
      `No operational plan is in force on ${on}, so the assignment cannot name the focus area '${focusArea}'.`,
      `Ingen verksamhetsplan gäller ${on}, så uppdraget kan inte ange fokusområdet '${focusArea}'.`,
      { focusArea, on, planInForce: null },
    );
  }
  if (planId && planId !== inForce.planId) {
    return refusal(
      'FOCUS_AREA_NOT_IN_PLAN',
      'R-D8',
      `The plan named is not the one in force on ${on} (${inForce.planId}).`,
      `Den angivna planen är inte den som gäller ${on} (${inForce.planId}).`,
      { focusArea, on, planId, planInForce: inForce.planId },
    );
  }
  if (focusAreaNamed(inForce.focusAreas, focusArea)) return null;
  const names = inForce.focusAreas.map((a) => a.name);
  return refusal(
    'FOCUS_AREA_NOT_IN_PLAN',
    'R-D8',
    `The plan in force on ${on} has no focus area '${focusArea}'; its focus areas are: ${names.join(', ') || 'none'}.`,
    `Verksamhetsplanen som gäller ${on} har inget fokusområde '${focusArea}'; dess fokusområden är: ${names.join(', ') || 'inga'}.`,
    { focusArea, on, planInForce: inForce.planId, focusAreas: inForce.focusAreas },
  );
}
