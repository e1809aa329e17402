import { anchorLinkPattern, codeBlockPattern, diagramPattern } from './markup.js';

/**
 * Plain text derived from the rendered HTML, so both engines count words and index search the
 * same way. Diagrams are dropped (their labels are not prose); code is kept only when asked.
 */
export function htmlToText(html: string, options: { code: boolean }): string {
  let text = withoutDecoration(html);
  if (!options.code) text = text.replace(codeBlockPattern, ' ');
  return finish(stripTags(text));
}

/**
 * Both texts of an essay at once: the prose (for the word count) and the full text with code (for
 * search). Each equals what `htmlToText` gives, but the prose around the code is stripped once.
 */
export function plainTexts(html: string): { prose: string; full: string } {
  // A NUL marks where a code block was; rendered HTML never contains one (Markdown turns it
  // into U+FFFD), but a stray one falls back to two passes rather than risk a wrong text.
  if (html.includes('\0'))
    return { prose: htmlToText(html, { code: false }), full: htmlToText(html, { code: true }) };
  const blocks: string[] = [];
  const stripped = stripTags(
    withoutDecoration(html).replace(codeBlockPattern, (block) => {
      blocks.push(block);
      return '\0';
    }),
  );
  if (blocks.length === 0) {
    const text = finish(stripped);
    return { prose: text, full: text };
  }
  let next = 0;
  return {
    prose: finish(stripped.replace(/\0/g, ' ')),
    full: finish(stripped.replace(/\0/g, () => stripTags(blocks[next++] ?? ''))),
  };
}

/** Diagrams and heading anchors are not text: their labels and "#" would pollute it. */
function withoutDecoration(html: string): string {
  return html.replace(diagramPattern, ' ').replace(anchorLinkPattern, '');
}

/**
 * One pass over the tags (and comments): block boundaries become spaces; inline tags vanish, so
 * "<code>x</code>." stays "x.".
 */
function stripTags(html: string): string {
  return html.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)?[^>]*>/g, (_tag, closing, name = '') =>
    closing ? (blockEnds.has(name) ? ' ' : '') : blockStarts.has(name) ? ' ' : '',
  );
}

/**
 * Decodes entities and collapses each run of whitespace to one space. The pattern skips runs that
 * already are a single space (most of them, one between every two words), which makes it about
 * three times quicker than replacing every `\s+`, with the same result.
 */
function finish(text: string): string {
  return decodeEntities(text)
    .replace(/ ?[^\S ]\s*| {2,}\s*/g, ' ')
    .trim();
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
