import { stemmer } from 'stemmer';
import { tokenize } from './tokenize.js';
import { typoBudget, withinEdits } from './typos.js';

export { type Snippet, snippet } from './snippet.js';
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
  /** The indexed words this essay matched, for highlighting (see `snippet`). */
  terms: string[];
}

interface Inverted {
  vocabulary: string[];
  postings: Map<string, [doc: number, weight: number][]>;
  /** Stems of the words looked at so far: a word is stemmed only when a query comes near it. */
  stems: Map<string, string>;
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
  built = { vocabulary: [...postings.keys()], postings, stems: new Map() };
  inverted.set(index, built);
  return built;
}

/**
 * The indexed words one query word stands for, each with how much a match on it is worth: the
 * word itself (1), words with the same stem (0.9), words it begins, from three letters (0.6), and
 * only when none of those exist, words within a typo or two of it (0.5).
 */
function expand({ vocabulary, postings, stems }: Inverted, word: string): Map<string, number> {
  const found = new Map<string, number>();
  const add = (term: string, value: number) => {
    if ((found.get(term) ?? 0) < value) found.set(term, value);
  };
  const stem = (term: string) => {
    let value = stems.get(term);
    if (value === undefined) {
      value = stemmer(term);
      stems.set(term, value);
    }
    return value;
  };
  // Words of one stem share their first letters ("idempot-ent", "idempot-ency"), so only words
  // starting like the stem are stemmed and compared.
  const relatives = (root: string) => {
    const start = root.slice(0, 3);
    return vocabulary.filter((term) => term.startsWith(start) && stem(term) === root);
  };
  if (postings.has(word)) add(word, 1);
  for (const term of relatives(stem(word))) add(term, 0.9);
  if (word.length >= 3) for (const term of vocabulary) if (term.startsWith(word)) add(term, 0.6);
  if (found.size > 0) return found;
  const budget = typoBudget(word.length);
  if (budget === 0) return found;
  for (const term of vocabulary) {
    // A typo rarely hits both of the first two letters; skipping those words keeps this fast.
    if (term[0] !== word[0] && term[1] !== word[1]) continue;
    if (withinEdits(word, term, budget))
      for (const relative of relatives(stem(term))) add(relative, 0.5);
  }
  return found;
}

/**
 * Ranks essays for a query. Every word must match: as itself, through its stem ("idempotent"
 * finds "idempotency"), as the start of a longer word from three letters, so results appear while
 * typing, or, failing those, with a typo or two ("kubernets"). Rarer words count more.
 *
 * @example
 * const index = await (await fetch('/search-index.json')).json();
 * search(index, 'fencing token')[0]?.slug; // 'status-is-a-distributed-system'
 */
export function search(index: SearchIndex, query: string, limit = 10): SearchResult[] {
  const words = [...new Set(tokenize(query))];
  if (words.length === 0) return [];
  const built = invert(index);
  const total = index.docs.length;
  let scores: Map<number, number> | undefined;
  const matched = new Map<number, Set<string>>();
  for (const word of words) {
    const wordScores = new Map<number, number>();
    for (const [term, closeness] of expand(built, word)) {
      const list = built.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + total / list.length);
      for (const [doc, weight] of list) {
        const value = idf * closeness * (weight / (weight + 2));
        wordScores.set(doc, Math.max(wordScores.get(doc) ?? 0, value));
        const terms = matched.get(doc);
        if (terms) terms.add(term);
        else matched.set(doc, new Set([term]));
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
        ? [
            {
              slug: entry[0],
              title: entry[1],
              description: entry[2],
              date: entry[3],
              score,
              terms: [...(matched.get(doc) ?? [])],
            },
          ]
        : [];
    });
}
