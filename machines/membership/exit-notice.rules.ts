/**
 * What the log records of an exit notice besides its arrival (issue 11 §7; SEED-AF §13 and §8; RULEBOOK R-C5, R-C6,
 * R-K2, R-K5, R-K6; new id R-C12): who sent it, to whom, how it arrived, and its diarienummer in the sending and in the
 * receiving municipality. Pure functions: each check returns null or the Refusal that names its rule.
 *
 * Every fact is optional in the event (a notice recorded before issue 11 replays as it was, and the arrival alone is
 * what the request date needs, R-C5); a fact that is given is judged here, and what a notice has not recorded is
 * shown beside it (`exitNoticeGaps`).
 */
import { refusal, type Refusal } from '../kernel/refusal';
import { compareDates } from '../calendar/local-dates';
import type { ExitNoticeFacts, LocalDate, NoticeChannel, NoticeRecipientOffice } from './membership.types';

/** The channels a notice may arrive by, with their Swedish and English names (the view and the pages show them). */
export const NOTICE_CHANNELS: Record<NoticeChannel, { sv: string; en: string }> = {
  EMAIL: { sv: 'e-post', en: 'e-mail' },
  LETTER: { sv: 'brev', en: 'letter' },
  E_SIGNATURE: { sv: 'e-underskrift', en: 'e-signature' },
  HANDED_OVER: { sv: 'överlämnat personligen', en: 'handed over' },
  OTHER: { sv: 'annat sätt', en: 'other' },
};

export const NOTICE_RECIPIENT_OFFICES: Record<NoticeRecipientOffice, { sv: string; en: string }> = {
  COUNCIL_CHAIR: { sv: 'Samverkansrådets ordförande', en: 'the chair of the council (Samverkansrådet)' },
  COORDINATOR: { sv: 'samverkanssamordnaren', en: 'the coordinator (samverkanssamordnare)' },
  OTHER: { sv: 'annan mottagare', en: 'another recipient' },
};

/** R-C6 (with D12 by analogy): the exiting municipality's KSO sends the notice, or a stand-in with its legal basis. */
export function checkNoticeSender(facts: ExitNoticeFacts): Refusal | null {
  const sender = facts.sender;
  if (!sender || sender.office === 'KSO' || sender.standIn?.legalBasis?.trim()) return null;
  return refusal(
    'WRONG_NOTICE_SENDER',
    'R-C6',
    `An exit notice is sent by the chair of the executive board (KSO) of the leaving municipality (SEED-AF §13); ${sender.name} sent it as ${sender.office}. A stand-in needs a recorded legal basis (D12).`,
    `Meddelandet om utträde lämnas av kommunstyrelsens ordförande (KSO) i den kommun som begär utträde (avsiktsförklaringen §13); ${sender.name} har lämnat det som ${sender.office}. En ersättare kräver ett registrerat rättsligt stöd (D12).`,
    { field: 'sender.office', office: sender.office },
  );
}

/**
 * R-C5, R-C6: the notice is addressed to the council's chair, and the request date is its arrival there. A notice
 * that reached someone else (the coordinator) is recorded when it reaches the chair, with the chair as recipient.
 */
export function checkNoticeRecipient(facts: ExitNoticeFacts): Refusal | null {
  const recipient = facts.recipient;
  if (!recipient || recipient.office === 'COUNCIL_CHAIR') return null;
  const office = NOTICE_RECIPIENT_OFFICES[recipient.office];
  return refusal(
    'WRONG_NOTICE_RECIPIENT',
    'R-C6',
    `An exit notice is given to the chair of the council (SEED-AF §13), and the request date is the day it arrives there (R-C5); ${recipient.name} received it as ${office?.en ?? recipient.office}. Record the notice when it reaches the chair.`,
    `Meddelandet om utträde lämnas till Samverkansrådets ordförande (avsiktsförklaringen §13), och begärandedatumet är den dag det kommer in dit (R-C5); ${recipient.name} har tagit emot det som ${office?.sv ?? recipient.office}. Registrera meddelandet när det har kommit in till ordföranden.`,
    { field: 'recipient.office', office: recipient.office },
  );
}

/**
 * R-K5, R-K6, R-K2: the notice is registered in the sending municipality's diarium and in the receiving one's (the
 * chair's municipality), each under its own number; one number per municipality; the receiving municipality registers
 * an inkommen handling, so not before it arrived.
 */
export function checkNoticeRegistrations(sending: string, facts: ExitNoticeFacts, noticeOn: LocalDate): Refusal | null {
  const receiving = facts.recipient?.municipality;
  const seen = new Set<string>();
  for (const [i, r] of (facts.registrations ?? []).entries()) {
    if (r.municipality !== sending && r.municipality !== receiving) {
      return refusal(
        'REGISTRATION_OTHER_MUNICIPALITY',
        'R-K5',
        `The notice is registered in the diarium of the sending municipality (${sending})${receiving ? ` and of the receiving one (${receiving})` : ''}; a registration in ${r.municipality} is not one of them${receiving ? '' : ' (name the recipient\u2019s municipality to record the receiving one)'}.`,
        `Meddelandet diarieförs i den sändande kommunens diarium (${sending})${receiving ? ` och i den mottagande kommunens (${receiving})` : ''}; en registrering i ${r.municipality} är ingen av dem${receiving ? '' : ' (ange mottagarens kommun för att registrera den mottagande)'}.`,
        { field: `registrations.${i}.municipality`, municipality: r.municipality, sending, receiving },
      );
    }
    if (seen.has(r.municipality)) {
      return refusal(
        'DUPLICATE_REGISTRATION',
        'R-K6',
        `The notice has one diarienummer in each municipality's diarium; ${r.municipality} is given twice.`,
        `Meddelandet har ett diarienummer i varje kommuns diarium; ${r.municipality} anges två gånger.`,
        { field: `registrations.${i}.municipality`, municipality: r.municipality },
      );
    }
    seen.add(r.municipality);
    const received = r.municipality === receiving && receiving !== sending;
    if (received && r.registeredOn && compareDates(r.registeredOn, noticeOn) < 0) {
      return refusal(
        'REGISTERED_BEFORE_ARRIVAL',
        'R-K2',
        `The receiving municipality (${r.municipality}) registers the notice when it has arrived (${noticeOn}); ${r.registeredOn} is before that.`,
        `Den mottagande kommunen (${r.municipality}) diarieför meddelandet när det har kommit in (${noticeOn}); ${r.registeredOn} är före det.`,
        { field: `registrations.${i}.registeredOn`, registeredOn: r.registeredOn, noticeOn },
      );
    }
  }
  return null;
}

/** R-C12: sender, recipient and registrations, as far as the notice records them. */
export function checkExitNoticeFacts(sending: string, facts: ExitNoticeFacts, noticeOn: LocalDate): Refusal | null {
  return checkNoticeSender(facts) ?? checkNoticeRecipient(facts) ?? checkNoticeRegistrations(sending, facts, noticeOn);
}

/** The facts of the event that the notice records (none: nothing is added, so an old notice replays unchanged). */
export function exitNoticeFactsOf(event: ExitNoticeFacts): ExitNoticeFacts | undefined {
  const facts: ExitNoticeFacts = {};
  if (event.sender) facts.sender = event.sender;
  if (event.recipient) facts.recipient = event.recipient;
  if (event.channel) facts.channel = event.channel;
  if (event.registrations?.length) facts.registrations = event.registrations;
  return Object.keys(facts).length ? facts : undefined;
}

export type ExitNoticeGap = 'sender' | 'recipient' | 'channel' | 'sendingRegistration' | 'receivingRegistration';

/**
 * R-C12: what a delivered notice has not recorded (the view shows it, so a clerk sees an incomplete record). The
 * receiving registration is missing only where the recipient's municipality is known and differs from the sender's.
 */
export function exitNoticeGaps(sending: string, facts: ExitNoticeFacts | undefined): ExitNoticeGap[] {
  const f = facts ?? {};
  const registered = new Set((f.registrations ?? []).map((r) => r.municipality));
  const gaps: ExitNoticeGap[] = [];
  if (!f.sender) gaps.push('sender');
  if (!f.recipient) gaps.push('recipient');
  if (!f.channel) gaps.push('channel');
  if (!registered.has(sending)) gaps.push('sendingRegistration');
  const receiving = f.recipient?.municipality;
  if (receiving && receiving !== sending && !registered.has(receiving)) gaps.push('receivingRegistration');
  return gaps;
}
