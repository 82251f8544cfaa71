import type { DecisionView } from '../decision.views';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderExtractHtml(view: DecisionView): string {
  return `<!doctype html><html lang="sv"><meta charset="utf-8"><title>Protokollsutdrag</title><pre>${esc(JSON.stringify(view.paragraph, null, 2))}</pre></html>`;
}
