import { offeredEntryEvents } from '../../machines/membership/entry.rules';
import { councilInformedOn, currentWarnings, statusOn } from '../../machines/membership/membership.rules';
import type {
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
  warnings: unknown[];
  allowedEvents: string[];
  workflowId: string;
  /** The collaboration's example mark (demo data), "EXEMPEL – fiktiva uppgifter"; null for a real one. */
  example: ExampleView | null;
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
  return view;
}
