/**
 * The stages of the collaboration process as versioned data of the area machine (DECISIONS D7). The declaration's
 * own diagram (SEED-AF §12) is missing, so these are RULEBOOK §4.2's proposed names: every stage says `proposal:
 * true`, and a later machine version with the real names replaces this table (old instances keep theirs).
 */

export interface AreaStage {
  /** The machine's top-level state. */
  key: string;
  /** The stage number of RULEBOOK §4.2 (null for the states outside the numbered sequence). */
  number: number | null;
  sv: string;
  en: string;
  proposal: true;
  /** A final state: the area's process has ended. */
  final?: true;
}

/** Where the names come from, shown with every stage (D7). */
export const AREA_STAGE_SOURCE = 'RULEBOOK §4.2 (proposed stage model, DECISIONS D7; the §12 diagram is missing)';

export const AREA_STAGES_V1: readonly AreaStage[] = [
  { key: 'ny', number: null, sv: 'Ej registrerat', en: 'Not yet registered', proposal: true },
  { key: 'ide', number: 0, sv: 'Idé / initiativ', en: 'Idea / initiative', proposal: true },
  {
    key: 'forankring',
    number: 1,
    sv: 'Förankring och prioritering',
    en: 'Anchoring and prioritisation',
    proposal: true,
  },
  { key: 'forstudie', number: 2, sv: 'Förstudie / utredning', en: 'Pre-study / investigation', proposal: true },
  {
    key: 'beslut',
    number: 3,
    sv: 'Beredning och beslut i respektive kommun',
    en: 'Preparation and decision in each municipality',
    proposal: true,
  },
  {
    key: 'utanfor',
    number: 3,
    sv: 'Kan inte formaliseras inom samverkan (färre än två parter sade ja)',
    en: 'Cannot be formalised inside the collaboration (fewer than two parties said yes)',
    proposal: true,
  },
  { key: 'formalisering', number: 4, sv: 'Formalisering', en: 'Formalisation', proposal: true },
  { key: 'drift', number: 5, sv: 'Genomförande / drift', en: 'Implementation / operation', proposal: true },
  { key: 'uppfoljning', number: 6, sv: 'Uppföljning och utvärdering', en: 'Follow-up and evaluation', proposal: true },
  { key: 'revidering', number: 7, sv: 'Revidering eller avveckling', en: 'Revision or wind-down', proposal: true },
  { key: 'avvecklad', number: 7, sv: 'Avvecklad', en: 'Wound down', proposal: true, final: true },
  {
    key: 'avslutad',
    number: null,
    sv: 'Avslutad utan genomförande',
    en: 'Closed without implementation',
    proposal: true,
    final: true,
  },
  { key: 'pausad', number: null, sv: 'Pausad', en: 'Paused', proposal: true },
];

/** The stages a paused area may have been in and resumes to (RULEBOOK §4.2: resumable from stages 0–3). */
export const PAUSABLE_STAGES = ['ide', 'forankring', 'forstudie', 'beslut'] as const;

/** The stage of a state string ('formalisering.undertecknande' → formalisering). */
export function stageOf(state: string, stages: readonly AreaStage[] = AREA_STAGES_V1): AreaStage {
  const key = state.split('.')[0];
  return stages.find((s) => s.key === key) ?? { key, number: null, sv: key, en: key, proposal: true };
}

// Versioned machines and migrations of running instances (h-versions)
/**
 * Version 2's stages: v1's table with the two states named after the first word of their §4.2 name (area.v2.machine.ts).
 * Still the rulebook's proposal.
 */
export const AREA_STAGES_V2: readonly AreaStage[] = AREA_STAGES_V1.map((s) =>
  s.key === 'beslut' ? { ...s, key: 'beredning' } : s.key === 'drift' ? { ...s, key: 'genomforande' } : s,
);

/** The stage table of a machine version. */
// Version 3 (legal forms) is v1's graph with v1's names again.
export const areaStagesOf = (version: number): readonly AreaStage[] =>
  version === 2 ? AREA_STAGES_V2 : AREA_STAGES_V1;

/** Every stage key of every version, each once, v1's order first (lists and filters across versions). */
export const AREA_STAGES_ALL: readonly AreaStage[] = [
  ...AREA_STAGES_V1,
  ...AREA_STAGES_V2.filter((s) => !AREA_STAGES_V1.some((o) => o.key === s.key)),
];
