import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of documents and their versions (src/document). */
export function documentTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok } = fx;
  return [
    {
      name: 'POST /documents',
      method: 'post',
      aim: () => ({ path: '/documents' }),
      valid: fc.boolean().map((withCollaboration) => () => ({
        key: `fuzz-${unique()}`,
        title: 'Fuzzdokument',
        ...(withCollaboration ? { collaboration: 'dalslandssamverkan' } : {}),
      })),
      readBack: async ({ res }) => {
        await ok(`/documents/${res.body.key}`);
        pool.documents.push({ key: res.body.key, versions: [] });
      },
    },
    {
      name: 'POST /documents/:key/versions',
      method: 'post',
      aim: (n) => ({ path: `/documents/${pick(pool.documents, n).key}/versions` }),
      valid: fc
        .string({ minLength: 1, maxLength: 200 })
        .map((text) => () => ({ version: `v${unique()}`, text: `T ${text}` })),
      readBack: async ({ res, body }) => {
        const read = (await ok(`/document-versions/${res.body.id}`)).body;
        expect(read.text).toBe((body as any).text);
        const doc = pool.documents.find((d) => d.key === read.documentKey)!;
        doc.versions.push({ id: read.id, version: read.version, text: read.text });
      },
    },
  ];
}
