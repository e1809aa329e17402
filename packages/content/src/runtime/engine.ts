import { stemmer } from 'stemmer';
import { typoBudget, withinEdits } from './typos.js';

// The ranking both searches share: the whole index (`search`) and the shards (`openSearch`).

/**
 * Indexed words and their postings, `[doc, weight]` pairs flattened into one array: what ranking
 * reads, whether it comes from the whole index or from the shards a query loaded.
 */
export interface Vocabulary {
  terms: readonly string[];
  postings: ReadonlyMap<string, readonly number[]>;
  /** Stems of the words looked at so far: a word is stemmed only when a query comes near it. */
  stems: Map<string, string>;
}

function stemOf(stems: Map<string, string>, term: string): string {
  let value = stems.get(term);
  if (value === undefined) {
    value = stemmer(term);
    stems.set(term, value);
  }
  return value;
}

// Words of one stem share their first letters ("idempot-ent", "idempot-ency"), so only words
// starting like the stem are stemmed and compared.
function relatives({ terms, stems }: Vocabulary, root: string): string[] {
  const start = root.slice(0, 3);
  return terms.filter((term) => term.startsWith(start) && stemOf(stems, term) === root);
}

/** The stem of a query word, which decides the indexed words of the same stem. */
export function stemWord(stems: Map<string, string>, word: string): string {
  return stemOf(stems, word);
}

/**
 * The indexed words a query word stands for without a typo, each with how much a match on it is
 * worth: the word itself (1), words with the same stem (0.9), words it begins, from three letters
 * (0.6).
 */
export function closeMatches(vocabulary: Vocabulary, word: string): Map<string, number> {
  const found = new Map<string, number>();
  const add = (term: string, value: number) => {
    if ((found.get(term) ?? 0) < value) found.set(term, value);
  };
  if (vocabulary.postings.has(word)) add(word, 1);
  for (const term of relatives(vocabulary, stemOf(vocabulary.stems, word))) add(term, 0.9);
  if (word.length >= 3)
    for (const term of vocabulary.terms) if (term.startsWith(word)) add(term, 0.6);
  return found;
}

/** Indexed words within a typo or two of a query word, and the words of their stems (0.5). */
export function typoMatches(vocabulary: Vocabulary, word: string): Map<string, number> {
  const found = new Map<string, number>();
  const budget = typoBudget(word.length);
  if (budget === 0) return found;
  for (const term of vocabulary.terms) {
    // A typo rarely hits both of the first two letters; skipping those words keeps this fast.
    if (term[0] !== word[0] && term[1] !== word[1]) continue;
    if (withinEdits(word, term, budget))
      for (const relative of relatives(vocabulary, stemOf(vocabulary.stems, term)))
        if ((found.get(relative) ?? 0) < 0.5) found.set(relative, 0.5);
  }
  return found;
}

/** A ranked document: its number, score and the indexed words it matched. */
export interface Ranked {
  doc: number;
  score: number;
  terms: string[];
}

/**
 * Scores documents for the expansions of each query word (every word must match), rarer words
 * counting more: idf comes from a posting list's length and `total`, the number of documents.
 * Ties go to `before(a, b)`, the order the index lists its documents in.
 */
export function rank(
  postings: ReadonlyMap<string, readonly number[]>,
  expansions: readonly ReadonlyMap<string, number>[],
  total: number,
  limit: number,
  before: (a: number, b: number) => number = (a, b) => a - b,
): Ranked[] {
  let scores: Map<number, number> | undefined;
  const matched = new Map<number, Set<string>>();
  for (const expansion of expansions) {
    const wordScores = new Map<number, number>();
    for (const [term, closeness] of expansion) {
      const list = postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + total / (list.length / 2));
      for (let at = 0; at < list.length; at += 2) {
        const doc = list[at] as number;
        const weight = list[at + 1] as number;
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
        const earlier = previous.get(doc);
        if (earlier !== undefined) scores.set(doc, earlier + value);
      }
    }
    if (scores.size === 0) return [];
  }
  return [...(scores ?? [])]
    .sort((a, b) => b[1] - a[1] || before(a[0], b[0]))
    .slice(0, limit)
    .map(([doc, score]) => ({ doc, score, terms: [...(matched.get(doc) ?? [])].sort() }));
}
