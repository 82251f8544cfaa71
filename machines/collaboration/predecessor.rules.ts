/**
 * R-A5: a collaboration's predecessor, shown with its history. Dalslandssamverkan followed the 2022 "Avsiktsförklaring
 * avseende kommunal samverkan 4D" of Bengtsfors, Dals-Ed, Färgelanda and Mellerud (SEED-AF §1, SEED-PR: "som
 * tidigare kallades 4D-samverkan"). The sources give no exact dates of the 4D decisions, so the record holds when it
 * was decided as the sources say it ("våren 2022"), never a date the engine would have to invent; and that the new
 * declaration supersedes it from its own entry into force is an interpretation: the seeds say the model was renamed,
 * not that the 4D document was revoked.
 */
import type { LocalDate } from '../kernel/time';

export interface Predecessor {
  /** Its name as the sources give it: "Avsiktsförklaring avseende kommunal samverkan 4D". */
  name: string;
  /** The municipalities that were its parties (kommunkod). */
  parties: string[];
  /** When it was decided, in the sources' words ("våren 2022"); absent where they do not say. Never a made-up date. */
  decided?: string;
  /** Where the facts come from, or anything else the reader should know. */
  note?: string;
}

/** What the history shows of a predecessor beside the collaboration's own parties and declaration. */
export interface PredecessorFacts extends Predecessor {
  /** Parties of the collaboration that were not parties of the predecessor (Åmål, for 4D). */
  joined: string[];
  /** Parties of the predecessor that are not parties of the collaboration. */
  left: string[];
  /** The day the collaboration's declaration took effect: from it the collaboration is what the parties follow. */
  followedFrom: LocalDate;
  /** Always false: the engine records no revocation of the predecessor, only that it was followed (R-A5). */
  revocationRecorded: false;
}

/** R-A5: the predecessor as history shows it, compared with the parties and declaration that followed it. */
export function predecessorFacts(
  predecessor: Predecessor,
  parties: readonly string[],
  declarationEffectiveDate: LocalDate,
): PredecessorFacts {
  const before = new Set(predecessor.parties);
  const now = new Set(parties);
  return {
    ...predecessor,
    joined: parties.filter((p) => !before.has(p)),
    left: predecessor.parties.filter((p) => !now.has(p)),
    followedFrom: declarationEffectiveDate,
    revocationRecorded: false,
  };
}
