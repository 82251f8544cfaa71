import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  NoticeChannel,
} from '../../machines/membership/membership.types';
import { compareDates } from '../../machines/calendar/local-dates';
import type { MunicipalityView } from '../municipality/municipality.service';
import { ExampleView } from '../common/example-view';
import { RuleWarningView } from '../common/rule-warning.view';
import { TransitionView, type InstanceView } from '../workflow/workflow.types';
import { NoticeRecipientDto, NoticeRegistrationDto, NoticeSenderDto } from './dto/membership-event.dto';

/** The party a membership is of. */
export class MembershipMunicipalityView {
  @ApiProperty({ example: '1492' }) code: string;
  @ApiProperty({ example: 'Åmål' }) name: string;
}

/** The entry under way: the decision's and the signature's dates, as far as they are known on asOf. */
export class PendingEntryView {
  @ApiPropertyOptional({ example: '2023-11-29' }) decisionOn?: string;
  @ApiPropertyOptional({ example: '2023-12-08' }) signedOn?: string;
}

/** What the log records of an exit notice (issue 11 §7): arrival, sender, recipient, channel, registrations. */
export class ExitNoticeView implements ExitNoticeFacts {
  @ApiProperty({ example: '2025-03-20T09:15:00+01:00', description: 'The instant the notice arrived, as recorded' })
  arrivedAt: string;
  @ApiProperty({ example: '2025-03-20', description: 'The Stockholm date of the arrival' }) noticeOn: string;
  @ApiPropertyOptional({ type: NoticeSenderDto }) sender?: NoticeSenderDto;
  @ApiPropertyOptional({ type: NoticeRecipientDto }) recipient?: NoticeRecipientDto;
  @ApiPropertyOptional({ enum: ['EMAIL', 'LETTER', 'E_SIGNATURE', 'HANDED_OVER', 'OTHER'] }) channel?: NoticeChannel;
  @ApiProperty({ type: [NoticeRegistrationDto] }) registrations: NoticeRegistrationDto[];
  /** R-C12: the facts this notice has not recorded (a notice of before issue 11, or a client that left them out). */
  @ApiProperty({
    enum: ['sender', 'recipient', 'channel', 'sendingRegistration', 'receivingRegistration'],
    isArray: true,
    description: 'R-C12: the facts this notice has not recorded',
  })
  notRecorded: ExitNoticeGap[];
}

export class MembershipView {
  @ApiProperty({ example: 'dalslandssamverkan' }) collaboration: string;
  @ApiProperty({ type: MembershipMunicipalityView }) municipality: MembershipMunicipalityView;
  @ApiProperty({ example: '2026-12-31' }) asOf: string;
  @ApiProperty({ enum: ['NOT_MEMBER', 'SIGNED_NOT_IN_FORCE', 'ACTIVE', 'LEAVING', 'EXITED'], description: 'On asOf' })
  status: MembershipStatus;
  @ApiProperty() state: string;
  @ApiProperty() version: number;
  @ApiPropertyOptional() memberFrom?: string;
  @ApiPropertyOptional() exitRequestedOn?: string;
  @ApiPropertyOptional() exitEffectiveOn?: string;
  @ApiPropertyOptional({ type: PendingEntryView }) pendingEntry?: PendingEntryView;
  @ApiPropertyOptional() councilInformedOn?: string;
  /** The notice of the exit request that stands (R-C5, R-C12): what it records, and what it has not. */
  @ApiPropertyOptional({ type: ExitNoticeView }) exitNotice?: ExitNoticeView;
  @ApiProperty({ type: [RuleWarningView] }) warnings: RuleWarningView[];
  @ApiProperty({ type: [String] }) allowedEvents: string[];
  @ApiProperty() workflowId: string;
  /** The collaboration's example mark (demo data), "EXEMPEL – fiktiva uppgifter"; null for a real one. */
  @ApiProperty({ type: ExampleView, nullable: true, description: 'The example mark (demo data); null for real data' })
  example: ExampleView | null;
}

/** POST …/memberships/{code}/events: the membership after the event, and the log row. */
export class MembershipRecordedView extends MembershipView {
  @ApiProperty({ type: TransitionView, description: 'The log row' }) transition: TransitionView;
  @ApiProperty({ description: 'True when an Idempotency-Key retry returned the first result' }) replayed: boolean;
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
