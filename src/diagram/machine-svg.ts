/**
 * A machine drawn as SVG from its definition (issue 12 §6): every state node a box (a compound state's box points to
 * its initial child, a parallel state's to each region, with dashed "start" edges), every transition an arrow labelled
 * with its event, its guards and the rule ids they apply; a transition without a target is listed in its state's box
 * ("↺ EVENT"), a refusal-only transition is a red dashed arrow. The layout is dagre's layered layout, computed here:
 * no browser, no network. The same drawing is docs/machines/<id>.svg (`npm run docs:diagrams`) and an instance's
 * diagram on the pages, where the current state and the path the instance took are highlighted (by colour, weight
 * and a ▶ mark, so that colour is never the only sign) and <title>/<desc> say the same in words.
 *
 * Pure and deterministic: the same definition and highlight give the same bytes (the docs spec compares them).
 */
import dagre, { type EdgeLabel, type Graph, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { MachineDefinition } from '../../machines/kernel/machine-definition';
import { activeStateIds, machineGraph, type GraphTransition, type MachineGraph } from './machine-graph';

/** What an instance has done: its state now and the log's transitions, genesis first. */
export interface DiagramHighlight {
  state: string;
  path: ReadonlyArray<{ fromState: string | null; toState: string; eventType: string }>;
}

/** The words of the drawing, from the caller's message catalogue (English for docs/). */
export interface DiagramWords {
  title: string;
  states: string;
  current: string;
  path: string;
  none: string;
}

const ENGLISH: DiagramWords = {
  title: 'State machine',
  states: 'States',
  current: 'Current state',
  path: 'Path taken',
  none: 'none',
};

export interface DiagramOptions {
  highlight?: DiagramHighlight;
  /** A prefix for the ids in the SVG, unique on a page that shows more than one. */
  idPrefix?: string;
  words?: DiagramWords;
}

const FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';
const CHAR = 6.6; // a generous average advance of the 11 px font
const SMALL_CHAR = 5.8; // of the 10 px font
const INK = '#333333';
const PATH = '#1d4ed8';
const REFUSED = '#b00020';

interface Box {
  id: string;
  lines: Array<{ text: string; bold?: boolean; taken?: boolean }>;
  kind: 'start' | 'state' | 'compound' | 'final';
  current: boolean;
  visited: boolean;
}

interface Arrow {
  from: string;
  to: string;
  lines: string[];
  style: 'start' | 'normal' | 'refused';
  taken: boolean;
}

/** The SVG document of a machine, highlighted for an instance when `highlight` is given. */
export function machineSvg(definition: MachineDefinition, options: DiagramOptions = {}): string {
  const graph = machineGraph(definition);
  const words = options.words ?? ENGLISH;
  const p = options.idPrefix ?? `sv-${graph.id}-${graph.version}-`;
  const h = highlight(graph, options.highlight);
  const { boxes, arrows } = shapes(graph, h, p);

  const g: LaidOut = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 46, edgesep: 12, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of boxes.values()) {
    const width = b.kind === 'start' ? 14 : Math.max(...b.lines.map((l) => l.text.length * CHAR)) + 20;
    g.setNode(b.id, { width, height: b.kind === 'start' ? 14 : 10 + 15 * b.lines.length });
  }
  arrows.forEach((a, i) =>
    g.setEdge(
      a.from,
      a.to,
      {
        width: a.lines.length ? Math.max(...a.lines.map((l) => l.length * SMALL_CHAR)) + 6 : 0,
        height: a.lines.length * 12,
        labelpos: 'c',
      },
      `e${i}`,
    ),
  );
  dagre.layout(g);
  const size = g.graph();
  const W = Math.ceil(size.width ?? 100);
  const H = Math.ceil(size.height ?? 100);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${p}title ${p}desc" font-family="${FONT}">`,
    `<title id="${p}title">${esc(`${words.title}: ${graph.id} v${graph.version}`)}</title>`,
    `<desc id="${p}desc">${esc(describe(graph, h, words))}</desc>`,
    '<defs>',
    ...[
      ['a', INK],
      ['p', PATH],
      ['r', REFUSED],
    ].map(
      ([k, c]) =>
        `<marker id="${p}arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${c}"/></marker>`,
    ),
    '</defs>',
  ];
  out.push(...drawArrows(g, arrows, p), ...drawBoxes(g, boxes));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

type LaidOut = Graph<GraphLabel, NodeLabel, EdgeLabel>;

/** The arrows, each with its label lines, as dagre routed them. */
function drawArrows(g: LaidOut, arrows: Arrow[], p: string): string[] {
  const out: string[] = [];
  arrows.forEach((a, i) => {
    const e = g.edge({ v: a.from, w: a.to, name: `e${i}` });
    const colour = a.taken ? PATH : a.style === 'refused' ? REFUSED : a.style === 'start' ? '#888888' : INK;
    const marker = a.taken ? 'p' : a.style === 'refused' ? 'r' : 'a';
    const d = (e.points ?? [])
      .map((pt: { x: number; y: number }, k: number) => `${k ? 'L' : 'M'}${n(pt.x)},${n(pt.y)}`)
      .join('');
    const dash = a.style === 'normal' ? '' : ` stroke-dasharray="${a.style === 'start' ? '3 3' : '6 3'}"`;
    out.push(
      `<g class="edge${a.taken ? ' taken' : ''}${a.style === 'refused' ? ' refused' : ''}">`,
      `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${a.taken ? 2.5 : 1.2}"${dash} marker-end="url(#${p}arrow-${marker})"/>`,
    );
    a.lines.forEach((line, k) => {
      const y = (e.y ?? 0) - (a.lines.length * 12) / 2 + 9 + k * 12;
      out.push(
        `<text x="${n(e.x ?? 0)}" y="${n(y)}" font-size="10" text-anchor="middle" fill="${a.taken ? PATH : a.style === 'refused' ? REFUSED : INK}"${a.taken && k === 0 ? ' font-weight="bold"' : ''} paint-order="stroke" stroke="#ffffff" stroke-width="3">${esc(line)}</text>`,
      );
    });
    out.push('</g>');
  });
  return out;
}

/** The state boxes, with their targetless transitions listed inside. */
function drawBoxes(g: LaidOut, boxes: Map<string, Box>): string[] {
  const out: string[] = [];
  for (const b of boxes.values()) {
    const node = g.node(b.id);
    const x = node.x! - node.width / 2;
    const y = node.y! - node.height / 2;
    const cls = ['state', b.kind, b.current ? 'current' : '', b.visited ? 'visited' : ''].filter(Boolean).join(' ');
    out.push(`<g class="${cls}" data-state="${esc(b.id)}">`);
    if (b.kind === 'start') {
      out.push(`<circle cx="${n(node.x!)}" cy="${n(node.y!)}" r="6" fill="${INK}"/>`, '</g>');
      continue;
    }
    const fill = b.current ? '#fde68a' : b.visited ? '#e8f0fe' : '#ffffff';
    const stroke = b.current ? '#92400e' : b.visited ? PATH : INK;
    const rx = b.kind === 'compound' ? 2 : 9;
    out.push(
      `<rect x="${n(x)}" y="${n(y)}" width="${n(node.width)}" height="${n(node.height)}" rx="${rx}" fill="${fill}" stroke="${stroke}" stroke-width="${b.current ? 3 : 1.2}"/>`,
    );
    if (b.kind === 'final')
      out.push(
        `<rect x="${n(x + 3)}" y="${n(y + 3)}" width="${n(node.width - 6)}" height="${n(node.height - 6)}" rx="7" fill="none" stroke="${stroke}"/>`,
      );
    b.lines.forEach((l, k) => {
      const ty = y + 18 + k * 15;
      const weight = l.bold || l.taken ? ' font-weight="bold"' : '';
      const colour = l.taken ? PATH : k ? '#555555' : INK;
      out.push(
        `<text x="${n(node.x!)}" y="${n(ty)}" font-size="${k ? 10 : 11}" text-anchor="middle" fill="${colour}"${weight}>${esc(l.text)}</text>`,
      );
    });
    out.push('</g>');
  }
  return out;
}

interface Highlighted {
  current: Set<string>;
  visited: Set<string>;
  /** Indexes into graph.transitions of the transitions the path took. */
  taken: Set<number>;
  steps: string[];
}

function highlight(graph: MachineGraph, hl: DiagramHighlight | undefined): Highlighted | null {
  if (!hl) return null;
  const current = activeStateIds(graph, hl.state);
  const visited = new Set<string>();
  const taken = new Set<number>();
  const steps: string[] = [];
  for (const step of hl.path) {
    const to = activeStateIds(graph, step.toState);
    to.forEach((id) => visited.add(id));
    if (step.fromState === null) continue;
    const from = activeStateIds(graph, step.fromState);
    steps.push(`${step.fromState} → ${step.toState} (${step.eventType})`);
    graph.transitions.forEach((t, i) => {
      if (t.event !== step.eventType || t.refusalOnly || !from.has(t.source)) return;
      // A step that kept the state took a targetless transition (or a self-transition); any other, one into its target.
      if (t.target === null ? step.fromState === step.toState : to.has(t.target)) taken.add(i);
    });
  }
  return { current, visited, taken, steps };
}

function shapes(graph: MachineGraph, h: Highlighted | null, p: string) {
  const root = graph.states[0];
  const boxes = new Map<string, Box>();
  const start = `${p}start`;
  boxes.set(start, { id: start, lines: [], kind: 'start', current: false, visited: false });
  for (const s of graph.states.slice(1)) {
    const kind = s.type === 'final' ? 'final' : s.starts.length ? 'compound' : 'state';
    const current = !!h?.current.has(s.id) && !graph.states.some((c) => c.parent === s.id && h.current.has(c.id));
    const label = `${current ? '▶ ' : ''}${s.key}${s.type === 'parallel' ? ' (∥)' : ''}`;
    boxes.set(s.id, { id: s.id, lines: [{ text: label, bold: true }], kind, current, visited: !!h?.visited.has(s.id) });
  }
  const arrows: Arrow[] = [];
  for (const first of root.starts) arrows.push({ from: start, to: first, lines: [], style: 'start', taken: false });
  for (const s of graph.states.slice(1))
    for (const c of s.starts) arrows.push({ from: s.id, to: c, lines: [], style: 'start', taken: false });
  graph.transitions.forEach((t, i) => {
    const taken = !!h?.taken.has(i);
    // A transition the root declares applies in every state: drawn from the start mark.
    const from = t.source === root.id ? start : t.source;
    if (t.target === null) {
      boxes.get(from === start ? start : from)?.lines.push({ text: `↺ ${transitionText(t)}`, taken });
      return;
    }
    arrows.push({ from, to: t.target, lines: edgeLines(t), style: t.refusalOnly ? 'refused' : 'normal', taken });
  });
  // The root's targetless transitions have no box to be listed in: they are drawn in a box of their own.
  const rootStays = boxes.get(start)!.lines;
  if (rootStays.length) {
    const any = `${p}any`;
    boxes.set(any, {
      id: any,
      lines: [{ text: '*', bold: true }, ...rootStays],
      kind: 'state',
      current: false,
      visited: false,
    });
    boxes.get(start)!.lines = [];
    arrows.push({ from: start, to: any, lines: [], style: 'start', taken: false });
  }
  return { boxes, arrows };
}

function transitionText(t: GraphTransition): string {
  const guard = t.guards.length ? ` [${t.refusalOnly ? '⊘ ' : ''}${t.guards.join(', ')}]` : '';
  const rules = t.ruleIds.length ? ` ${t.ruleIds.join(', ')}` : '';
  return `${t.event}${guard}${rules}`;
}

function edgeLines(t: GraphTransition): string[] {
  const lines = [t.event];
  if (t.guards.length) lines.push(`[${t.refusalOnly ? '⊘ ' : ''}${t.guards.join(', ')}]`);
  if (t.ruleIds.length) lines.push(t.ruleIds.join(', '));
  return lines;
}

function describe(graph: MachineGraph, h: Highlighted | null, words: DiagramWords): string {
  const parts = [
    `${words.states}: ${graph.states
      .slice(1)
      .map((s) => s.key)
      .join(', ')}.`,
  ];
  if (h) {
    const current = graph.states.filter(
      (s) =>
        h.current.has(s.id) &&
        s.id !== graph.states[0].id &&
        !graph.states.some((c) => c.parent === s.id && h.current.has(c.id)),
    );
    parts.push(`${words.current}: ${current.map((s) => s.key).join(', ') || words.none}.`);
    parts.push(`${words.path}: ${h.steps.join('; ') || words.none}.`);
  }
  return parts.join(' ');
}

const n = (x: number) => (Math.round(x * 10) / 10).toString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
