/**
 * Plain text derived from the rendered HTML, so both engines count words and index search the
 * same way. Diagrams are dropped (their labels are not prose); code is kept only when asked.
 */
export function htmlToText(html: string, options: { code: boolean }): string {
  let text = html
    .replace(/<svg\b[\s\S]*?<\/svg>/g, ' ')
    .replace(/<a class="anchor"[^>]*>#<\/a>/g, '');
  if (!options.code) text = text.replace(/<pre\b[\s\S]*?<\/pre>/g, ' ');
  // One pass over the tags (and comments): block boundaries become spaces; inline tags vanish,
  // so "<code>x</code>." stays "x.".
  const stripped = text.replace(
    /<(\/?)([a-zA-Z][a-zA-Z0-9]*)?[^>]*>/g,
    (_tag, closing, name = '') =>
      closing ? (blockEnds.has(name) ? ' ' : '') : blockStarts.has(name) ? ' ' : '',
  );
  return decodeEntities(stripped).replace(/\s+/g, ' ').trim();
}

const blockEnds = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'td',
  'th',
  'pre',
  'blockquote',
  'figure',
]);
const blockStarts = new Set(['p', 'li', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br']);

export function countWords(text: string): number {
  // Plain ASCII text takes the cheaper pattern; both count the same words.
  const words = /[^ -~\s]/.test(text)
    ? text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)
    : text.match(/[A-Za-z0-9][A-Za-z0-9'.-]*/g);
  return words ? words.length : 0;
}

/** Minutes at 230 words a minute, the usual figure for technical prose; never zero. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / 230));
}

/** The first paragraph as plain text, cut at a word boundary near `max` characters. */
export function excerptOf(html: string, max = 280): string {
  const first = /<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
  const text = htmlToText(first, { code: true });
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40)).replace(/[\s,.;:]+$/, '')}…`;
}

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X'
          ? Number.parseInt(body.slice(2), 16)
          : Number(body.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
    }
    return named[body] ?? entity;
  });
}
