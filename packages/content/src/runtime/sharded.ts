import { closeMatches, rank, stemWord, typoMatches, type Vocabulary } from './engine.js';
import { type SearchIndex, type SearchResult, search } from './search.js';
import { tokenize } from './tokenize.js';
import { typoBudget } from './typos.js';

/**
 * `search/index.json`, the manifest of the sharded index: how many essays there are (for idf) and
 * which shard holds the words starting with which letters. A shard's key is the first letters its
 * words share; a key that would hold too much is split by the next letter, so keys have two letters
 * or more and no word lives in two shards. Each key names its file, `search/shards/<file>.json`,
 * by a hash of its content: a shard is cached for good, and a manifest from before a deploy asks
 * for files that no longer exist rather than for the wrong postings.
 */
export interface SearchManifest {
  version: 3;
  docs: number;
  /** How many essays' results each file of `docs/` holds: doc n is in `docs/<n / docsPerFile>.json`. */
  docsPerFile: number;
  shards: Record<string, string>;
  /**
   * On a small site, the whole index itself (what `search-index.json` holds): about twice what
   * one sharded query loads, and every query after the manifest needs no request. Absent when
   * it would be over 48 KB gzip.
   */
  whole?: SearchIndex;
  /**
   * When no whole index is here and every essay's result fits in 52 KB gzip: those results, in
   * doc order (what `docs/` holds), so that a query needs its shards and nothing more.
   */
  results?: SearchDoc[];
}

/**
 * A shard file: for each word, its postings as `[doc, weight]` pairs flattened into one array, the
 * doc numbers after the first stored as the gap from the one before. Docs are numbered oldest
 * first, so publishing an essay adds a number and renumbers nothing.
 */
export type SearchShard = Record<string, number[]>;

/**
 * What a result shows of one essay. `search/docs/<n>.json` holds `docsPerFile` of them in doc
 * order: docs `n * docsPerFile` onwards.
 */
export type SearchDoc = [slug: string, title: string, description: string, date: string];

/**
 * Reads one file of the sharded index, by its path inside the `search/` folder (`index.json`,
 * `shards/<file>.json`, `docs/<n>.json`), and resolves to its parsed JSON: `fetch` in a browser,
 * `readFile` in Node.
 */
export type SearchLoader = (path: string) => Promise<unknown>;

export interface Searcher {
  /**
   * The essays matching `query`, best first, at most `limit`. Loads the manifest on first use,
   * then only the shards of the query's words and the small file of each result.
   */
  search(query: string, limit?: number): Promise<SearchResult[]>;
  /**
   * Loads the manifest now (a search dialog opening), so the first query waits only for its
   * shards and results; for its shards alone when the manifest holds every result, and on a
   * small site, where it holds the whole index, for nothing.
   */
  preload(): Promise<void>;
}

const commonPrefix = (a: string, b: string) => {
  let length = 0;
  while (length < a.length && a[length] === b[length]) length++;
  return a.slice(0, length);
};

/**
 * Search over the sharded index the build writes to `search/`, ranked exactly as `search` ranks
 * the whole index: the same stems, prefixes from three letters and typo budget, and the same
 * scores. Two differences: a typo is looked for among the words that share the query word's
 * first two letters, so a typo in those two letters is not corrected; and a two-letter word
 * finds longer words of its stem ("us" finds "using") only while the words starting with those
 * two letters fit in one shard.
 *
 * @example
 * const searcher = openSearch((path) => fetch(`/search/${path}`).then((response) => response.json()));
 * (await searcher.search('fencing token'))[0]?.slug; // 'status-is-a-distributed-system'
 */
export function openSearch(load: SearchLoader): Searcher {
  let manifest:
    | Promise<{
        docs: number;
        perFile: number;
        keys: [key: string, file: string][];
        whole?: SearchIndex;
        results?: SearchDoc[];
      }>
    | undefined;
  const shards = new Map<string, Promise<Map<string, number[]>>>();
  const docs = new Map<number, Promise<SearchDoc[]>>();
  const stems = new Map<string, string>();

  // A failed load is forgotten, so the next search tries again.
  function remember<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
    let value = cache.get(key);
    if (!value) {
      value = make();
      cache.set(key, value);
      value.catch(() => cache.delete(key));
    }
    return value;
  }

  function loadManifest() {
    manifest ??= load('index.json').then((value) => {
      const file = value as Partial<SearchManifest> | null;
      if (
        file?.version !== 3 ||
        typeof file.docs !== 'number' ||
        typeof file.docsPerFile !== 'number' ||
        typeof file.shards !== 'object'
      )
        throw new Error(
          'search/index.json is not a version 3 search manifest: rebuild the content package',
        );
      return {
        docs: file.docs,
        perFile: file.docsPerFile,
        keys: Object.entries(file.shards ?? {}),
        ...(typeof file.whole === 'object' && file.whole !== null && { whole: file.whole }),
        ...(Array.isArray(file.results) && { results: file.results }),
      };
    });
    manifest.catch(() => {
      manifest = undefined;
    });
    return manifest;
  }

  function loadShard(file: string) {
    return remember(shards, file, async () => {
      const shard = (await load(`shards/${file}.json`)) as SearchShard;
      const terms = new Map<string, number[]>();
      for (const term in shard) {
        const list = shard[term] ?? [];
        let doc = 0;
        for (let at = 0; at < list.length; at += 2) {
          doc += list[at] as number;
          list[at] = doc;
        }
        terms.set(term, list);
      }
      return terms;
    });
  }

  /**
   * The shards holding every indexed word that starts with `prefix`, or with `exact`, only the
   * shard that would hold `prefix` itself.
   */
  async function region(prefix: string, exact = false): Promise<Map<string, number[]>[]> {
    const { keys } = await loadManifest();
    return Promise.all(
      keys
        .filter(([key]) => prefix.startsWith(key) || (!exact && key.startsWith(prefix)))
        .map(([, file]) => loadShard(file)),
    );
  }

  function vocabularyOf(loaded: readonly Map<string, number[]>[]): Vocabulary {
    const postings = new Map<string, number[]>();
    for (const shard of loaded) for (const [term, list] of shard) postings.set(term, list);
    return { terms: [...postings.keys()], postings, stems };
  }

  return {
    async preload() {
      await loadManifest();
    },
    async search(query, limit = 10) {
      const words = [...new Set(tokenize(query))];
      if (words.length === 0) return [];
      const { whole } = await loadManifest();
      if (whole) return search(whole, query, limit);
      const { docs: total, perFile, results: inline } = await loadManifest();
      const all = new Map<string, readonly number[]>();
      const expansions = await Promise.all(
        words.map(async (word) => {
          // Every word this one can match without a typo starts with what it shares with its stem.
          // A two-letter word is no prefix (those start at three letters): the reader is still
          // typing, and the shards of every word starting with those two letters would be the
          // most a query could load, so it reads the one shard that holds the word itself.
          const start = commonPrefix(word, stemWord(stems, word)) || word;
          let vocabulary = vocabularyOf(await region(start, word.length < 3));
          let found = closeMatches(vocabulary, word);
          if (found.size === 0 && typoBudget(word.length) > 0) {
            vocabulary = vocabularyOf(await region(word.slice(0, 2)));
            found = typoMatches(vocabulary, word);
          }
          for (const term of found.keys()) {
            const list = vocabulary.postings.get(term);
            if (list) all.set(term, list);
          }
          return found;
        }),
      );
      // Newest first among equal scores, as in the whole index.
      const ranked = rank(all, expansions, total, limit, (a, b) => b - a);
      return Promise.all(
        ranked.map(async ({ doc, score, terms }) => {
          const file = Math.floor(doc / perFile);
          const found = inline
            ? inline[doc]
            : (await remember(docs, file, () => load(`docs/${file}.json`) as Promise<SearchDoc[]>))[
                doc - file * perFile
              ];
          if (!found)
            throw new Error(
              `search/${inline ? 'index' : `docs/${file}`}.json has no result for essay ${doc}`,
            );
          const [slug, title, description, date] = found;
          return { slug, title, description, date, score, terms };
        }),
      );
    },
  };
}
