import fc from 'fast-check';
import { ALG_COSIGNATURE_V1, cosign, generateNoteKey, vkeyOf } from '../../../src/checkpoint/note';
import type { FuzzKit, FuzzTarget } from './kit';

/**
 * The fuzz targets of signed checkpoints (src/checkpoint). The fuzzed app has no signing key, so a checkpoint request
 * is refused (409) and a cosignature has no checkpoint to go to (404); what is fuzzed is that neither is ever a 500
 * or a write. A witness registration succeeds with a fresh key and reads back.
 */
export function checkpointTargets(fx: FuzzKit): FuzzTarget[] {
  const { ok, unique } = fx;
  return [
    {
      name: 'POST /checkpoints',
      method: 'post',
      aim: () => ({ path: '/checkpoints' }),
      valid: fc.constant(() => undefined),
    },
    {
      name: 'POST /witnesses',
      method: 'post',
      aim: () => ({ path: '/witnesses' }),
      valid: fc.constant(() => {
        const key = generateNoteKey(`fuzz-witness-${unique()}`, ALG_COSIGNATURE_V1);
        return { name: key.name, vkey: vkeyOf(key) };
      }),
      readBack: async ({ body }) => {
        const list = (await ok('/witnesses')).body;
        expect(list).toContainEqual(expect.objectContaining({ name: (body as any).name, vkey: (body as any).vkey }));
      },
    },
    {
      name: 'POST /checkpoints/:size/cosignatures',
      method: 'post',
      aim: (n) => ({ path: `/checkpoints/${n % 50}/cosignatures` }),
      valid: fc.nat({ max: 1_000_000 }).map((size) => () => {
        const key = generateNoteKey('fuzz-witness', ALG_COSIGNATURE_V1);
        const body = `samverkan.example/default\n${size}\n${Buffer.alloc(32).toString('base64')}\n`;
        return { cosignature: cosign(body, key, 1_700_000_000) };
      }),
    },
  ];
}
