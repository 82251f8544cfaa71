/**
 * The rules the protocol machine's version 2 adds (issue 10 §5, issue 11 §4, §6): the justering and anslag deadlines
 * that pass as due events (R-I1, R-I4: recorded, never blocking, D8), the court's inhibition (R-I13), an appeal that
 * reached the court too late recorded as late (R-I14), and no appeal clock for beredning or verkställighet (R-I15).
 * Pure functions: each check returns null or the Refusal naming its rule.
 */
import { refusal, type Refusal, type RuleWarning } from '../kernel/refusal';
import type { EventOf } from '../kernel/rule-table';
import { addDays, anslagDeadline, compareDates, justeringDeadline, type Deadline } from '../calendar/calendar';
import type { Inhibition, LateAppeal, ProtocolContext, ProtocolEvent } from './protocol.types';

type Ev<T extends ProtocolEvent['type']> = EventOf<ProtocolEvent, T>;

/** A deadline the calendar can compute; null at the end of its range (a record that still reads, as decision.mapping). */
function computable(deadline: () => Deadline): Deadline | null {
  try {
    return deadline();
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** R-I1: the day the justering deadline has passed (the day after meeting + 14 days, moved to the next vardag). */
export function justeringPassedOn(c: Pick<ProtocolContext, 'meeting'>): { deadline: string; passedOn: string } | null {
  const d = computable(() => justeringDeadline(c.meeting.date));
  return d ? { deadline: d.date, passedOn: addDays(d.date, 1) } : null;
}

/** R-I4: the day the anslag deadline has passed (the day after justering + 2 days, moved to the next vardag). */
export function anslagPassedOn(c: Pick<ProtocolContext, 'justeradOn'>): { deadline: string; passedOn: string } | null {
  const d = c.justeradOn ? computable(() => anslagDeadline(c.justeradOn!)) : null;
  return d ? { deadline: d.date, passedOn: addDays(d.date, 1) } : null;
}

/** The deadline's passing is recorded once. */
function alreadyRecorded(ruleId: 'R-I1' | 'R-I4', passedOn: string): Refusal {
  return refusal(
    'DEADLINE_PASSING_RECORDED',
    ruleId,
    `That the deadline passed was recorded on ${passedOn}; it is recorded once.`,
    `Att tidsfristen passerade noterades ${passedOn}; det noteras en gång.`,
  );
}

/** R-I1: the due event comes on the day after the deadline, never before (its date is the engine's, not a claim). */
export function checkJusteringDeadlinePassed(c: ProtocolContext, e: Ev<'JUSTERING_DEADLINE_PASSED'>): Refusal | null {
  if (c.late?.justering) return alreadyRecorded('R-I1', c.late.justering.passedOn);
  const d = justeringPassedOn(c);
  if (!d || compareDates(e.on, d.passedOn) < 0)
    return refusal(
      'JUSTERING_DEADLINE_NOT_PASSED',
      'R-I1',
      `The justering deadline is ${d?.deadline}; it has not passed on ${e.on}.`,
      `Sista dag för justering är ${d?.deadline}; den har inte passerat ${e.on}.`,
      { deadline: d?.deadline },
    );
  return null;
}

/** R-I4: likewise for the anslag. */
export function checkAnslagDeadlinePassed(c: ProtocolContext, e: Ev<'ANSLAG_DEADLINE_PASSED'>): Refusal | null {
  if (c.late?.anslag) return alreadyRecorded('R-I4', c.late.anslag.passedOn);
  const d = anslagPassedOn(c);
  if (!d || compareDates(e.on, d.passedOn) < 0)
    return refusal(
      'ANSLAG_DEADLINE_NOT_PASSED',
      'R-I4',
      `The anslag deadline is ${d?.deadline}; it has not passed on ${e.on}.`,
      `Sista dag för anslag är ${d?.deadline}; den har inte passerat ${e.on}.`,
      { deadline: d?.deadline },
    );
  return null;
}

/** R-I1 (D8): the fact that the deadline passed before justering; the engine records it and cannot fix it. */
export function justeringDeadlineWarning(c: ProtocolContext, on: string): RuleWarning {
  const d = justeringPassedOn(c)!;
  return {
    code: 'JUSTERING_LATE',
    ruleId: 'R-I1',
    message: `Not justerat by the deadline ${d.deadline} (meeting + 14 days); recorded on ${on}. A later justering is still accepted.`,
    messageSv: `Inte justerat senast ${d.deadline} (sammanträdet + 14 dagar); noterat ${on}. En senare justering tas ändå emot.`,
    details: { deadline: d.deadline, passedOn: on },
  };
}

/** R-I4 (D8): the fact that the anslag deadline passed before the anslag. */
export function anslagDeadlineWarning(c: ProtocolContext, on: string): RuleWarning {
  const d = anslagPassedOn(c)!;
  return {
    code: 'ANSLAG_LATE',
    ruleId: 'R-I4',
    message: `Not anslaget by the deadline ${d.deadline} (justering + 2 days); recorded on ${on}. A later anslag is still accepted.`,
    messageSv: `Inte anslaget senast ${d.deadline} (justering + 2 dagar); noterat ${on}. Ett senare anslag tas ändå emot.`,
    details: { deadline: d.deadline, passedOn: on },
  };
}

/** The deadline due events of a draft (R-I1) or a justerat protocol (R-I4), until the fact is recorded. */
export function deadlineDueEvents(
  c: ProtocolContext,
  state: string,
): { type: string; dueOn: string; payload: { on: string } }[] {
  const due =
    state === 'draft' && !c.late?.justering
      ? { type: 'JUSTERING_DEADLINE_PASSED', d: justeringPassedOn(c) }
      : state === 'justerat' && !c.late?.anslag
        ? { type: 'ANSLAG_DEADLINE_PASSED', d: anslagPassedOn(c) }
        : null;
  return due?.d ? [{ type: due.type, dueOn: due.d.passedOn, payload: { on: due.d.passedOn } }] : [];
}

/**
 * R-I1, R-I4: the act after its deadline's due event. Dated after the deadline, it was late (the warning stays);
 * dated on or before it (entered afterwards), it was on time: the due event's warning is withdrawn from the record's
 * warnings (the log keeps the due event), and `late` says the act was on time.
 */
export function settleLate(
  c: ProtocolContext,
  which: 'justering' | 'anslag',
  actOn: string,
): Partial<Pick<ProtocolContext, 'late' | 'warnings'>> {
  const passed = c.late?.[which];
  if (!passed) return {};
  const onTime = compareDates(actOn, passed.deadline) <= 0;
  const code = which === 'justering' ? 'JUSTERING_LATE' : 'ANSLAG_LATE';
  return {
    late: { ...c.late, [which]: { ...passed, actOn, onTime } },
    ...(onTime ? { warnings: c.warnings.filter((w) => !(w.code === code && w.details?.passedOn)) } : {}),
  };
}

// ------------------------------------------------------------------ R-I13 inhibition

/** R-I13: the court's inhibition in force, if any. */
export function inhibitionInForce(c: Pick<ProtocolContext, 'inhibitions'>): Inhibition | null {
  const last = c.inhibitions?.at(-1);
  return last && !last.endedOn ? last : null;
}

/** R-I13: the court orders inhibition while the appeal is before it: after the appeal arrived, one at a time. */
export function checkInhibitionOrder(c: ProtocolContext, e: Ev<'INHIBITION_ORDERED'>): Refusal | null {
  const inForce = inhibitionInForce(c);
  if (inForce)
    return refusal(
      'INHIBITION_IN_FORCE',
      'R-I13',
      `${inForce.court} ordered inhibition on ${inForce.orderedOn}; it is still in force.`,
      `${inForce.court} beslutade inhibition ${inForce.orderedOn}; den gäller fortfarande.`,
      { inhibition: inForce },
    );
  if (c.appeal && compareDates(e.orderedOn, c.appeal.receivedOn) < 0)
    return refusal(
      'INHIBITION_BEFORE_APPEAL',
      'R-I13',
      `The appeal arrived on ${c.appeal.receivedOn}; the court cannot have ordered inhibition before (${e.orderedOn}).`,
      `Överklagandet kom in ${c.appeal.receivedOn}; domstolen kan inte ha beslutat inhibition dessförinnan (${e.orderedOn}).`,
    );
  return null;
}

/** R-I13: the court lifts the inhibition in force, on or after the day it ordered it. */
export function checkInhibitionLift(c: ProtocolContext, e: Ev<'INHIBITION_LIFTED'>): Refusal | null {
  const inForce = inhibitionInForce(c);
  if (!inForce)
    return refusal(
      'NO_INHIBITION_IN_FORCE',
      'R-I13',
      'No inhibition of this decision is in force; there is nothing to lift.',
      'Ingen inhibition av beslutet gäller; det finns inget att häva.',
    );
  if (compareDates(e.liftedOn, inForce.orderedOn) < 0)
    return refusal(
      'INHIBITION_LIFTED_BEFORE_ORDER',
      'R-I13',
      `The inhibition was ordered on ${inForce.orderedOn}; it cannot be lifted before (${e.liftedOn}).`,
      `Inhibitionen beslutades ${inForce.orderedOn}; den kan inte hävas dessförinnan (${e.liftedOn}).`,
    );
  return null;
}

/** The inhibitions with the one in force ended on `on` (lifted, or by the judgment); unchanged when none holds. */
export function endInhibition(c: ProtocolContext, on: string, by: Inhibition['endedBy']): Inhibition[] | undefined {
  if (!inhibitionInForce(c)) return c.inhibitions;
  return c.inhibitions!.map((i, n) => (n === c.inhibitions!.length - 1 ? { ...i, endedOn: on, endedBy: by } : i));
}

/** R-I13: what a workflow the decision drove shows while the inhibition holds ("stopped by"); null when none holds. */
export function stopOf(c: ProtocolContext): {
  decisionId: string;
  ruleId: string;
  court: string;
  caseNumber?: string;
  orderedOn: string;
  en: string;
  sv: string;
} | null {
  const i = inhibitionInForce(c);
  if (!i) return null;
  const name = `${i.court}${i.caseNumber ? ` (${i.caseNumber})` : ''}`;
  return {
    decisionId: c.decisionId,
    ruleId: 'R-I13',
    court: i.court,
    ...(i.caseNumber ? { caseNumber: i.caseNumber } : {}),
    orderedOn: i.orderedOn,
    en: `Stopped by inhibition: ${name} ordered on ${i.orderedOn} that the decision must not be carried out until it has judged.`,
    sv: `Stoppat av inhibition: ${name} beslutade ${i.orderedOn} att beslutet inte får verkställas förrän domstolen har prövat det.`,
  };
}

// ------------------------------------------------------------------ R-I14 late appeals

/** R-I14: the appeal reached the court after the period's last day: recorded as late, not refused (not a refusal). */
export function isLateAppeal(c: ProtocolContext, e: Ev<'APPEAL_RECEIVED'>): boolean {
  return !!c.appealLastDay && compareDates(e.receivedOn, c.appealLastDay) > 0;
}

/** The late appeal awaiting the court's decision, if any. */
export function pendingLateAppeal(c: Pick<ProtocolContext, 'lateAppeals'>): LateAppeal | null {
  return c.lateAppeals?.find((a) => !a.decided) ?? null;
}

/** R-I14: the court's decision on a late appeal needs one pending, and comes after it arrived (R-I5). */
export function checkLateAppealDecided(c: ProtocolContext, e: Ev<'APPEAL_DECIDED'>): Refusal | null {
  const pending = pendingLateAppeal(c);
  if (!pending)
    return refusal(
      'NO_LATE_APPEAL_PENDING',
      'R-I14',
      'No appeal of this decision awaits the court: none arrived in time, and none recorded as late is undecided.',
      'Inget överklagande av beslutet väntar på domstolens prövning: inget kom in i tid, och inget sent är oprövat.',
    );
  if (compareDates(e.decidedOn, pending.receivedOn) < 0)
    return refusal(
      'JUDGMENT_BEFORE_APPEAL',
      'R-I5',
      'The court cannot have decided before the appeal arrived.',
      'Domstolen kan inte ha avgjort målet innan överklagandet kom in.',
    );
  return null;
}

// ------------------------------------------------------------------ R-I15 no appeal clock

/** R-I15 (KL 13 kap. 2 §): only a decision in substance gets an appeal clock after its anslag. */
export function appealClockRuns(c: Pick<ProtocolContext, 'appealable' | 'paragraph'>): boolean {
  return c.appealable !== false && (c.paragraph.nature ?? 'BESLUT') === 'BESLUT';
}

/** R-I15: why a paragraph has no appeal clock, for its status; null when it has one. */
export function noAppealClockReason(
  c: Pick<ProtocolContext, 'appealable' | 'paragraph'>,
): { en: string; sv: string } | null {
  if (appealClockRuns(c)) return null;
  const nature = c.paragraph.nature ?? 'BESLUT';
  if (nature === 'BEREDNING')
    return {
      en: 'Only beredning (preparation): not subject to laglighetsprövning (KL 13 kap. 2 §); no appeal period runs.',
      sv: 'Endast beredning: kan inte överklagas genom laglighetsprövning (KL 13 kap. 2 §); ingen överklagandetid löper.',
    };
  if (nature === 'VERKSTALLIGHET')
    return {
      en: 'Only verkställighet (execution): not subject to laglighetsprövning (KL 13 kap. 2 §); no appeal period runs.',
      sv: 'Endast verkställighet: kan inte överklagas genom laglighetsprövning (KL 13 kap. 2 §); ingen överklagandetid löper.',
    };
  return {
    en: 'Not a decision of a municipal body under KL 13 kap.; no appeal period runs.',
    sv: 'Inte ett beslut av ett kommunalt organ enligt KL 13 kap.; ingen överklagandetid löper.',
  };
}
