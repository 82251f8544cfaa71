/**
 * Writes docs/machines/<id>.diagram.md and its SVG drawing docs/machines/<id>.svg (src/diagram/machine-svg.ts) for
 * every machine in MACHINE_DEFINITIONS (`npm run docs:diagrams`), and removes the files of machines that are no
 * longer registered. Run it after changing a machine; the diagram
 * test fails until the committed files match.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MACHINE_DEFINITIONS } from '../machines/registry';
import { machineSvg } from '../src/diagram/machine-svg';
import { diagramFileName, renderDiagramFile, svgFileName } from './diagram';

export const DIAGRAM_DIR = path.join(__dirname, 'machines');

export function generateDiagrams(dir = DIAGRAM_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const definition of MACHINE_DEFINITIONS) {
    const name = diagramFileName(definition, MACHINE_DEFINITIONS);
    fs.writeFileSync(path.join(dir, name), renderDiagramFile(definition, MACHINE_DEFINITIONS));
    const svg = svgFileName(definition, MACHINE_DEFINITIONS);
    fs.writeFileSync(path.join(dir, svg), machineSvg(definition));
    written.push(name, svg);
  }
  const generated = (f: string) => f.endsWith('.diagram.md') || f.endsWith('.svg');
  for (const stale of fs.readdirSync(dir).filter((f) => generated(f) && !written.includes(f))) {
    fs.unlinkSync(path.join(dir, stale));
    written.push(`${stale} (removed: no such machine)`);
  }
  return written;
}

if (require.main === module) {
  for (const name of generateDiagrams()) process.stdout.write(`docs/machines/${name}\n`);
}
