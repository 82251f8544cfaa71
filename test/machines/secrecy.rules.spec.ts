import type { DecisionParagraph } from '../../machines/protocol/decision.types';
import {
  checkPublicExtract,
  checkSecrecyMarking,
  checkSecrecyMarkings,
  mapEventTexts,
  mapParagraphTexts,
  markableFields,
  mayReadSecret,
  withheldText,
} from '../../machines/protocol/secrecy.rules';

// Issue 11 §8: the pure rules of secrecy (R-K7), who may read a marked text (R-K12) and the public extract (R-K10).
const paragraph: DecisionParagraph = {
  paragraphNumber: '§ 1',
  matter: { title: 'Boendestöd', diarienummer: 'SN 2024/12' },
  subject: 'OTHER',
  summary: 'Sammanfattning',
  beslutsunderlag: ['Tjänsteskrivelse', 'Läkarintyg'],
  proposals: [{ id: 'A', by: [{ name: 'L1' }], text: 'Bifall' }],
  beslutsgang: ['Ordföranden finner bifall.'],
  method: { kind: 'ACKLAMATION', adopted: 'A' },
  decision: { text: 'Beslut', attSatser: ['bevilja.'] },
  jav: [],
  reservations: [{ members: [{ name: 'L2' }], motivation: { text: 'Motivering' } }],
  protokollsanteckningar: [],
  sendTo: [],
};

describe('secrecy rules (R-K7, R-K10, R-K12)', () => {
  it('maps every markable text by its field, and nothing else', () => {
    const seen: string[] = [];
    const out = mapParagraphTexts(paragraph, (field, text) => (seen.push(field), `<${text}>`));
    expect(seen.sort()).toEqual(
      [
        'beslutsunderlag[0]',
        'beslutsunderlag[1]',
        'decision.text',
        'proposals[0].text',
        'reservations[0].motivation.text',
        'summary',
      ].sort(),
    );
    expect(out.matter).toEqual(paragraph.matter);
    expect(out.decision).toEqual({ text: '<Beslut>', attSatser: ['bevilja.'] });
    expect(markableFields(paragraph)).toContain('motivations');
    const e = mapEventTexts(
      { type: 'RESERVATION_MOTIVATION_SUBMITTED', member: 'L2', text: 'Sen', submittedAt: '2024-05-23T10:00:00Z' },
      (field, text) => `${field}:${text}`,
    );
    expect(e).toMatchObject({ text: 'motivations:Sen', member: 'L2' });
  });

  it('R-K7: refuses a marking without an OSL provision, of an unknown text, covered already, or of texts in the chain', () => {
    const ok = { field: 'summary', provision: 'OSL 26 kap. 1 §' };
    expect(checkSecrecyMarking(paragraph, ok, [], true)).toBeNull();
    expect(checkSecrecyMarking(paragraph, { ...ok, provision: 'sekretess' }, [], true)?.code).toBe(
      'SECRECY_PROVISION_INVALID',
    );
    expect(checkSecrecyMarking(paragraph, { ...ok, field: 'matter.title' }, [], true)?.code).toBe(
      'SECRECY_FIELD_UNKNOWN',
    );
    expect(checkSecrecyMarking(paragraph, ok, [{ field: null, provision: 'OSL 21 kap. 1 §' }], true)?.code).toBe(
      'SECRECY_ALREADY_MARKED',
    );
    expect(checkSecrecyMarking(paragraph, ok, [], false)?.code).toBe('SECRECY_TEXT_IN_CHAIN');
    // A whole-paragraph marking after a field's widens it; the reverse is covered already.
    expect(checkSecrecyMarkings(paragraph, [ok, { field: null, provision: 'OSL 26 kap. 1 §' }], true)).toBeNull();
    expect(checkSecrecyMarkings(paragraph, [{ field: null, provision: 'OSL 26 kap. 1 §' }, ok], true)?.ruleId).toBe(
      'R-K7',
    );
  });

  it('R-K12: the holding clerk, the admin and the auditors read a marked text; nobody else', () => {
    expect(mayReadSecret({ role: 'clerk', municipality: '1460' }, '1460')).toBe(true);
    expect(mayReadSecret({ role: 'admin', municipality: null }, '1460')).toBe(true);
    expect(mayReadSecret({ role: 'auditor', municipality: null }, '1460')).toBe(true);
    expect(mayReadSecret({ role: 'clerk', municipality: '1461' }, '1460')).toBe(false);
    expect(mayReadSecret({ role: 'coordinator', municipality: null }, '1460')).toBe(false);
    expect(mayReadSecret(null, '1460')).toBe(false);
    expect(withheldText('OSL 26 kap. 1 §')).toBe('[Sekretess enligt OSL 26 kap. 1 § / Secret under OSL 26 kap. 1 §]');
  });

  it('R-K10: an extract is handed out once justerat, never of a draft', () => {
    expect(checkPublicExtract('2024-05-24')).toBeNull();
    expect(checkPublicExtract(undefined)).toMatchObject({ code: 'EXTRACT_NOT_JUSTERAT', ruleId: 'R-K10' });
  });
});
