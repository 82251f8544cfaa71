/**
 * The pages' one template mechanism: a tagged template literal that escapes every interpolated value unless it is
 * already Html (made by this tag or by `raw` for text this code wrote itself). Escaping lives here and nowhere else,
 * so a page cannot forget it: a value from the database is text until a template says otherwise.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** An interpolated value: Html as is, arrays joined, null/undefined/false as nothing, everything else escaped. */
type Part = Html | string | number | boolean | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < parts.length; i++) out += render(parts[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup this code wrote itself (never data): trusted as is. */
export function raw(markup: string): Html {
  return new Html(markup);
}
