/**
 * A strict parser of the XML this service writes (the Atom feed): elements, attributes, text, the five predefined
 * entities and numeric references, an XML declaration. No DTD, comments or CDATA (the feed has none, so any is an
 * error). It throws on anything not well-formed: an unclosed or mismatched tag, a bare `&` or `<`, a second root.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (/<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`bad character data at ${at}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : ENTITIES[e],
  );
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const decl = /^<\?xml\s+version="1\.0"(\s+encoding="utf-8")?\s*\?>/i.exec(source);
  if (decl) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const text = source.slice(i, lt === -1 ? source.length : lt);
    if (stack.length) stack[stack.length - 1].text += decode(text, i);
    else if (text.trim()) throw new Error(`text outside the root at ${i}`);
    if (lt === -1) break;
    i = lt;
    if (source.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(source.slice(i));
      const open = stack.pop();
      if (!m || !open || open.name !== m[1]) throw new Error(`mismatched end tag at ${i}`);
      i += m[0].length;
      continue;
    }
    const name = NAME.exec(source.slice(i + 1));
    if (!name) throw new Error(`bad tag at ${i}`);
    if (root && !stack.length) throw new Error(`a second root at ${i}`);
    const el: XmlElement = { name: name[0], attrs: {}, children: [], text: '' };
    i += 1 + name[0].length;
    for (;;) {
      const attr = /^\s+([A-Za-z_][\w.:-]*)\s*=\s*"([^"]*)"/.exec(source.slice(i));
      if (!attr) break;
      if (attr[1] in el.attrs) throw new Error(`attribute ${attr[1]} twice at ${i}`);
      el.attrs[attr[1]] = decode(attr[2], i);
      i += attr[0].length;
    }
    const end = /^\s*(\/?)>/.exec(source.slice(i));
    if (!end) throw new Error(`unclosed tag <${el.name}> at ${i}`);
    i += end[0].length;
    if (stack.length) stack[stack.length - 1].children.push(el);
    else root = el;
    if (!end[1]) stack.push(el);
  }
  if (stack.length || !root) throw new Error(`unclosed element <${stack[stack.length - 1]?.name ?? '?'}>`);
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
