import { predecessorFacts, type Predecessor } from '../../machines/collaboration/predecessor.rules';
import type { Tx } from '../database/db';
import type { MunicipalityService } from '../municipality/municipality.service';
import type { PartyNameView, PredecessorView } from './collaboration.views';

/** R-A5: the predecessor with its parties named, beside the parties that followed it (the collaboration's own). */
export async function predecessorView(
  tx: Tx,
  municipalities: MunicipalityService,
  predecessor: Predecessor,
  members: ReadonlyArray<{ municipality: PartyNameView }>,
  declarationEffectiveDate: string,
): Promise<PredecessorView> {
  const facts = predecessorFacts(
    predecessor,
    members.map((m) => m.municipality.code),
    declarationEffectiveDate,
  );
  const names = new Map<string, string>(members.map((m) => [m.municipality.code, m.municipality.name]));
  for (const m of await municipalities.known(tx, facts.parties)) names.set(m.code, m.name);
  const named = (codes: string[]) => codes.map((code) => ({ code, name: names.get(code) ?? code }));
  return { ...facts, parties: named(facts.parties), joined: named(facts.joined), left: named(facts.left) };
}
