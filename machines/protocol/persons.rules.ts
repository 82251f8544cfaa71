/**
 * Where a protocol names persons (issue 10 §9): the attendees of the meeting, and in a paragraph the proposers,
 * voters, who asked for a vote, who does not take part, the jäviga, the reserving members and the authors of protokollsanteckningar; in its
 * events the justerare, the signing chair and a motivation's member. One map over all of them, so that the service commits to each
 * name (machines/kernel/personal-data.ts) and the reads show it back without a list of their own.
 */
import type { Attendee, DecisionMethod, DecisionParagraph, Person } from './decision.types';
import type { ProtocolEvent } from './protocol.types';

export type NameMap = (name: string) => string;

const person = <P extends Person>(p: P, f: NameMap): P => ({ ...p, name: f(p.name) });
const each = <T>(list: T[] | undefined, g: (t: T) => T): T[] | undefined => list?.map(g);

export function mapAttendees(attendees: Attendee[], f: NameMap): Attendee[] {
  return attendees.map((a) => person(a, f));
}

/** A vote's persons: the voters and who asked for the vote (the paragraph's method, a formal question's, R-H8's). */
function mapMethod<M extends Pick<DecisionMethod, 'votes' | 'voteRequestedBy'>>(m: M, f: NameMap): M {
  const method = { ...m };
  if (method.votes) method.votes = method.votes.map((v) => ({ ...v, member: f(v.member) }));
  if (method.voteRequestedBy) method.voteRequestedBy = f(method.voteRequestedBy);
  return method;
}

export function mapParagraphPersons(p: DecisionParagraph, f: NameMap): DecisionParagraph {
  const out: DecisionParagraph = {
    ...p,
    proposals: each(p.proposals, (x) => ({ ...x, by: each(x.by, (b) => person(b, f))! }))!,
    jav: each(p.jav, (j) => ({ ...j, member: f(j.member) }))!,
    reservations: each(p.reservations, (r) => ({ ...r, members: each(r.members, (m) => person(m, f))! }))!,
    protokollsanteckningar: each(p.protokollsanteckningar, (a) => ({ ...a, member: person(a.member, f) }))!,
  };
  if (p.method) out.method = mapMethod(p.method, f);
  // Issue 11: who serves and for whom (R-H20), the formal questions' movers, supporters and votes (R-H6, R-H16), the
  // kontrapropositionsvotering (R-H8): the same markers as the attendance, so every guard compares like with like.
  if (p.tjanstgoring)
    out.tjanstgoring = p.tjanstgoring.map((t) => ({
      ...t,
      member: f(t.member),
      ...(t.servesFor !== undefined ? { servesFor: f(t.servesFor) } : {}),
    }));
  if (p.formalQuestions)
    out.formalQuestions = p.formalQuestions.map((q) => ({
      ...q,
      movedBy: q.movedBy.map((b) => person(b, f)),
      ...(q.supporters ? { supporters: q.supporters.map(f) } : {}),
      ...(q.method ? { method: mapMethod(q.method, f) } : {}),
    }));
  if (p.kontraproposition)
    out.kontraproposition = { ...p.kontraproposition, method: mapMethod(p.kontraproposition.method, f) };
  // R-H12: who announced not taking part in the decision
  if (p.notParticipating) out.notParticipating = p.notParticipating.map((n) => ({ ...n, member: f(n.member) }));
  return out;
}

export function mapEventPersons(e: ProtocolEvent, f: NameMap): ProtocolEvent {
  switch (e.type) {
    case 'PARAGRAPH_AMENDED':
      return { ...e, paragraph: mapParagraphPersons(e.paragraph, f) };
    case 'JUSTERAT':
      return { ...e, justerare: e.justerare.map(f), ...(e.chair !== undefined ? { chair: f(e.chair) } : {}) };
    case 'RESERVATION_MOTIVATION_SUBMITTED':
      return { ...e, member: f(e.member) };
    default:
      return e;
  }
}

/** The names a value of one of these shapes holds (to commit to them in one go before mapping). */
export function namesIn(apply: (f: NameMap) => unknown): string[] {
  const names = new Set<string>();
  apply((n) => (names.add(n), n));
  return [...names];
}

/**
 * R-K9: whether a paragraph's persons may be removed: only once its protocol has settled (final or annulled). Until
 * then an amendment, a justering or a motivation may name a person again, and a live guard would have to match the
 * new name against the removed one.
 */
export function personsSettled(state: string): boolean {
  return state === 'final' || state === 'annulled';
}
