/**
 * Plain text derived from the rendered HTML, so both engines count words and index search the
 * same way. Diagrams are dropped (their labels are not prose); code is kept only when asked.
 */
export function htmlToText(html: string, options: { code: boolean }): string {
  let text = html
    .replace(/<svg\b[\s\S]*?<\/svg>/g, ' ')
    .replace(/<a class="anchor"[^>]*>#<\/a>/g, '');
  if (!options.code) text = text.replace(/<pre\b[\s\S]*?<\/pre>/g, ' ');
  // Block boundaries become spaces; inline tags vanish, so "<code>x</code>." stays "x.".
  const spaced = text.replace(
    /<\/(?:p|h[1-6]|li|td|th|pre|blockquote|figure)>|<br>|<(?:p|li|td|th|h[1-6])\b[^>]*>/g,
    ' ',
  );
  return decodeEntities(spaced.replace(/<[^>]+>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu);
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
