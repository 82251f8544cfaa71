/**
 * Lifting a sekretessmarkering (issue 12 §3; R-K13). Secrecy is tried each time a document is asked for or reviewed
 * (sekretessprövning, OSL 6 kap.); the marking only warns that it may apply. A prövning that finds it no longer
 * applies lifts the marking: a record of its own, with the date and who decided, and the reason, never a deletion of
 * the marking, so the history shows both that the text was marked and when it was lifted.
 */
import { compareDates } from '../calendar/local-dates';
import { refusal, type Refusal } from '../kernel/refusal';
import type { SecrecyMarking } from './secrecy.rules';

/** A marking as it stands: when it was made, and its lifting once a prövning lifted it. */
export interface MarkingStanding extends SecrecyMarking {
  markedOn: string;
  lifted?: { decidedOn: string } | null;
}

/** A lifting as asked: the marking it lifts (by its field; null the whole paragraph), the prövning's date and reason. */
export interface SecrecyLifting {
  field: string | null;
  decidedOn: string;
  decidedBy: string;
  reason: string;
}

/** The markings still in force (not lifted): those a new marking of the same text would repeat (R-K7). */
export function markingsInForce<M extends MarkingStanding>(markings: readonly M[]): M[] {
  return markings.filter((m) => !m.lifted);
}

/**
 * R-K13: a lifting names a marking in force of exactly that text (the whole paragraph's marking is lifted as the whole
 * paragraph, not text by text), and its prövning is dated on or after the marking.
 */
export function checkSecrecyLifting(markings: readonly MarkingStanding[], lifting: SecrecyLifting): Refusal | null {
  const same = markings.filter((m) => m.field === lifting.field);
  const inForce = markingsInForce(same)[0];
  const what = lifting.field === null ? 'the whole paragraph' : `"${lifting.field}"`;
  const vad = lifting.field === null ? 'hela paragrafen' : `"${lifting.field}"`;
  if (!inForce) {
    const lifted = same[same.length - 1]?.lifted;
    if (lifted)
      return refusal(
        'SECRECY_ALREADY_LIFTED',
        'R-K13',
        `The marking of ${what} was lifted already, after a sekretessprövning on ${lifted.decidedOn}.`,
        `Markeringen av ${vad} hävdes redan efter en sekretessprövning ${lifted.decidedOn}.`,
        { field: lifting.field, liftedOn: lifted.decidedOn },
      );
    const whole = lifting.field !== null && markingsInForce(markings).some((m) => m.field === null);
    return refusal(
      'SECRECY_NOT_MARKED',
      'R-K13',
      whole
        ? `${what} has no marking of its own: the whole paragraph is marked. Lift that marking, and mark again what stays secret.`
        : `${what} is not marked secret; there is no marking to lift.`,
      whole
        ? `${vad} har ingen egen markering: hela paragrafen är markerad. Häv den markeringen och markera på nytt det som ska förbli hemligt.`
        : `${vad} är inte sekretessmarkerad; det finns ingen markering att häva.`,
      { field: lifting.field },
    );
  }
  if (compareDates(lifting.decidedOn, inForce.markedOn) < 0)
    return refusal(
      'SECRECY_LIFTED_BEFORE_MARKED',
      'R-K13',
      `A sekretessprövning of ${lifting.decidedOn} cannot lift a marking made on ${inForce.markedOn}.`,
      `En sekretessprövning ${lifting.decidedOn} kan inte häva en markering som gjordes ${inForce.markedOn}.`,
      { decidedOn: lifting.decidedOn, markedOn: inForce.markedOn },
    );
  return null;
}

/** The line of the history saying that a marking was lifted, when, by whom and why. */
export function liftedNotice(m: SecrecyMarking, lifting: Omit<SecrecyLifting, 'field'>): string {
  const what = m.field === null ? 'Paragrafens' : `Uppgiftens (${m.field})`;
  return `${what} sekretessmarkering enligt ${m.provision} hävdes ${lifting.decidedOn} av ${lifting.decidedBy}: ${lifting.reason}`;
}
