/**
 * The shares of a cost rule (R-G3, R-G4): who pays what fraction, what the host carries, and the checks of a rule's
 * definition before it is created. Pure functions over the rule's input.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { CostRuleInput } from './cost.types';
import { FULL_BP, formatBp, type Share } from './money.rules';
import { compareMonths, isValidMonth } from './months';

/** A field of the rule's definition that is not usable, and why (the host answers 400 naming it). */
export interface DefinitionProblem {
  field: string;
  reason: string;
  reasonSv: string;
}

/** Every party that carries a part of the cost: the paying parties, then the host. */
export const partiesOf = (rule: CostRuleInput): string[] => [...rule.payers.map((p) => p.municipality), rule.host];

/**
 * R-G3: each paying party's exact share. Percent: its basis points over 10 000. Equal: one part each of the paying
 * parties and the host. Population: its inhabitants over the inhabitants of the paying parties and the host.
 */
export function sharesOf(rule: CostRuleInput): Array<{ municipality: string; share: Share }> {
  if (rule.method === 'percent') {
    return rule.payers.map((p) => ({ municipality: p.municipality, share: { num: p.shareBp ?? 0, den: FULL_BP } }));
  }
  if (rule.method === 'equal') {
    const n = rule.payers.length + 1;
    return rule.payers.map((p) => ({ municipality: p.municipality, share: { num: 1, den: n } }));
  }
  const figures = rule.population?.figures ?? [];
  const inhabitants = (code: string) => figures.find((f) => f.municipality === code)?.inhabitants ?? 0;
  const total = partiesOf(rule).reduce((sum, code) => sum + inhabitants(code), 0);
  return rule.payers.map((p) => ({
    municipality: p.municipality,
    share: { num: inhabitants(p.municipality), den: total },
  }));
}

/** R-G3: what the host carries of the cost before rounding: 100 % − Σ the paying parties' shares. */
export function hostShare(rule: CostRuleInput): Share {
  const shares = sharesOf(rule);
  const den = shares[0]?.share.den ?? 1;
  return { num: den - shares.reduce((sum, s) => sum + s.share.num, 0), den };
}

/** R-G3: the invoiced shares add up to at most 100 %; the host carries the rest. */
export function checkSharesAtMost100(rule: CostRuleInput): Refusal | null {
  if (rule.method !== 'percent') return null;
  const total = rule.payers.reduce((sum, p) => sum + (p.shareBp ?? 0), 0);
  if (total <= FULL_BP) return null;
  return refusal(
    'SHARES_EXCEED_100',
    'R-G3',
    `The invoiced shares add up to ${formatBp(total)}, more than 100 %; the host carries 100 % minus their sum.`,
    `De fakturerade andelarna blir tillsammans ${formatBp(total)}, mer än 100 %; värdkommunen bär 100 % minus summan.`,
    { totalBp: total },
  );
}

/**
 * R-G4: only parties of the rule's scope carry its cost. `scopeParties` null = not known here (an area's
 * participants are checked by the area module), so nothing is refused on that ground.
 */
export function checkPartiesOfScope(rule: CostRuleInput, scopeParties: readonly string[] | null): Refusal | null {
  if (!scopeParties) return null;
  const outside = partiesOf(rule).find((code) => !scopeParties.includes(code));
  if (!outside) return null;
  return refusal(
    'NOT_A_PARTY',
    'R-G4',
    `Municipality ${outside} is not a party of ${rule.collaboration}; only its parties share a cost of it.`,
    `Kommun ${outside} är inte part i ${rule.collaboration}; bara dess parter delar en kostnad i den.`,
    { municipality: outside },
  );
}

/** The rule's definition, as a refusal: the shares (R-G3), then the parties (R-G4). */
export function checkCostRule(rule: CostRuleInput, scopeParties: readonly string[] | null): Refusal | null {
  return checkSharesAtMost100(rule) ?? checkPartiesOfScope(rule, scopeParties);
}

/** What makes a rule's definition unusable as input: parties, shares and figures that do not fit its method. */
export function definitionProblems(rule: CostRuleInput): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (field: string, reason: string, reasonSv: string) => problems.push({ field, reason, reasonSv });
  const codes = rule.payers.map((p) => p.municipality);
  codes.forEach((code, i) => {
    if (codes.indexOf(code) !== i) add(`payers[${i}].municipality`, 'is named twice', 'anges två gånger');
    if (code === rule.host)
      add(`payers[${i}].municipality`, 'is the host, which is not invoiced', 'är värdkommunen, som inte faktureras');
  });
  rule.payers.forEach((p, i) => {
    if (rule.method === 'percent' && p.shareBp === undefined)
      add(`payers[${i}].sharePercent`, 'is needed with the method percent', 'behövs med metoden percent');
    if (rule.method !== 'percent' && p.shareBp !== undefined)
      add(`payers[${i}].sharePercent`, 'is given only with the method percent', 'anges bara med metoden percent');
  });
  if (rule.method === 'population') {
    const figures = rule.population?.figures ?? [];
    if (!rule.population) add('population', 'is needed with the method population', 'behövs med metoden population');
    for (const code of partiesOf(rule)) {
      if (!figures.some((f) => f.municipality === code))
        add('population.figures', `has no figure for ${code}`, `saknar en uppgift för ${code}`);
    }
    figures.forEach((f, i) => {
      if (!partiesOf(rule).includes(f.municipality))
        add(`population.figures[${i}].municipality`, 'is not a party of the rule', 'är inte part i regeln');
      if (figures.findIndex((g) => g.municipality === f.municipality) !== i)
        add(`population.figures[${i}].municipality`, 'is named twice', 'anges två gånger');
    });
  } else if (rule.population) {
    add('population', 'is given only with the method population', 'anges bara med metoden population');
  }
  if (!isValidMonth(rule.startMonth)) add('startMonth', 'must be a month YYYY-MM', 'ska vara en månad ÅÅÅÅ-MM');
  if (rule.endMonth !== undefined) {
    if (!isValidMonth(rule.endMonth)) add('endMonth', 'must be a month YYYY-MM', 'ska vara en månad ÅÅÅÅ-MM');
    else if (isValidMonth(rule.startMonth) && compareMonths(rule.endMonth, rule.startMonth) < 0)
      add('endMonth', 'must not be before startMonth', 'får inte ligga före startMonth');
  }
  return problems;
}
