import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of municipalities (src/municipality). */
export function municipalityTargets(fx: FuzzKit): FuzzTarget[] {
  const { ok } = fx;
  return [
    {
      name: 'POST /municipalities',
      method: 'post',
      aim: () => ({ path: '/municipalities' }),
      valid: fc
        .integer({ min: 1000, max: 9999 })
        .map((code) => () => ({ code: String(code), name: `Fuzzkommun ${code}` })),
      readBack: async ({ body }) => {
        const list = (await ok('/municipalities')).body;
        expect(list).toContainEqual({ code: (body as any).code, name: (body as any).name });
      },
    },
  ];
}
