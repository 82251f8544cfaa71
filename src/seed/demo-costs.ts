import { INestApplication } from '@nestjs/common';
import { CostRuleService } from '../cost/cost-rule.service';
import { InvoicingService } from '../cost/invoicing.service';
import type { Actor } from '../workflow/actor';

const SEED_ACTOR: Actor = { id: 'seed', role: 'admin', municipality: null };

/**
 * The coordinator cost of SEED-SAM in Dalslandssamverkan (R-G2): the coordinator function from November 2022, built
 * into a post at Välfärd- och arbetsmarknadsförvaltningen in Åmål (host), with Bengtsfors, Dals-Ed, Färgelanda and
 * Mellerud each invoiced 10 % of the coordinator's salary cost; Åmål carries 60 % (R-G3). It starts before Åmål was
 * a party of the declaration (R-G7). The seed does not say whether "lönekostnad" includes employer contributions
 * (R-G5), so the rule names the cost base in the seed's words and says so. What the seed does not give (the date of
 * adoption, any amount) is marked DEMODATA in the record; the one demo invoice run carries that marking on its note.
 */
export async function seedDemoCosts(app: INestApplication): Promise<void> {
  const rules = app.get(CostRuleService);
  const rule = await rules.create(
    'dalslandssamverkan',
    {
      title: 'Samordnare för samverkan inom socialtjänst',
      scope: { kind: 'common', function: 'Samordnare för samverkan inom socialtjänst (SEED-SAM)' },
      host: '1492',
      method: 'percent',
      payers: ['1460', '1438', '1439', '1461'].map((municipality) => ({ municipality, sharePercent: '10.00' })),
      costBase:
        'Samordnares lönekostnad ("en kostnad motsvarande 10% av samordnares lönekostnad", SEED-SAM); ' +
        'källan anger inte om arbetsgivaravgifter ingår (R-G5)',
      startMonth: '2022-11',
      adoption: {
        adoptedOn: '2022-10-31',
        basis:
          'Information till Dalslandssamverkan 5D gällande samordnare för samverkan inom socialtjänst (SEED-SAM), ' +
          'undertecknad av de sociala nämndernas ordförande och socialcheferna; informationen till rådet är inget ' +
          'godkännande (R-G8)',
      },
      note:
        'Andelar, värdkommun och start enligt SEED-SAM. DEMODATA: antagandedatumet anges inte i källan ' +
        '(demo data: the date of adoption is not given by the source).',
    },
    SEED_ACTOR,
  );
  await app.get(InvoicingService).run(
    rule.id,
    {
      from: '2022-11',
      to: '2022-12',
      issuedOn: '2023-01-16',
      costs: [
        { month: '2022-11', amount: '48500.00' },
        { month: '2022-12', amount: '48500.00' },
      ],
      note: 'DEMODATA: beloppen och fakturadatumet är påhittade (demo data: amounts and date invented, not in the sources).',
    },
    false,
    SEED_ACTOR,
  );
}
