import { closeMatches, rank, typoMatches, type Vocabulary } from './engine.js';
import { tokenize } from './tokenize.js';

export {
  openSearch,
  type SearchDoc,
  type Searcher,
  type SearchLoader,
  type SearchManifest,
  type SearchShard,
} from './sharded.js';
export { type Snippet, snippet } from './snippet.js';
export { tokenize };

/**
 * The whole-index file the build writes to `search-index.json`: one entry per essay with the
 * weighted words of its title, description, headings and body. It grows with every essay; the
 * sharded files under `search/` (see `openSearch`) let a reader download only what a query needs.
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

const inverted = new WeakMap<SearchIndex, Vocabulary>();

function invert(index: SearchIndex): Vocabulary {
  let built = inverted.get(index);
  if (built) return built;
  const postings = new Map<string, number[]>();
  index.docs.forEach(([, , , , words], doc) => {
    for (const word in words) {
      const list = postings.get(word);
      const weight = words[word] ?? 0;
      if (list) list.push(doc, weight);
      else postings.set(word, [doc, weight]);
    }
  });
  built = { terms: [...postings.keys()], postings, stems: new Map() };
  inverted.set(index, built);
  return built;
}

/**
 * Ranks essays for a query over the whole index. Every word must match: as itself, through its
 * stem ("idempotent" finds "idempotency"), as the start of a longer word from three letters, so
 * results appear while typing, or, failing those, with a typo or two ("kubernets"). Rarer words
 * count more.
 *
 * @deprecated The whole index grows with every essay (about 1 MB gzip at 5000). `openSearch`
 * ranks the same way from the sharded files, loading only the shards of the query's words.
 *
 * @example
 * const index = await (await fetch('/search-index.json')).json();
 * search(index, 'fencing token')[0]?.slug; // 'status-is-a-distributed-system'
 */
export function search(index: SearchIndex, query: string, limit = 10): SearchResult[] {
  const words = [...new Set(tokenize(query))];
  if (words.length === 0) return [];
  const built = invert(index);
  const expansions = words.map((word) => {
    const close = closeMatches(built, word);
    return close.size > 0 ? close : typoMatches(built, word);
  });
  return rank(built.postings, expansions, index.docs.length, limit).flatMap(
    ({ doc, score, terms }) => {
      const entry = index.docs[doc];
      return entry
        ? [{ slug: entry[0], title: entry[1], description: entry[2], date: entry[3], score, terms }]
        : [];
    },
  );
}
