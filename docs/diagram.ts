/**
 * Mermaid state diagrams drawn from the machines themselves (never by hand), so a diagram cannot drift from the
 * code: test/machines/diagrams.spec.ts fails when a committed diagram differs from what this module renders now.
 * Pure: no I/O; docs/generate-diagrams.ts writes the files.
 */
import { toDirectedGraph, type DirectedGraphEdge, type DirectedGraphNode } from '@xstate/graph';
import type { MachineDefinition } from '../machines/kernel/machine-definition';

export const REGENERATE_COMMAND = 'npm run docs:diagrams';

/** One transition as the diagram and its table show it. */
export interface DiagramTransition {
  /** State node id of the source, e.g. `membership.member.leaving`. */
  source: string;
  /** State node id of the target; equal to the source for a targetless transition. */
  target: string;
  targetless: boolean;
  /** The event type, or `always` for an eventless transition. */
  event: string;
  /** The guard as written in the machine: a name, or `a and b`, `not a`, ... ; null when unguarded. */
  guard: string | null;
  /** 1-based position among the transitions the source declares for this event (the first that passes wins). */
  order: number;
  /** How many transitions the source declares for this event. */
  alternatives: number;
  actions: string[];
  /** `meta.refusalOnly`: modelled so that a refusal names its rule; not offered as an allowed event. */
  refusalOnly: boolean;
}

export interface DiagramState {
  id: string;
  key: string;
  type: string;
  parent: string | null;
  initial: string | null;
}

/** A Mermaid-safe id for a state node id (Mermaid ids stop at `-`, `:` and spaces): `membership.member.active` → `membership_member_active`. */
export function mermaidId(stateNodeId: string): string {
  return stateNodeId.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Every state node of the machine, root first, in definition order. */
export function diagramStates(definition: MachineDefinition): DiagramState[] {
  const out: DiagramState[] = [];
  const walk = (node: DirectedGraphNode, parent: string | null): void => {
    const sn = node.stateNode;
    out.push({ id: sn.id, key: sn.key, type: sn.type, parent, initial: initialChildOf(node) });
    for (const child of node.children) walk(child, sn.id);
  };
  walk(toDirectedGraph(definition.machine), null);
  return out;
}

/** Every transition of the machine (event transitions from @xstate/graph's edges, plus eventless `always` ones). */
export function diagramTransitions(definition: MachineDefinition): DiagramTransition[] {
  const out: DiagramTransition[] = [];
  const walk = (node: DirectedGraphNode): void => {
    const byEvent = new Map<string, DirectedGraphEdge[]>();
    for (const edge of node.edges) {
      const list = byEvent.get(edge.transition.eventType) ?? [];
      list.push(edge);
      byEvent.set(edge.transition.eventType, list);
    }
    for (const [event, edges] of byEvent) {
      // One transition may have several targets (parallel regions): one edge each, the same order number.
      const transitions = [...new Set(edges.map((e) => e.transition))];
      for (const edge of edges)
        out.push(toDiagramTransition(node.stateNode.id, edge.target.id, event, edge.transition, transitions));
    }
    const always = (node.stateNode.always ?? []) as TransitionLike[];
    for (const t of always) {
      const targets = t.target?.length ? t.target.map((x) => x.id) : [node.stateNode.id];
      for (const target of targets) out.push(toDiagramTransition(node.stateNode.id, target, 'always', t, always));
    }
    for (const child of node.children) walk(child);
  };
  walk(toDirectedGraph(definition.machine));
  return out;
}

/** The Mermaid `stateDiagram-v2` source of a machine (without the Markdown fence). */
export function renderMermaid(definition: MachineDefinition): string {
  const states = diagramStates(definition);
  const ids = new Map<string, string>();
  for (const s of states) {
    const id = mermaidId(s.id);
    const clash = [...ids.entries()].find(([, m]) => m === id);
    if (clash) throw new Error(`State nodes '${clash[0]}' and '${s.id}' map to the same Mermaid id '${id}'.`);
    ids.set(s.id, id);
  }
  const childrenOf = (id: string) => states.filter((s) => s.parent === id);
  const lines: string[] = ['stateDiagram-v2'];
  const root = states[0];
  lines.push(`  [*] --> ${ids.get(root.id)}`);

  const renderState = (s: DiagramState, indent: string): void => {
    const label = s.parent === null ? `${definition.id} v${definition.version}` : stateLabel(s);
    const children = childrenOf(s.id);
    if (!children.length) {
      lines.push(`${indent}state "${label}" as ${ids.get(s.id)}`);
      return;
    }
    lines.push(`${indent}state "${label}" as ${ids.get(s.id)} {`);
    const inner = `${indent}  `;
    if (s.type === 'parallel') {
      // Mermaid separates concurrent regions with `--`.
      children.forEach((child, i) => {
        if (i > 0) lines.push(`${inner}--`);
        renderState(child, inner);
      });
    } else {
      if (s.initial) lines.push(`${inner}[*] --> ${ids.get(s.initial)}`);
      for (const child of children) renderState(child, inner);
      for (const child of children) if (child.type === 'final') lines.push(`${inner}${ids.get(child.id)} --> [*]`);
    }
    lines.push(`${indent}}`);
  };
  renderState(root, '  ');

  // Transitions go at the top level: written inside a composite block, Mermaid would move the states they name into it.
  for (const t of diagramTransitions(definition)) {
    lines.push(`  ${ids.get(t.source)} --> ${ids.get(t.target)} : ${edgeLabel(t)}`);
  }
  return lines.join('\n') + '\n';
}

/** The generated Markdown file: a header that says how to regenerate it, the diagram, and its states and transitions. */
export function renderDiagramFile(definition: MachineDefinition, all: MachineDefinition[]): string {
  const states = diagramStates(definition);
  const transitions = diagramTransitions(definition);
  const system = new Set(definition.systemEvents ?? []);
  const sentBy = (event: string): string => {
    if (event === 'always' || event.startsWith('xstate.')) return 'the machine itself';
    if (system.has(event)) return 'the engine only (system event)';
    const roles = definition.eventRoles[event];
    if (!roles) return 'admin (not listed in eventRoles)';
    return roles.length ? roles.join(', ') : 'nobody (no role)';
  };
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const out: string[] = [
    `<!-- GENERATED FILE: do not edit. Run \`${REGENERATE_COMMAND}\` after changing a machine; test/machines/diagrams.spec.ts fails while this file is out of date. -->`,
    '',
    `# Diagram: \`${definition.id}\` version ${definition.version}`,
    '',
    `Generated by \`docs/generate-diagrams.ts\` from \`MACHINE_DEFINITIONS\` in \`machines/registry.ts\`. ` +
      `Edge labels read \`EVENT (n) [guard]\`: \`(n)\` is the order in which the machine tries the transitions it declares ` +
      `for one event in one state (the first whose guard passes is taken); \`(refused by guard)\` marks a transition whose ` +
      '`meta.refusalOnly` is true (modelled so that the refusal names its rule; never offered as an allowed event). ' +
      'A loop back to the same state is a transition without a target: it records data and keeps the state.',
    '',
    `The same machine drawn as SVG, with each guard's rule ids (src/diagram/machine-svg.ts, as the pages draw an ` +
      `instance): [${svgFileName(definition, all)}](${svgFileName(definition, all)}).`,
    '',
    '```mermaid',
    renderMermaid(definition).trimEnd(),
    '```',
    '',
    '## States',
    '',
    '| state node id | parent | type | initial child |',
    '|---|---|---|---|',
    ...states.map(
      (s) =>
        `| \`${s.id}\` | ${s.parent ? `\`${s.parent}\`` : '—'} | ${s.type} | ${s.initial ? `\`${s.initial}\`` : '—'} |`,
    ),
    '',
    '## Transitions',
    '',
    '| from | event | guard | to | actions | sent by (eventRoles) | note |',
    '|---|---|---|---|---|---|---|',
    ...transitions.map((t) => {
      const notes: string[] = [];
      if (t.refusalOnly) notes.push(`refused: ${t.guard ?? 'unguarded'}`);
      if (t.alternatives > 1) notes.push(`alternative ${t.order} of ${t.alternatives}`);
      if (t.targetless) notes.push('no state change');
      return (
        `| \`${t.source}\` | \`${t.event}\` | ${t.guard ? `\`${cell(t.guard)}\`` : '—'} | ` +
        `${t.targetless ? '(same)' : `\`${t.target}\``} | ${t.actions.length ? t.actions.map((a) => `\`${a}\``).join(', ') : '—'} | ` +
        `${sentBy(t.event)} | ${notes.join('; ') || '—'} |`
      );
    }),
    '',
  ];
  return out.join('\n');
}

/** The file name of a machine's SVG drawing in docs/machines/: `<id>.svg`, or `<id>.v<version>.svg` for an older version. */
export function svgFileName(definition: MachineDefinition, all: MachineDefinition[]): string {
  return diagramFileName(definition, all).replace(/\.diagram\.md$/, '.svg');
}

/**
 * The file name of a machine's diagram in docs/machines/: `<id>.diagram.md` for the latest version of an id, and
 * `<id>.v<version>.diagram.md` for an older version that stored instances still pin.
 */
export function diagramFileName(definition: MachineDefinition, all: MachineDefinition[]): string {
  const latest = Math.max(...all.filter((d) => d.id === definition.id).map((d) => d.version));
  return definition.version === latest
    ? `${definition.id}.diagram.md`
    : `${definition.id}.v${definition.version}.diagram.md`;
}

// ---------------------------------------------------------------------------------------------------- helpers

interface TransitionLike {
  eventType: string;
  guard?: unknown;
  target?: ReadonlyArray<{ id: string }>;
  actions?: ReadonlyArray<unknown>;
  meta?: { refusalOnly?: boolean } | Record<string, unknown>;
}

function toDiagramTransition(
  source: string,
  target: string,
  event: string,
  t: TransitionLike,
  siblings: TransitionLike[],
): DiagramTransition {
  const targetless = !t.target || t.target.length === 0;
  return {
    source,
    target: targetless ? source : target,
    targetless,
    event,
    guard: t.guard === undefined ? null : guardText(t.guard, true),
    order: siblings.indexOf(t) + 1,
    alternatives: siblings.length,
    actions: (t.actions ?? []).map(actionName),
    refusalOnly: (t.meta as { refusalOnly?: boolean } | undefined)?.refusalOnly === true,
  };
}

function initialChildOf(node: DirectedGraphNode): string | null {
  const initial = node.stateNode.initial as { target?: ReadonlyArray<{ id: string }> } | undefined;
  return initial?.target?.[0]?.id ?? null;
}

function stateLabel(s: DiagramState): string {
  if (s.type === 'history') return `${s.key} (history)`;
  if (s.type === 'final') return `${s.key} (final)`;
  return s.key;
}

/** A guard as text: `name`, `a and b`, `a or b`, `not a`, `in(state)`; nested combinations in parentheses. */
export function guardText(guard: unknown, top = false): string {
  if (typeof guard === 'string') return guard;
  const g = guard as { name?: string; type?: string; guards?: unknown[]; stateValue?: unknown };
  if (typeof guard === 'function' && Array.isArray(g.guards) && (g.name === 'and' || g.name === 'or')) {
    const text = g.guards.map((x) => guardText(x)).join(` ${g.name} `);
    return top ? text : `(${text})`;
  }
  if (typeof guard === 'function' && Array.isArray(g.guards) && g.name === 'not')
    return `not ${guardText(g.guards[0])}`;
  if (typeof guard === 'function' && g.name === 'stateIn') return `in(${JSON.stringify(g.stateValue)})`;
  if (guard && typeof guard === 'object' && typeof g.type === 'string') return g.type;
  if (typeof guard === 'function') return g.name ? `inline ${g.name}` : 'inline guard';
  return String(guard);
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  const a = action as { type?: string; name?: string };
  if (typeof a?.type === 'string') return a.type.startsWith('xstate.') ? a.type.slice('xstate.'.length) : a.type;
  return a?.name || 'inline';
}

/** Mermaid edge text may not hold `:` `;` `#` (they end or comment the label), so these are replaced. */
function edgeLabel(t: DiagramTransition): string {
  let label = t.event;
  if (t.alternatives > 1) label += ` (${t.order})`;
  if (t.guard) label += t.refusalOnly ? ` (refused by ${t.guard})` : ` [${t.guard}]`;
  else if (t.refusalOnly) label += ' (refused)';
  return label.replace(/[:;#]/g, ' ').replace(/\s+/g, ' ').trim();
}
