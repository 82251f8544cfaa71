/**
 * The official notice board (anslagstavla, KL 8 kap. 9 §): what is on it on a given day. Pure functions over the dates
 * the protocol machine recorded (anslagOn, appealLastDay: R-I4, R-I6), so a notice goes up and comes down by itself
 * as the days pass; nothing is deleted, the archive holds what came down.
 */
import { compareDates } from '../calendar/calendar';

/** The dates of one tillkännagivande, as the protocol machine holds them (ANSLAG_POSTED, appealDates). */
export interface NoticeDates {
  anslagOn: string;
  appealLastDay: string;
}

/**
 * R-I4: the tillkännagivande is up from the day of its anslag through the appeal period's last day (R-I6, the last
 * day already moved past holidays), and down from the day after, without anyone taking it down.
 */
export function noticeIsUp(notice: NoticeDates, today: string): boolean {
  return compareDates(notice.anslagOn, today) <= 0 && compareDates(today, notice.appealLastDay) <= 0;
}

/**
 * The kungörelse of a fullmäktige meeting (KL 5 kap., posted ahead of the meeting; § unverified, RULEBOOK glossary
 * "kungörelse") is shown until the meeting's day has passed.
 */
export function meetingNoticeIsUp(meetingDate: string, today: string): boolean {
  return compareDates(today, meetingDate) <= 0;
}
