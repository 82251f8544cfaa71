import { predecessorFacts } from '../../machines/collaboration/predecessor.rules';

// R-A5: 4D (Bengtsfors, Dals-Ed, Färgelanda, Mellerud, spring 2022) is shown as Dalslandssamverkan's predecessor;
// the engine assumes no exact 4D dates and records no revocation, only that the new declaration followed it.
describe('R-A5: the predecessor beside the collaboration that followed it', () => {
  const FOUR_D = {
    name: 'Avsiktsförklaring avseende kommunal samverkan 4D',
    parties: ['1460', '1438', '1439', '1461'],
    decided: 'våren 2022',
  };

  it('R-A5: Åmål joined since 4D; nobody left; followed from the declaration in force 2024-01-01', () => {
    expect(predecessorFacts(FOUR_D, ['1460', '1438', '1439', '1461', '1492'], '2024-01-01')).toEqual({
      ...FOUR_D,
      joined: ['1492'],
      left: [],
      followedFrom: '2024-01-01',
      revocationRecorded: false,
    });
  });

  it('R-A5: a party of the predecessor that is not a party now is named as having left', () => {
    const facts = predecessorFacts(FOUR_D, ['1460', '1438', '1461'], '2024-01-01');
    expect(facts.left).toEqual(['1439']);
    expect(facts.joined).toEqual([]);
  });

  it('R-A5: no date is made up where the sources give none', () => {
    const { decided: _decided, ...undated } = FOUR_D;
    const facts = predecessorFacts(undated, FOUR_D.parties, '2024-01-01');
    expect(facts).not.toHaveProperty('decided');
    expect(Object.values(facts).filter((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))).toEqual([
      '2024-01-01',
    ]);
  });
});
