import { tokenize } from './tokenize.js';

/** A passage of an essay around the words a query matched, with where those words are. */
export interface Snippet {
  text: string;
  /** `[start, end)` character ranges of matched words inside `text`, in order. */
  marks: [start: number, end: number][];
}

/**
 * The passage of `text` (an essay's plain text) where the most of `terms` (a search result's
 * matched words) sit close together, cut at word boundaries to about `length` characters.
 *
 * @example
 * const post = await loadPost(result.slug);
 * snippet(post.text, result.terms).text; // "…a fencing token rejects the older worker's write…"
 */
export function snippet(text: string, terms: readonly string[], length = 180): Snippet | undefined {
  const wanted = new Set(terms);
  const hits: [start: number, end: number, term: string][] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const [word] = tokenize(match[0]);
    if (word !== undefined && wanted.has(word))
      hits.push([match.index, match.index + match[0].length, word]);
  }
  if (hits.length === 0) return undefined;

  // The window starting at each hit that holds the most distinct terms wins; earlier wins ties.
  let best = 0;
  let bestScore = -1;
  for (let first = 0; first < hits.length; first++) {
    const start = hits[first]?.[0] ?? 0;
    const seen = new Set<string>();
    for (let last = first; last < hits.length && (hits[last]?.[1] ?? 0) - start <= length; last++)
      seen.add(hits[last]?.[2] ?? '');
    if (seen.size > bestScore) {
      bestScore = seen.size;
      best = first;
    }
  }

  const anchor = hits[best]?.[0] ?? 0;
  // Start a little before the first hit, at a word boundary, so the hit has context.
  let from = Math.max(0, anchor - Math.floor(length / 4));
  if (from > 0) from = text.indexOf(' ', from) + 1 || anchor;
  let to = Math.min(text.length, from + length);
  if (to < text.length) to = text.lastIndexOf(' ', to) > from ? text.lastIndexOf(' ', to) : to;
  const prefix = from > 0 ? '…' : '';
  const passage = `${prefix}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;

  const marks: [number, number][] = [];
  for (const match of passage.matchAll(/[\p{L}\p{N}]+/gu)) {
    const [word] = tokenize(match[0]);
    if (word !== undefined && wanted.has(word))
      marks.push([match.index, match.index + match[0].length]);
  }
  return { text: passage, marks };
}
