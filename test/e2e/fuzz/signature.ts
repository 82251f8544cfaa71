import fc from 'fast-check';
import { sha256 } from '../kit';
import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of signatures (src/signature). */
export function signatureTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, ok, someDate } = fx;
  return [
    {
      name: 'POST /signatures',
      method: 'post',
      aim: () => ({ path: '/signatures' }),
      valid: fc.record({ date: someDate, n: fc.nat(), code: fc.nat() }).map(({ date, n, code }) => () => {
        const signed = pool.documents.filter((d) => d.versions.length);
        const doc = pick(signed, n);
        const version = pick(doc.versions, n >> 2);
        return {
          documentKey: doc.key,
          version: version.version,
          municipalityCode: pick(pool.codes, code),
          signatory: { name: 'Anna Andersson', office: 'KSO' },
          signedOn: date,
          method: 'INK',
          signedHash: sha256(version.text),
        };
      }),
      readBack: async ({ res }) => void (await ok(`/signatures/${res.body.id}`)),
    },
  ];
}
