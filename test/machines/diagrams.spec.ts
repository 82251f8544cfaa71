import * as fs from 'fs';
import * as path from 'path';
import type { AnyStateMachine } from 'xstate';
import { diagramFileName, renderDiagramFile, renderMermaid, svgFileName } from '../../docs/diagram';
import { ruleIdsOfGuards } from '../../machines/guard-rule-ids';
import { guardNames } from '../../machines/kernel/explain';
import { machineSvg } from '../../src/diagram/machine-svg';
import { MACHINE_DEFINITIONS } from '../../machines/registry';

// The committed diagrams are drawn from the machines; a machine change without `npm run docs:diagrams` fails here.
const DIAGRAM_DIR = path.join(__dirname, '..', '..', 'docs', 'machines');

interface NodeLike {
  id: string;
  states: Record<string, NodeLike>;
  transitions: Map<string, unknown[]>;
  always?: unknown[];
}

function stateNodes(machine: AnyStateMachine): NodeLike[] {
  const out: NodeLike[] = [];
  const walk = (n: NodeLike) => {
    out.push(n);
    Object.values(n.states).forEach(walk);
  };
  walk(machine.root as unknown as NodeLike);
  return out;
}

function mermaidBlock(markdown: string): string | null {
  const match = markdown.match(/```mermaid\n([\s\S]*?)```/);
  return match ? match[1] : null;
}

describe.each(MACHINE_DEFINITIONS.map((d) => [`${d.id}@${d.version}`, d] as const))(
  'the diagram of %s',
  (_, definition) => {
    const file = path.join(DIAGRAM_DIR, diagramFileName(definition, MACHINE_DEFINITIONS));
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';

    it('is committed and equals what renderMermaid draws from the machine now (else run `npm run docs:diagrams`)', () => {
      expect(fs.existsSync(file)).toBe(true);
      expect(mermaidBlock(committed)).toBe(renderMermaid(definition));
      expect(committed).toBe(renderDiagramFile(definition, MACHINE_DEFINITIONS));
    });

    it('is drawn as SVG in docs/machines, the same drawing as the pages use, linked from the diagram file', () => {
      const svgName = svgFileName(definition, MACHINE_DEFINITIONS);
      const svgFile = path.join(DIAGRAM_DIR, svgName);
      expect(fs.existsSync(svgFile)).toBe(true);
      expect(fs.readFileSync(svgFile, 'utf8')).toBe(machineSvg(definition));
      expect(committed).toContain(`](${svgName})`);
    });

    it('draws every state node and every event in the SVG, and each guard with the rule ids it applies', () => {
      const svg = machineSvg(definition);
      const stateNodeIds = [...svg.matchAll(/data-state="([^"]+)"/g)].map((m) => m[1]);
      for (const node of stateNodes(definition.machine).slice(1)) expect(stateNodeIds).toContain(node.id);
      for (const node of stateNodes(definition.machine)) {
        for (const [event, transitions] of node.transitions) {
          expect(svg).toContain(event);
          for (const t of transitions as Array<{ guard?: unknown }>) {
            const guards = guardNames(t.guard);
            for (const g of guards) expect(svg).toContain(g);
            const ids = ruleIdsOfGuards(definition.id, definition.version, guards);
            if (ids.length) expect(svg).toContain(ids.join(', '));
          }
        }
      }
    });

    it('shows every state node of the machine, with its initial state', () => {
      const mermaid = renderMermaid(definition);
      for (const node of stateNodes(definition.machine)) {
        const mermaidId = node.id.replace(/[^A-Za-z0-9_]/g, '_');
        expect(mermaid).toMatch(new RegExp(`^\\s*state "[^"]+" as ${mermaidId}( \\{)?$`, 'm'));
        expect(committed).toContain(`\`${node.id}\``);
      }
      const initial = definition.machine.root.initial.target[0].id;
      expect(mermaid).toMatch(new RegExp(`^\\s*\\[\\*\\] --> ${initial.replace(/[^A-Za-z0-9_]/g, '_')}$`, 'm'));
    });

    it('draws one edge per transition, labelled with its event type and guard', () => {
      const mermaid = renderMermaid(definition);
      const edges = mermaid.split('\n').filter((l) => / --> /.test(l) && !l.includes('[*]'));
      let expected = 0;
      for (const node of stateNodes(definition.machine)) {
        for (const [event, transitions] of node.transitions) {
          for (const t of transitions as Array<{
            guard?: unknown;
            target?: unknown[];
            meta?: { refusalOnly?: boolean };
          }>) {
            expected += Math.max(1, t.target?.length ?? 0);
            const from = node.id.replace(/[^A-Za-z0-9_]/g, '_');
            const line = edges.find((l) => l.trim().startsWith(`${from} --> `) && l.includes(` : ${event}`));
            expect(line).toBeDefined();
            if (typeof t.guard === 'string')
              expect(edges.some((l) => l.includes(` : ${event}`) && l.includes(t.guard as string))).toBe(true);
          }
        }
        expected += node.always?.length ?? 0;
      }
      expect(edges).toHaveLength(expected);
    });
  },
);

it('marks refusal-only transitions as refused in the diagram', () => {
  for (const definition of MACHINE_DEFINITIONS) {
    const mermaid = renderMermaid(definition);
    for (const node of stateNodes(definition.machine)) {
      for (const [event, transitions] of node.transitions) {
        for (const t of transitions as Array<{ guard?: unknown; meta?: { refusalOnly?: boolean } }>) {
          if (t.meta?.refusalOnly && typeof t.guard === 'string')
            expect(mermaid).toContain(`: ${event} (refused by ${t.guard})`);
        }
      }
    }
  }
});
