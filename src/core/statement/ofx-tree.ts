import { invalidInput } from '../errors';

/**
 * OFX as a tree. OFX 1.x is SGML: aggregates have end tags, elements (leaves) usually do
 * not (`<TRNAMT>-12.50` and the next tag follows). OFX 2.x is XML: every tag is closed.
 * One tolerant reader serves both: a tag followed by text is an element whose value is
 * that text, and its end tag, when there is one, is skipped; a tag followed by another
 * tag opens an aggregate. An end tag closes its aggregate and any left open inside it
 * (sloppy files exist); an end tag with no open aggregate, or a document that stops
 * before `</OFX>`, is refused: that is a truncated or a different file.
 */
export interface OfxNode {
  name: string;
  /** An element's value (entities decoded, trimmed); undefined for an aggregate. */
  value?: string;
  children: OfxNode[];
}

/** Where the OFX body starts, or -1 when the text is not OFX. */
export function ofxBodyStart(text: string): number {
  const at = text.search(/<OFX>/i);
  if (at < 0) return -1;
  const head = text.slice(0, at);
  // OFX 1 starts with its colon header, OFX 2 with an XML declaration and <?OFX ...?>.
  const looksLikeOfx = /^\s*OFXHEADER\s*:/i.test(head) || /<\?OFX\s/i.test(head) || head.trim() === '';
  return looksLikeOfx ? at : -1;
}

/**
 * Real statements nest about ten aggregates deep (a few more where empty elements are
 * read as aggregates). Far deeper is not a statement, and the tree's readers recurse:
 * refused here, not a stack overflow later.
 */
const MAX_DEPTH = 1000;

// A CDATA section is text taken as it is (OFX 2 writers wrap payees in them).
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z][A-Za-z0-9_.]*)\s*[^>]*?(\/?)>|([^<]+)|(<)/g;

export function parseOfxTree(text: string): OfxNode {
  const start = ofxBodyStart(text);
  if (start < 0) throw invalidInput('the file is not OFX: no <OFX> after an OFX header');
  const root: OfxNode = { name: '#document', children: [] };
  const stack: OfxNode[] = [root];
  let pendingElement: OfxNode | undefined; // an element whose optional end tag may follow
  let closed = false;
  TOKEN.lastIndex = start;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const [, cdata, slash, rawName, selfClosing, chars, stray] = m;
    if (stray !== undefined) {
      if (!text.includes('>', m.index)) throw invalidInput('the OFX file ends inside a tag: it looks truncated');
      throw invalidInput(`the OFX file has a stray "<" at character ${m.index}`);
    }
    if (chars !== undefined || cdata !== undefined) {
      const piece = cdata ?? decodeEntities(chars!);
      if (piece.trim() === '') continue;
      const open = stack[stack.length - 1]!;
      if (closed) throw invalidInput(`the OFX file goes on after </OFX> (${JSON.stringify(piece.trim().slice(0, 30))})`);
      // More text of the element just read (text and a CDATA section side by side).
      if (pendingElement) {
        pendingElement.value = `${pendingElement.value} ${piece.trim()}`.trim();
        continue;
      }
      // Text right after an opening tag: that tag was an element, not an aggregate.
      if (open.children.length === 0 && open.value === undefined && stack.length > 1) {
        stack.pop();
        open.value = piece.trim();
        pendingElement = open;
        continue;
      }
      throw invalidInput(`the OFX file has text outside an element: ${JSON.stringify(piece.trim().slice(0, 30))}`);
    }
    if (rawName === undefined) continue; // a comment or a processing instruction
    const name = rawName.toUpperCase();
    if (slash) {
      if (pendingElement?.name === name) {
        pendingElement = undefined;
        continue;
      }
      pendingElement = undefined;
      const at = findOpen(stack, name);
      if (at < 0) throw invalidInput(`the OFX file closes <${name}> that is not open`);
      // `<BALAMT></BALAMT>`: an element written empty, not an aggregate.
      const node = stack[at]!;
      if (at === stack.length - 1 && node.children.length === 0 && node.value === undefined) node.value = '';
      stack.length = at; // closes it and anything left open inside it
      if (name === 'OFX') closed = true;
      continue;
    }
    if (closed) throw invalidInput(`the OFX file goes on after </OFX> (<${name}>)`);
    pendingElement = undefined;
    const node: OfxNode = { name, children: [] };
    stack[stack.length - 1]!.children.push(node);
    if (selfClosing) node.value = '';
    else if (stack.length > MAX_DEPTH)
      throw invalidInput(`the OFX file nests more than ${MAX_DEPTH} aggregates: it is not a statement`);
    else stack.push(node);
  }
  if (!closed) throw invalidInput('the OFX file ends before </OFX>: it looks truncated');
  const ofx = root.children.find((c) => c.name === 'OFX');
  if (!ofx) throw invalidInput('the file is not OFX: no <OFX> element');
  return ofx;
}

function findOpen(stack: readonly OfxNode[], name: string): number {
  for (let i = stack.length - 1; i > 0; i--) if (stack[i]!.name === name) return i;
  return -1;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // Surrogates are no characters (XML's Char): one alone is not text SQLite can keep.
      const character = Number.isFinite(code) && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return character ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** The first descendant named `name` (depth first), or undefined. */
export function find(node: OfxNode, name: string): OfxNode | undefined {
  for (const child of node.children) {
    if (child.name === name) return child;
    const deeper = find(child, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Every descendant named `name`, in document order. */
export function findAll(node: OfxNode, name: string, into: OfxNode[] = []): OfxNode[] {
  for (const child of node.children) {
    if (child.name === name) into.push(child);
    else findAll(child, name, into);
  }
  return into;
}

/** The value of a direct child element, or undefined when absent or empty. */
export function valueOf(node: OfxNode, name: string): string | undefined {
  const child = node.children.find((c) => c.name === name);
  return child?.value === undefined || child.value === '' ? undefined : child.value;
}
