/**
 * Text from a bank or a statement file that finagg will show in a terminal. The SimpleFIN
 * protocol asks that every string from a server be sanitized before display, and a file
 * downloaded from a bank is no more trusted: a description carrying
 * `ESC ]` or `ESC [2J` could retitle or clear the person's terminal, a bidi override
 * could make one merchant read as another.
 */

/**
 * ANSI/ECMA-48 escape sequences: CSI (`ESC [ ... final`), OSC, DCS, SOS, PM and APC
 * strings up to their terminator, other two- and three-byte escapes, and the 8-bit CSI.
 * A lone ESC matches too (the group is optional).
 */
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0020-\u002f]*[\u0030-\u007e])?|\u009b[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]/g;
/** Controls that separate words: they become spaces, not nothing. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
/** C0, DEL and C1 controls; bidi embeddings, overrides, isolates and marks; the BOM. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Half of a surrogate pair without the other half: not text (SQLite would store U+FFFD). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Printable ASCII: no escapes, controls or marks to remove, only spaces to squeeze. */
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

/**
 * `text` safe to print: escape sequences and control characters removed, whitespace
 * collapsed to single spaces, trimmed, and at most `max` code points (a longer text ends
 * in `…`). May return the empty string.
 */
export function displayText(text: string, max: number): string {
  // Most text is printable ASCII (an import of a 300,000-line file asks this of every line).
  const clean = PRINTABLE_ASCII.test(text)
    ? /^ | $| {2}/.test(text)
      ? text.replace(/ {2,}/g, ' ').trim()
      : text
    : text
        .replace(ESCAPE_SEQUENCE, '')
        .replace(BREAKS, ' ')
        .replace(INVISIBLE, '')
        .replace(LONE_SURROGATE, '\ufffd')
        .replace(/\s+/g, ' ')
        .trim();
  // Code points, so a cut never splits a surrogate pair. Cheap test first: most texts are short.
  if (clean.length <= max) return clean;
  const points = Array.from(clean);
  if (points.length <= max) return clean;
  return `${points
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}
