import * as fs from 'fs';
import * as path from 'path';
import { renderErrorCodes } from './error-codes';

fs.writeFileSync(path.join(__dirname, 'errors.md'), renderErrorCodes());
process.stdout.write('docs/errors.md\n');
