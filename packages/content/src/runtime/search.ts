import { tokenize } from './tokenize.js';

/**
 * The full-text index the build writes to `search-index.json`. `docs` holds what a result shows;
 * `terms` maps each word to a flat list of `[docIndex, weight, docIndex, weight, ...]`.
 */
export interface SearchIndex {
  version: 1;
  docs: [slug: string, title: string, description: string, date: string][];
  terms: Record<string, number[]>;
}

export interface SearchResult {
  slug: string;
  title: string;
  description: string;
  date: string;
  score: number;
}

/**
 * Ranks essays for a query. Every word must match (as a whole word or, from three letters, as a
 * prefix, so results appear while typing); rarer words count more.
 *
 * @example
 * const index = await (await fetch('/search-index.json')).json();
 * search(index, 'fencing token')[0]?.slug; // 'status-is-a-distributed-system'
 */
export function search(index: SearchIndex, query: string, limit = 10): SearchResult[] {
  const words = [...new Set(tokenize(query))];
  if (words.length === 0) return [];
  const vocabulary = Object.keys(index.terms);
  const total = index.docs.length;
  let scores: Map<number, number> | undefined;
  for (const word of words) {
    const matching = word.length >= 3 ? vocabulary.filter((term) => term.startsWith(word)) : [word];
    const wordScores = new Map<number, number>();
    for (const term of matching) {
      const postings = index.terms[term];
      if (!postings) continue;
      const documents = postings.length / 2;
      const idf = Math.log(1 + total / documents);
      // An exact word outranks a longer word it is only the start of.
      const exactness = term === word ? 1 : 0.6;
      for (let i = 0; i < postings.length; i += 2) {
        const doc = postings[i] as number;
        const weight = postings[i + 1] as number;
        const value = idf * exactness * (weight / (weight + 2));
        wordScores.set(doc, Math.max(wordScores.get(doc) ?? 0, value));
      }
    }
    if (scores === undefined) {
      scores = wordScores;
    } else {
      const previous: Map<number, number> = scores;
      scores = new Map();
      for (const [doc, value] of wordScores) {
        const before = previous.get(doc);
        if (before !== undefined) scores.set(doc, before + value);
      }
    }
    if (scores.size === 0) return [];
  }
  return [...(scores ?? [])]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .flatMap(([doc, score]) => {
      const entry = index.docs[doc];
      return entry
        ? [{ slug: entry[0], title: entry[1], description: entry[2], date: entry[3], score }]
        : [];
    });
}
