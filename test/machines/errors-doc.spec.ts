import * as fs from 'fs';
import * as path from 'path';
import { renderErrorCodes } from '../../docs/error-codes';

describe('docs/errors.md', () => {
  it('is committed and equals what the typed lists of codes give now (else run `npm run docs:errors`)', () => {
    const file = path.join(__dirname, '../../docs/errors.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(renderErrorCodes());
  });
});
