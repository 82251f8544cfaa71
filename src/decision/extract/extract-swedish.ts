/**
 * The fixed Swedish wording of the protocol extract: the protocol phrases, the section headings, the status in words,
 * and how names, lists, genitives, municipalities and § numbers are written. Kept apart from the sections
 * (extract-sections.ts) so that the phrasing can be read, and checked against real protocols, in one place.
 */
import type { Attendee, DecisionParagraph, DecisionSubject, Person } from '../../../machines/protocol/decision.types';
import { EXAMPLE_LABEL } from '../../../machines/kernel/example-mark';
import type { DecisionView } from '../decision.views';
import type { SectionKey } from './extract-model';
import { genitiveSv } from '../../../machines/kernel/swedish-genitive';

export const DRAFT_BANNER = 'UTKAST – ej justerat';
export const CERTIFICATION = 'Protokollsutdrag – rätt utdraget intygar';
/** Example (demo) data: the mark at the top, and what stands where a real extract is certified (never certified). */
export const EXAMPLE_BANNER = `${EXAMPLE_LABEL.sv} / ${EXAMPLE_LABEL.en}`;
export const EXAMPLE_CERTIFICATION = `${EXAMPLE_LABEL.sv}: utdraget är inte bestyrkt. Det visar exempeldata, inte ett verkligt protokoll.`;
export const EXAMPLE_FOOTER_NOTE = `${EXAMPLE_LABEL.en}: this extract is not certified; it shows example data, not a real protocol.`;

export const SECTION_HEADINGS: Record<SectionKey, string> = {
  sammanfattning: 'Sammanfattning av ärendet',
  beslutsunderlag: 'Beslutsunderlag',
  forslag: 'Förslag till beslut på sammanträdet',
  jav: 'Jäv',
  beslutsgang: 'Beslutsgång',
  beslut: 'Beslut',
  tjanstgoring: 'Tjänstgörande i paragrafen',
  fortsattning: 'Ärendets fortsättning',
  reservationer: 'Reservationer',
  protokollsanteckningar: 'Protokollsanteckningar',
  skickas: 'Beslutet skickas till',
  justering: 'Justering och anslag',
  rattelser: 'Rättelser',
  exempel: 'Om exemplet (fiktiva uppgifter)',
  sekretess: 'Sekretess',
  offentlighet: 'Offentlighet',
};

export const ORGAN_NAMES: Record<string, string> = {
  KF: 'Kommunfullmäktige',
  KS: 'Kommunstyrelsen',
  NAMND: 'Nämnden',
  UTSKOTT: 'Utskottet',
};

export const SUBJECTS: Record<string, string> = {
  DECLARATION_ADOPTION: 'Antagande av avsiktsförklaring',
  EXIT_REQUEST: 'Begäran om utträde',
  EXIT_WITHDRAWAL: 'Återkallelse av begäran om utträde',
  AMENDMENT_APPROVAL: 'Godkännande av ändringar och tillägg',
  AREA_PARTICIPATION: 'Deltagande i samverkansområde',
  OTHER: 'Beslut',
} satisfies Record<DecisionSubject, string>;

/** The status in words (R-I7, R-K10). */
export function statusText(view: DecisionView): string {
  const court = courtRef;
  switch (view.status) {
    case 'DRAFT':
      return DRAFT_BANNER;
    case 'JUSTERAT':
      return 'Justerat, ännu inte anslaget';
    case 'ANSLAGET':
      return view.appealLastDay
        ? `Anslaget; överklagandetiden löper till och med ${view.appealLastDay}`
        : 'Anslaget; överklagandetiden löper';
    case 'PRESUMED_FINAL':
      return 'Överklagandetiden har gått ut; att inget överklagande har kommit in är ännu inte bekräftat';
    case 'APPEALED':
      return view.appeal
        ? `Överklagat; överklagandet kom in ${view.appeal.receivedOn}${court(view.appeal)}`
        : 'Överklagat';
    case 'FINAL': {
      const on = view.outcome?.on ?? view.finalFrom;
      return `Vunnit laga kraft${on ? ` ${on}` : ''}${view.appeal ? ` (överklagandet avslaget${court(view.outcome)})` : ''}`;
    }
    case 'ANNULLED':
      return `Upphävt${view.outcome?.on ? ` ${view.outcome.on}` : ''}${court(view.outcome)}`;
    case 'RECORDED':
      return 'Registrerat beslut utan protokollsförlopp i systemet';
    default:
      return view.status;
  }
}

/** " av <court>, mål nr <number>" after a date, for whatever of the two is known; "" when neither is. */
export function courtRef(o: { court?: string; caseNumber?: string } | undefined): string {
  return `${o?.court ? ` av ${o.court}` : ''}${o?.caseNumber ? `, mål nr ${o.caseNumber}` : ''}`;
}

// ---- names ------------------------------------------------------------------------------------------------------

export class People {
  readonly chair: Attendee | undefined;
  constructor(private readonly attendees: Attendee[]) {
    this.chair = attendees.find((a) => a.chair);
  }

  /** "Daniel Jensen (KD)"; the party from the attendee list when the person does not carry it. */
  label(p: Person): string {
    const party = p.party ?? this.attendees.find((a) => a.name === p.name)?.party;
    return party ? `${p.name} (${party})` : p.name;
  }

  list(people: Person[]): string {
    return joinSv(people.map((x) => this.label(x)));
  }

  /** "Ordföranden Daniel Jensen (KD)" for the chair's proposal. */
  proposers(by: Person[]): string {
    return joinSv(
      by.map((x, i) =>
        this.chair && x.name === this.chair.name
          ? `${i === 0 ? 'Ordföranden' : 'ordföranden'} ${this.label(x)}`
          : this.label(x),
      ),
    );
  }

  /** A row of the omröstningslista. */
  voter(name: string): string {
    const a = this.attendees.find((x) => x.name === name);
    const roles = [
      a?.chair ? 'ordförande' : '',
      a?.role === 'TJANSTGORANDE_ERSATTARE' ? 'tjänstgörande ersättare' : '',
    ].filter(Boolean);
    return `${this.label({ name })}${roles.length ? `, ${roles.join(', ')}` : ''}`;
  }
}

/** "Daniel Jensens förslag", "Marianne Sand Wallin och Sara Kanyindas förslag" (group genitive). */
export function proposalRef(p: DecisionParagraph, id: string): string {
  const proposal = p.proposals.find((x) => x.id === id);
  if (!proposal || !proposal.by.length) return `förslag ${id}`;
  return `${genitive(joinSv(proposal.by.map((x) => x.name)))} förslag`;
}

/** "a", "a och b", "a, b och c". */
export function joinSv(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/** The Swedish genitive (src/common/swedish-genitive.ts: "1492:s", "Bengtsfors", "Melleruds"). */
export const genitive = genitiveSv;

/** "Mellerud" → "Melleruds kommun", "Bengtsfors" → "Bengtsfors kommun", "Arboga" → "Arboga kommun". */
export function municipalityName(name: string): string {
  const n = name.trim();
  if (/\b(kommun|stad|region)$/i.test(n)) return n;
  return /[aeiouyåäö]$/i.test(n) ? `${n} kommun` : `${genitive(n)} kommun`;
}

/** "45" → "§ 45"; "§ 45" stays. */
export function paragraphLabel(n: string | null | undefined): string | null {
  if (!n || !n.trim()) return null;
  return n.trim().startsWith('§') ? n.trim() : `§ ${n.trim()}`;
}

export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
