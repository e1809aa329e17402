import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { SearchDoc, SearchManifest } from '../../runtime/search.js';
import type { RenderedEssay } from '../essay.js';

/**
 * A shard bigger than this (in JSON characters) is split by the next letter of its words. Small
 * enough that a query loads a few kilobytes per word, large enough that the manifest, which every
 * query loads, stays a short list of keys.
 */
export const shardLimit = 16_000;

/**
 * Results per file of `search/docs/`: a query of eight results reads at most eight files of about
 * a kilobyte gzip, and a site of 1000 essays writes 63 files instead of 1000 (twice: in the
 * package, then copied into the site). One per essay had been most of the package's files.
 */
export const docsPerFile = 16;

/**
 * A whole index at most this big (gzip) also goes inside the manifest: a small site's readers
 * then load one file, about twice what one sharded query costs, and every result after that
 * comes with no request at all. With 100 essays of the benchmark's corpus the whole index was
 * 42 KB, and its first results came in 8-12 ms after a reader had typed for 300 ms on a slow link,
 * against 156-163 ms for the shards.
 */
export const wholeLimit = 48 * 1024;

/**
 * Results at most this big (gzip, every essay's `SearchDoc`) also go inside the manifest, which a
 * search dialog loads as it opens: a query then waits for its shards alone, one request instead
 * of the shards and then the files of its results, and typing on needs no request for results
 * at all (each letter can change the top eight, and each result file holds sixteen). They cost a
 * query this much more, less the result files it would read. At 5000 essays of the benchmark's
 * corpus everything else a query reads (the dialog's script, the manifest's keys, shards and the
 * results' Markdown for snippets) came to at most 43 KB gzip, typed letter by letter: so results
 * up to this size keep a query within 100 KB. They are 9.2 KB at 1000 essays of that corpus and
 * 48.7 KB at 5000; beyond the limit they stay in `docs/`, which is written either way.
 */
export const resultsLimit = 52 * 1024;

/** One `"word":weight` of a search entry's words. */
const wordPattern = /"([^"]+)":(\d+)/g;

/**
 * The sharded search index, by path inside the output folder: `search/index.json` (the manifest),
 * `search/shards/<hash>.json` (each key's words and postings) and `search/docs/<n>.json` (what a
 * result shows of essays 16n to 16n + 15); for a small site the manifest also holds the whole
 * index (see `wholeLimit`), and for a middling one every result (see `resultsLimit`). Ranks
 * exactly like `search-index.json`, built from the same entries.
 * `published` is newest first; docs are numbered oldest first (see `SearchShard`).
 */
export function searchShardFiles(
  published: readonly RenderedEssay[],
  wholeIndex?: string,
): Map<string, string> {
  const files = new Map<string, string>();
  const postings = new Map<string, number[]>();
  const total = published.length;
  const results: SearchDoc[] = [];
  for (let doc = 0; doc < total; doc++) {
    const entry = (published[total - 1 - doc] as RenderedEssay).searchEntry;
    // The entry is `[slug,title,description,date,{words}]`, its words written by `wordsJson`:
    // letters and digits, each `"word":weight`, in the order an object would list them. Read
    // with a pattern, not JSON.parse: parsing hundreds of keys into an object per essay made V8
    // build a hidden class for every new run of keys, and this loop took 82 ms of a cold build of
    // 1000 essays (22-26 ms the second time in the same process).
    const wordsStart = entry.lastIndexOf(',{');
    results.push(JSON.parse(`${entry.slice(0, wordsStart)}]`) as SearchDoc);
    wordPattern.lastIndex = wordsStart;
    for (let match = wordPattern.exec(entry); match; match = wordPattern.exec(entry)) {
      const word = match[1] as string;
      const weight = Number(match[2]);
      const list = postings.get(word);
      if (list) list.push(doc, weight);
      else postings.set(word, [doc, weight]);
    }
  }

  // Each word's postings serialised once, gaps between doc numbers instead of the numbers.
  const entries = [...postings.keys()].sort().map((term) => {
    const list = postings.get(term) as number[];
    const gaps = list.slice();
    for (let at = gaps.length - 2; at > 0; at -= 2)
      gaps[at] = (list[at] as number) - (list[at - 2] as number);
    return { term, json: `${JSON.stringify(term)}:[${gaps.join(',')}]` };
  });

  const shards: Record<string, string> = {};
  const emit = (key: string, group: readonly { term: string; json: string }[]) => {
    if (group.length === 0) return;
    const text = `{${group.map((entry) => entry.json).join(',')}}`;
    const file = createHash('sha256').update(text).digest('hex').slice(0, 12);
    shards[key] = file;
    files.set(`search/shards/${file}.json`, text);
  };
  // `group` is sorted and every word in it starts with `key`.
  const place = (key: string, group: readonly { term: string; json: string }[]) => {
    const size = group.reduce((sum, entry) => sum + entry.json.length + 1, 2);
    if (size <= shardLimit || group.every((entry) => entry.term.length <= key.length)) {
      emit(key, group);
      return;
    }
    emit(
      key,
      group.filter((entry) => entry.term.length === key.length),
    );
    let from = group.findIndex((entry) => entry.term.length > key.length);
    while (from !== -1 && from < group.length) {
      const next = (group[from] as { term: string }).term.slice(0, key.length + 1);
      let to = from;
      while (to < group.length && (group[to] as { term: string }).term.startsWith(next)) to++;
      place(next, group.slice(from, to));
      from = to;
    }
  };
  // Words are two characters or more (see `tokenize`); the first two letters make the first keys.
  let from = 0;
  while (from < entries.length) {
    const key = (entries[from] as { term: string }).term.slice(0, 2);
    let to = from;
    while (to < entries.length && (entries[to] as { term: string }).term.startsWith(key)) to++;
    place(key, entries.slice(from, to));
    from = to;
  }

  for (let from = 0; from < total; from += docsPerFile)
    files.set(
      `search/docs/${from / docsPerFile}.json`,
      JSON.stringify(results.slice(from, from + docsPerFile)),
    );

  const manifest: SearchManifest = { version: 3, docs: total, docsPerFile, shards };
  // gzip compresses the index about fourfold: anything longer than this cannot fit the limit.
  const small =
    wholeIndex !== undefined &&
    wholeIndex.length <= wholeLimit * 8 &&
    gzipSync(wholeIndex).length <= wholeLimit;
  const allResults = small ? '' : JSON.stringify(results);
  // Real titles and descriptions gzip about threefold, the benchmark's twelvefold.
  const inline =
    !small && allResults.length <= resultsLimit * 16 && gzipSync(allResults).length <= resultsLimit;
  // The index's JSON as written for search-index.json, spliced in rather than parsed again.
  const text = JSON.stringify(manifest);
  files.set(
    'search/index.json',
    small
      ? `${text.slice(0, -1)},"whole":${wholeIndex}}`
      : inline
        ? `${text.slice(0, -1)},"results":${allResults}}`
        : text,
  );
  return files;
}
