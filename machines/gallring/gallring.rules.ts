/**
 * Gallring of personal data (issue 10 §9): the rules a removal must meet. R-K8: records are disposed of only under a
 * gallringsbeslut (arkivlagen; the municipality's arkivreglemente); R-K9: the gallring is itself logged, and nothing
 * is removed twice or in a way that breaks the record (a guard that needs it, a record whose names are in the chain).
 */
import { compareDates } from '../calendar/local-dates';
import { refusal, type Refusal } from '../kernel/refusal';

/** The decision allowing the gallring, e.g. of the kommunstyrelse as arkivmyndighet. */
export interface Gallringsbeslut {
  /** Its diarienummer or other identification (as the municipality's diarium has it). */
  diarienummer: string;
  /** The date of the decision (YYYY-MM-DD). */
  decidedOn: string;
  /** The organ that decided, e.g. KS. */
  organ?: string;
}

/** What a requested item is, as the register of personal data finds it. */
export type ItemStanding =
  /** Committed by a salted hash and present: removable, once its record no longer needs it. */
  | { kind: 'COMMITTED'; settled: boolean }
  /** Already removed, under the decision named. */
  | { kind: 'REMOVED'; under: string }
  /** The record was written before personal data was committed by a salted hash: the name is in the chain itself. */
  | { kind: 'IN_CHAIN' }
  /** The record does not name this person. */
  | { kind: 'NOT_NAMED' };

/** R-K8: a gallring names the decision allowing it, and that decision is taken, not dated after the gallring. */
export function checkGallringsbeslut(beslut: Partial<Gallringsbeslut> | undefined, removedOn: string): Refusal | null {
  if (!beslut?.diarienummer?.trim() || !beslut.decidedOn) {
    return refusal(
      'GALLRING_WITHOUT_DECISION',
      'R-K8',
      'Personal data is removed only under a gallringsbeslut: name its diarienummer and date.',
      'Personuppgifter gallras bara enligt ett gallringsbeslut: ange dess diarienummer och datum.',
    );
  }
  if (compareDates(beslut.decidedOn, removedOn) > 0) {
    return refusal(
      'GALLRINGSBESLUT_IN_FUTURE',
      'R-K8',
      `The gallringsbeslut ${beslut.diarienummer} is dated ${beslut.decidedOn}, after today (${removedOn}); nothing is removed under a decision not yet taken.`,
      `Gallringsbeslutet ${beslut.diarienummer} är daterat ${beslut.decidedOn}, efter i dag (${removedOn}); inget gallras enligt ett beslut som ännu inte är fattat.`,
      { decidedOn: beslut.decidedOn, removedOn },
    );
  }
  return null;
}

/** R-K9: one requested item (a person named in a record) may be removed. */
export function checkItemRemovable(item: { record: string; name: string }, standing: ItemStanding): Refusal | null {
  const what = `${item.name} in ${item.record}`;
  const vad = `${item.name} i ${item.record}`;
  switch (standing.kind) {
    case 'COMMITTED':
      return standing.settled
        ? null
        : refusal(
            'PERSONAL_DATUM_NEEDED',
            'R-K9',
            `${what} is still needed: the protocol has not settled (final or annulled), and an amendment, justering or motivation may name the person again.`,
            `${vad} behövs ännu: protokollet har inte avslutats (laga kraft eller upphävt), och en ändring, justering eller motivering kan nämna personen igen.`,
            { record: item.record },
          );
    case 'REMOVED':
      return refusal(
        'PERSONAL_DATUM_ALREADY_REMOVED',
        'R-K9',
        `${what} is already removed, under decision ${standing.under}.`,
        `${vad} är redan gallrad, enligt beslut ${standing.under}.`,
        { record: item.record, under: standing.under },
      );
    case 'IN_CHAIN':
      return refusal(
        'PERSONAL_DATUM_IN_CHAIN',
        'R-K9',
        `${item.record} was written before personal data was committed by a salted hash: its names are part of the hash chain and cannot be removed without breaking it.`,
        `${item.record} skrevs innan personuppgifter hölls med saltad hash: namnen ingår i hashkedjan och kan inte gallras utan att bryta den.`,
        { record: item.record },
      );
    case 'NOT_NAMED':
      return refusal(
        'PERSONAL_DATUM_NOT_NAMED',
        'R-K9',
        `${item.record} does not name ${item.name}.`,
        `${item.record} nämner inte ${item.name}.`,
        { record: item.record },
      );
  }
}

/** R-K9: a logged gallring removes each commitment once. */
export function checkNotRemovedBefore(removed: readonly string[], commitments: readonly string[]): Refusal | null {
  const done = new Set(removed);
  const again = commitments.filter((c) => done.has(c));
  if (!commitments.length || again.length) {
    return refusal(
      'PERSONAL_DATUM_ALREADY_REMOVED',
      'R-K9',
      commitments.length ? `Already removed: ${again.join(', ')}.` : 'A gallring removes at least one item.',
      commitments.length ? `Redan gallrat: ${again.join(', ')}.` : 'En gallring tar bort minst en uppgift.',
      { commitments: again },
    );
  }
  return null;
}

/** How a read shows a removed datum, in both languages. */
export function removedText(under: string): string {
  return `[gallrad enligt beslut ${under} / removed under decision ${under}]`;
}

/** The decision as a removed datum names it: "KS 2026/12 (2026-03-02)". */
export function beslutLabel(beslut: Gallringsbeslut): string {
  return `${beslut.organ ? `${beslut.organ} ` : ''}${beslut.diarienummer} (${beslut.decidedOn})`;
}
