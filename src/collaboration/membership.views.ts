import { offeredEntryEvents } from '../../machines/membership/entry.rules';
import { exitNoticeGaps, type ExitNoticeGap } from '../../machines/membership/exit-notice.rules';
import {
  councilInformedOn,
  currentPeriod,
  currentWarnings,
  requestStands,
  statusOn,
} from '../../machines/membership/membership.rules';
import type {
  ExitNoticeFacts,
  MembershipContext,
  MembershipSettings,
  MembershipStatus,
} from '../../machines/membership/membership.types';
import { compareDates } from '../../machines/calendar/local-dates';
import type { MunicipalityView } from '../municipality/municipality.service';
import type { ExampleView } from '../common/example-view';
import type { InstanceView } from '../workflow/workflow.types';

export interface MembershipView {
  collaboration: string;
  municipality: { code: string; name: string };
  asOf: string;
  status: MembershipStatus;
  state: string;
  version: number;
  memberFrom?: string;
  exitRequestedOn?: string;
  exitEffectiveOn?: string;
  pendingEntry?: { decisionOn?: string; signedOn?: string };
  councilInformedOn?: string;
  /** The notice of the exit request that stands (R-C5, R-C12): what it records, and what it has not. */
  exitNotice?: ExitNoticeView;
  warnings: unknown[];
  allowedEvents: string[];
  workflowId: string;
  /** The collaboration's example mark (demo data), "EXEMPEL – fiktiva uppgifter"; null for a real one. */
  example: ExampleView | null;
}

/** What the log records of an exit notice (issue 11 §7): arrival, sender, recipient, channel, registrations. */
export interface ExitNoticeView extends ExitNoticeFacts {
  arrivedAt: string;
  noticeOn: string;
  registrations: NonNullable<ExitNoticeFacts['registrations']>;
  /** R-C12: the facts this notice has not recorded (a notice of before issue 11, or a client that left them out). */
  notRecorded: ExitNoticeGap[];
}

/** The notice of the exit request that stands on `asOf` (none when it arrived after `asOf`). */
export function exitNoticeView(context: MembershipContext, asOf: string): ExitNoticeView | undefined {
  const request = currentPeriod(context)?.exitRequests.filter(requestStands).pop();
  if (!request?.noticeOn || !request.noticeArrivedAt || compareDates(request.noticeOn, asOf) > 0) return undefined;
  const notice = request.notice ?? {};
  const view: ExitNoticeView = {
    arrivedAt: request.noticeArrivedAt,
    noticeOn: request.noticeOn,
    registrations: notice.registrations ?? [],
    notRecorded: exitNoticeGaps(context.municipality, notice),
  };
  if (notice.sender) view.sender = notice.sender;
  if (notice.recipient) view.recipient = notice.recipient;
  if (notice.channel) view.channel = notice.channel;
  return view;
}

/** A membership as the API shows it: the status on `asOf` and what the workflow allows next. */
export function membershipView(
  slug: string,
  municipality: MunicipalityView,
  instance: InstanceView,
  asOf: string,
  example: ExampleView | null = null,
  settings?: MembershipSettings,
): MembershipView {
  const context = instance.context as MembershipContext;
  const status = statusOn(context, asOf);
  const view: MembershipView = {
    collaboration: slug,
    municipality: { code: municipality.code, name: municipality.name },
    asOf,
    status: status.status,
    state: instance.state,
    version: instance.version,
    warnings: currentWarnings(context),
    allowedEvents: offeredEntryEvents(instance.allowedEvents, settings),
    workflowId: instance.id,
    example,
  };
  if (status.memberFrom) view.memberFrom = status.memberFrom;
  if (status.exitRequestedOn) view.exitRequestedOn = status.exitRequestedOn;
  if (status.exitEffectiveOn) view.exitEffectiveOn = status.exitEffectiveOn;
  // An answer for `asOf` shows no fact dated after it (issue 10 §6): a later decision, signature or council
  // information is not yet known on that date, even though the head already holds it.
  const known = (d: string | undefined) => (d && compareDates(d, asOf) <= 0 ? d : undefined);
  const decisionOn = known(context.pendingEntry.decision?.date);
  const signedOn = known(context.pendingEntry.signature?.signedOn);
  if (decisionOn || signedOn) view.pendingEntry = { decisionOn, signedOn };
  const informed = known(councilInformedOn(context));
  if (informed) view.councilInformedOn = informed;
  const notice = exitNoticeView(context, asOf);
  if (notice) view.exitNotice = notice;
  return view;
}
