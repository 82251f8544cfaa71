/**
 * The protocol lifecycle of a decision paragraph (RULEBOOK I; DECISIONS D8, D9): justering within 14 days, anslag
 * by the second day after (both moved to the next vardag by söndagsregeln, R-L7), three weeks' appeal moved past
 * holidays, then laga kraft. Late deadlines are flagged, never blocked (D8). Pure functions: each check returns null
 * or the Refusal naming its rule.
 */
import { refusal, type Refusal, type RuleWarning } from '../kernel/refusal';
import type { EventOf } from '../kernel/rule-table';
import {
  anslagDeadline,
  appealLastDay,
  compareDates,
  finalFrom,
  justeringDeadline,
  toStockholmDate,
  type Deadline,
} from '../calendar/calendar';
import { checkMotivationTime, checkParagraph, withoutLateMotivations } from './decision.rules';
import type { ProtocolContext, ProtocolEvent } from './protocol.types';

type Ev<T extends ProtocolEvent['type']> = EventOf<ProtocolEvent, T>;

export function checkJustering(c: ProtocolContext, e: Ev<'JUSTERAT'>): Refusal | null {
  if (compareDates(e.justeradOn, c.meeting.date) < 0) {
    return refusal(
      'JUSTERING_BEFORE_MEETING',
      'R-I1',
      `A protocol cannot be justerat (${e.justeradOn}) before its meeting (${c.meeting.date}).`,
      `Ett protokoll kan inte justeras (${e.justeradOn}) före sammanträdet (${c.meeting.date}).`,
    );
  }
  if (e.immediate && !c.paragraph.immediateJustering) {
    return refusal(
      'IMMEDIATE_JUSTERING_NOT_DECIDED',
      'R-I3',
      'Omedelbar justering needs the body’s decision to justera this paragraph at once.',
      'Omedelbar justering kräver att organet beslutat att paragrafen ska justeras omedelbart.',
    );
  }
  if (e.immediate && e.justeradOn !== c.meeting.date) {
    return refusal(
      'IMMEDIATE_JUSTERING_NOT_AT_MEETING',
      'R-I3',
      'An omedelbart justerad paragraph is justerad at the meeting itself.',
      'En omedelbart justerad paragraf justeras vid sammanträdet.',
    );
  }
  if (!e.justerare.length) {
    return refusal(
      'NO_JUSTERARE',
      'R-I2',
      'The chair and at least one justerare sign the protocol.',
      'Ordföranden och minst en justerare undertecknar protokollet.',
    );
  }
  const absent = e.justerare.find((name) => !c.meeting.attendees.some((a) => a.name === name));
  if (absent) {
    return refusal(
      'JUSTERARE_NOT_AT_MEETING',
      'R-I2',
      `${absent} was not at the meeting and cannot justera its protocol.`,
      `${absent} var inte med vid sammanträdet och kan inte justera protokollet.`,
      { justerare: absent },
    );
  }
  return e.chair === undefined ? null : checkJusteringChair(c.meeting.attendees, e.chair, e.justerare);
}

/**
 * R-I2 (issue 11 §5): the chair signs beside the justerare. The chair was at the meeting, is its chair where the
 * attendees mark one, and is not also counted as a justerare. A JUSTERAT recorded before §5 names no chair; its
 * justerare then include the chair, as they were written.
 */
function checkJusteringChair(
  attendees: ProtocolContext['meeting']['attendees'],
  chair: string,
  justerare: string[],
): Refusal | null {
  if (!attendees.some((a) => a.name === chair)) {
    return refusal(
      'JUSTERING_CHAIR_NOT_AT_MEETING',
      'R-I2',
      `${chair} was not at the meeting and cannot sign its justering as chair.`,
      `${chair} var inte med vid sammanträdet och kan inte underteckna justeringen som ordförande.`,
      { chair },
    );
  }
  const marked = attendees.find((a) => a.chair);
  if (marked && marked.name !== chair) {
    return refusal(
      'JUSTERING_CHAIR_NOT_MEETING_CHAIR',
      'R-I2',
      `${chair} did not chair the meeting; its chair (${marked.name}) signs the justering.`,
      `${chair} var inte ordförande vid sammanträdet; dess ordförande (${marked.name}) undertecknar justeringen.`,
      { chair, meetingChair: marked.name },
    );
  }
  if (justerare.includes(chair)) {
    return refusal(
      'CHAIR_COUNTED_AS_JUSTERARE',
      'R-I2',
      `${chair} signs as chair and is not also counted as a justerare; at least one other member justerar.`,
      `${chair} undertecknar som ordförande och räknas inte också som justerare; minst en annan ledamot justerar.`,
      { chair },
    );
  }
  return null;
}

/**
 * R-I2: who signs a justering as the clerk enters it. The chair is the one named, else the chair the attendees mark;
 * a justering with no chair either way is refused. Without a named chair the list is read as the signers were
 * written before issue 11 §5 (the chair among them), so the chair is taken out of it: the chair is never counted as
 * a justerare, and a list of the chair alone has none (NO_JUSTERARE).
 */
export function justeringSigners(
  attendees: ProtocolContext['meeting']['attendees'],
  given: { chair?: string; justerare: string[] },
): { chair: string; justerare: string[] } | Refusal {
  const chair = given.chair ?? attendees.find((a) => a.chair)?.name;
  if (!chair) {
    return refusal(
      'JUSTERING_CHAIR_MISSING',
      'R-I2',
      'The chair signs the justering beside the justerare: name the chair, or mark the chair among the attendees.',
      'Ordföranden undertecknar justeringen tillsammans med justerarna: ange ordföranden, eller markera ordföranden bland de närvarande.',
    );
  }
  return {
    chair,
    justerare: given.chair === undefined ? given.justerare.filter((n) => n !== chair) : given.justerare,
  };
}

/** Why the deadline is that day: the plain count, and the raw date when söndagsregeln moved it (R-L7, D8). */
function deadlineBasis(d: Deadline, en: string, sv: string): { en: string; sv: string } {
  return d.moved
    ? { en: `${en} = ${d.rawDate}, moved to the next vardag`, sv: `${sv} = ${d.rawDate}, flyttad till nästa vardag` }
    : { en, sv };
}

/** R-I1, R-L7: justering no later than meeting + 14 days, moved to the next vardag; later is flagged (D8). */
export function justeringWarnings(c: ProtocolContext, justeradOn: string): RuleWarning[] {
  const deadline = justeringDeadline(c.meeting.date);
  if (compareDates(justeradOn, deadline.date) <= 0) return [];
  const basis = deadlineBasis(deadline, 'meeting + 14 days', 'sammanträdet + 14 dagar');
  return [
    {
      code: 'JUSTERING_LATE',
      ruleId: 'R-I1',
      message: `Justerat ${justeradOn}, after the deadline ${deadline.date} (${basis.en}).`,
      messageSv: `Justerat ${justeradOn}, efter sista dag ${deadline.date} (${basis.sv}).`,
      details: { deadline: deadline.date },
    },
  ];
}

export function checkAnslag(c: ProtocolContext, e: Ev<'ANSLAG_POSTED'>): Refusal | null {
  if (!c.justeradOn || compareDates(e.anslagOn, c.justeradOn) < 0) {
    return refusal(
      'ANSLAG_BEFORE_JUSTERING',
      'R-I4',
      `The notice of a justerat protocol cannot be posted (${e.anslagOn}) before justering (${c.justeradOn}).`,
      `Tillkännagivandet kan inte anslås (${e.anslagOn}) före justeringen (${c.justeradOn}).`,
    );
  }
  const lastDay = appealLastDay(e.anslagOn).date;
  if (e.takenDownOn && compareDates(e.takenDownOn, lastDay) < 0) {
    return refusal(
      'ANSLAG_TAKEN_DOWN_TOO_EARLY',
      'R-I4',
      `The anslag stays up until the appeal period has run out (${lastDay}); it cannot be taken down on ${e.takenDownOn}.`,
      `Anslaget sitter uppe tills överklagandetiden har gått ut (${lastDay}); det kan inte tas ned ${e.takenDownOn}.`,
      { appealLastDay: lastDay },
    );
  }
  return null;
}

/** R-I4: the day the anslag comes down: as recorded, else the appeal period's last day (it stays up until then). */
export function anslagTakenDownOn(c: Pick<ProtocolContext, 'takenDownOn' | 'appealLastDay'>): string | undefined {
  return c.takenDownOn ?? c.appealLastDay;
}

/** R-I4, R-L7: anslag no later than the second day after justering, moved to the next vardag; later is flagged (D8). */
export function anslagWarnings(c: ProtocolContext, anslagOn: string): RuleWarning[] {
  const deadline = anslagDeadline(c.justeradOn!);
  if (compareDates(anslagOn, deadline.date) <= 0) return [];
  const basis = deadlineBasis(deadline, 'justering + 2 days', 'justering + 2 dagar');
  return [
    {
      code: 'ANSLAG_LATE',
      ruleId: 'R-I4',
      message: `Anslaget ${anslagOn}, after the deadline ${deadline.date} (${basis.en}).`,
      messageSv: `Anslaget ${anslagOn}, efter sista dag ${deadline.date} (${basis.sv}).`,
      details: { deadline: deadline.date },
    },
  ];
}

/** R-I6, R-I7 (D9): the appeal period's last day and the day the decision is final if no appeal arrived. */
export function appealDates(anslagOn: string): { appealLastDay: string; finalFrom: string } {
  return { appealLastDay: appealLastDay(anslagOn).date, finalFrom: finalFrom(anslagOn) };
}

export function checkAppealPeriodEnded(c: ProtocolContext, e: Ev<'APPEAL_PERIOD_ENDED'>): Refusal | null {
  if (!c.finalFrom || compareDates(e.on, c.finalFrom) < 0) {
    return appealPeriodRunning(c);
  }
  return null;
}

function appealPeriodRunning(c: ProtocolContext): Refusal {
  return refusal(
    'APPEAL_PERIOD_RUNNING',
    'R-I7',
    `The appeal period runs to ${c.appealLastDay} inclusive; the decision cannot be final before ${c.finalFrom}.`,
    `Överklagandetiden löper till och med ${c.appealLastDay}; beslutet kan inte vinna laga kraft före ${c.finalFrom}.`,
    { appealLastDay: c.appealLastDay, finalFrom: c.finalFrom },
  );
}

/** R-I5: an appeal must reach the court within three weeks of the anslag (the last day moved past holidays). */
export function checkAppeal(c: ProtocolContext, e: Ev<'APPEAL_RECEIVED'>): Refusal | null {
  if (c.appealLastDay && compareDates(e.receivedOn, c.appealLastDay) > 0) {
    return refusal(
      'APPEAL_TOO_LATE',
      'R-I5',
      `The appeal arrived on ${e.receivedOn}, after the last day ${c.appealLastDay}; it does not stop the decision from becoming final.`,
      `Överklagandet kom in ${e.receivedOn}, efter sista dag ${c.appealLastDay}; det hindrar inte att beslutet vinner laga kraft.`,
      { appealLastDay: c.appealLastDay },
    );
  }
  return null;
}

/**
 * R-I7: while the decision is anslaget the appeal period is still running (the engine moves it to presumedFinal on
 * finalFrom), so "no appeal arrived" cannot be recorded yet, whatever date it claims.
 */
export function refuseWhileAppealPeriodRuns(c: ProtocolContext): Refusal {
  return appealPeriodRunning(c);
}

/**
 * R-I5, R-I7: after "no appeal arrived" was confirmed, an appeal that reached the court in time may still become
 * known (the confirmation was then wrong); after the court's judgment, the decision is final and nothing reopens it.
 */
export function checkLateKnownAppeal(c: ProtocolContext, e: Ev<'APPEAL_RECEIVED'>): Refusal | null {
  if (c.appeal) {
    return refusal(
      'APPEAL_ALREADY_JUDGED',
      'R-I7',
      `The court has judged the appeal received ${c.appeal.receivedOn}; the decision is final.`,
      `Domstolen har prövat överklagandet som kom in ${c.appeal.receivedOn}; beslutet har vunnit laga kraft.`,
      { appeal: c.appeal },
    );
  }
  return checkAppeal(c, e);
}

/** R-I7: "no appeal arrived" can be recorded only once the period is over. */
export function checkNoAppeal(c: ProtocolContext, e: Ev<'NO_APPEAL_CONFIRMED'>): Refusal | null {
  if (!c.finalFrom || compareDates(e.confirmedOn, c.finalFrom) < 0) return appealPeriodRunning(c);
  return null;
}

export function checkAppealDecided(c: ProtocolContext, e: Ev<'APPEAL_DECIDED'>): Refusal | null {
  if (c.appeal && compareDates(e.decidedOn, c.appeal.receivedOn) < 0) {
    return refusal(
      'JUDGMENT_BEFORE_APPEAL',
      'R-I5',
      'The court cannot have decided before the appeal arrived.',
      'Domstolen kan inte ha avgjort målet innan överklagandet kom in.',
    );
  }
  return null;
}

/**
 * R-H2..R-H15 on an amended draft: the amended paragraph is checked against its meeting like a new one, and a
 * motivation that arrived after the time set for justering is refused here (at recording it becomes a warning).
 */
export function checkAmendedDraft(c: ProtocolContext, e: Ev<'PARAGRAPH_AMENDED'>): Refusal | null {
  return checkParagraph(c.meeting, e.paragraph) ?? withoutLateMotivations(c.meeting, e.paragraph).warnings[0] ?? null;
}

/** A justerat paragraph is never edited (R-K9): a correction is a new event that refers to it. */
export function checkAmendment(c: ProtocolContext): Refusal | null {
  if (c.justeradOn) {
    return refusal(
      'PARAGRAPH_JUSTERAD',
      'R-K9',
      'This paragraph is justerad and is never edited; record a correction instead (CORRECTION_RECORDED).',
      'Paragrafen är justerad och ändras aldrig; registrera en rättelse i stället (CORRECTION_RECORDED).',
    );
  }
  return null;
}

export function checkCorrection(c: ProtocolContext, e: Ev<'CORRECTION_RECORDED'>): Refusal | null {
  if (c.justeradOn && compareDates(e.correctedOn, c.justeradOn) < 0) {
    return refusal(
      'CORRECTION_BEFORE_JUSTERING',
      'R-K9',
      'A correction of a justerat paragraph is dated on or after its justering.',
      'En rättelse av en justerad paragraf dateras tidigast på justeringsdagen.',
    );
  }
  return null;
}

/**
 * R-H14: the motivation belongs to a reservation and arrives before the time set for justering (or, if none was
 * set, no later than the justering day). A late motivation is refused; the reservation stands. It may be recorded
 * after the fact: it is an event attached to the paragraph, never an edit of it.
 */
export function checkMotivation(c: ProtocolContext, e: Ev<'RESERVATION_MOTIVATION_SUBMITTED'>): Refusal | null {
  const reservation = c.paragraph.reservations.find((r) => r.members.some((m) => m.name === e.member));
  if (!reservation) {
    return refusal(
      'NO_SUCH_RESERVATION',
      'R-H14',
      `${e.member} has not entered a reservation against this decision.`,
      `${e.member} har inte reserverat sig mot detta beslut.`,
    );
  }
  const late = checkMotivationTime(c.meeting.justeringAt, e.submittedAt, e.member);
  if (late) return late;
  if (!c.meeting.justeringAt && c.justeradOn && compareDates(toStockholmDate(e.submittedAt), c.justeradOn) > 0) {
    return refusal(
      'MOTIVATION_TOO_LATE',
      'R-H14',
      `The written motivation of ${e.member} arrived after the justering (${c.justeradOn}); the motivation is refused, the reservation stands.`,
      `Den skriftliga motiveringen från ${e.member} kom in efter justeringen (${c.justeradOn}); motiveringen avvisas, reservationen står kvar.`,
      { justeradOn: c.justeradOn, submittedAt: e.submittedAt },
    );
  }
  return null;
}

/** R-I7, R-C11: the court annulled (upphävde) the decision; nothing of it stands. */
export function isAnnulled(state: string): boolean {
  return state === 'annulled';
}

/** The cause key under which a decision's effects on other workflows are linked (D10, R-C11). */
export function decisionCauseKey(decisionId: string): string {
  return `decision:${decisionId}`;
}

/** What a user sees as the status of the decision. */
export function protocolStatusOf(state: string): string {
  return (
    (
      {
        draft: 'DRAFT',
        justerat: 'JUSTERAT',
        anslaget: 'ANSLAGET',
        presumedFinal: 'PRESUMED_FINAL',
        appealed: 'APPEALED',
        final: 'FINAL',
        annulled: 'ANNULLED',
        // Version 2 (R-I15): justerat and anslaget, with no appeal clock.
        unappealable: 'NOT_APPEALABLE',
      } as Record<string, string>
    )[state] ?? state.toUpperCase()
  );
}

export function protocolLegalDate(e: ProtocolEvent): string | null {
  switch (e.type) {
    case 'JUSTERAT':
      return e.justeradOn;
    case 'ANSLAG_POSTED':
      return e.anslagOn;
    case 'APPEAL_PERIOD_ENDED':
      return e.on;
    case 'APPEAL_RECEIVED':
      return e.receivedOn;
    case 'NO_APPEAL_CONFIRMED':
      return e.confirmedOn;
    case 'APPEAL_DECIDED':
      return e.decidedOn;
    case 'CORRECTION_RECORDED':
      return e.correctedOn;
    case 'RESERVATION_MOTIVATION_SUBMITTED':
      return toStockholmDate(e.submittedAt);
    default:
      return null;
  }
}
