import { tokenize } from './tokenize.js';

export { tokenize };

/**
 * The full-text index the build writes to `search-index.json`: one entry per essay with the
 * weighted words of its title, description, headings and body. The build writes each entry once,
 * when it renders the essay; the reader's browser turns it into a word index on first search.
 */
export interface SearchIndex {
  version: 1;
  docs: SearchEntry[];
}

/** One essay in the index: its slug, title, description, date and weighted words. */
export type SearchEntry = [
  slug: string,
  title: string,
  description: string,
  date: string,
  words: Record<string, number>,
];

export interface SearchResult {
  slug: string;
  title: string;
  description: string;
  date: string;
  score: number;
}

interface Inverted {
  vocabulary: string[];
  postings: Map<string, [doc: number, weight: number][]>;
}

const inverted = new WeakMap<SearchIndex, Inverted>();

function invert(index: SearchIndex): Inverted {
  let built = inverted.get(index);
  if (built) return built;
  const postings = new Map<string, [number, number][]>();
  index.docs.forEach(([, , , , words], doc) => {
    for (const word in words) {
      const list = postings.get(word);
      const entry: [number, number] = [doc, words[word] ?? 0];
      if (list) list.push(entry);
      else postings.set(word, [entry]);
    }
  });
  built = { vocabulary: [...postings.keys()], postings };
  inverted.set(index, built);
  return built;
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
  const { vocabulary, postings } = invert(index);
  const total = index.docs.length;
  let scores: Map<number, number> | undefined;
  for (const word of words) {
    const matching = word.length >= 3 ? vocabulary.filter((term) => term.startsWith(word)) : [word];
    const wordScores = new Map<number, number>();
    for (const term of matching) {
      const list = postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + total / list.length);
      // An exact word outranks a longer word it is only the start of.
      const exactness = term === word ? 1 : 0.6;
      for (const [doc, weight] of list) {
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
