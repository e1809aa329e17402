import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openSearch } from '@working-notes/content/search';

// What one search costs a reader in bytes, computed in Node from a built site; `pnpm bench`
// (scripts/bench.ts) prints it per corpus size, scripts/search-bench.ts beside Chromium's figures.

/** Queries a reader types, each kind of match once; the words are the synthetic corpus's. */
export const benchQueries = [
  { kind: 'one word', query: 'lease' },
  { kind: 'two words', query: 'lease timeout' },
  { kind: 'prefix while typing', query: 'reconc' },
  { kind: 'typo', query: 'idempotnet' },
] as const;

/** Results the dialog shows, each with its snippet. */
export const shown = 8;

export interface QueryBytes {
  kind: string;
  query: string;
  results: number;
  /** Sharded index: dialog script, manifest, shards, result files, and each result's Markdown. */
  bytes: number;
  /** How many files those are. */
  files: number;
  /** The same, the query typed one letter at a time with a search at each. */
  typedBytes: number;
  /** The same query over the whole index: dialog script, search-index.json, the same Markdown. */
  wholeIndexBytes: number;
}

export const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

/** The search dialog's lazy chunk in a built site: the runtime every search downloads first. */
export function dialogScript(siteDir: string): Buffer {
  const name = readdirSync(join(siteDir, 'assets')).find((file) =>
    /^search-dialog-.*\.js$/.test(file),
  );
  if (!name) throw new Error(`${siteDir}/assets has no search-dialog chunk: build the site first`);
  return readFileSync(join(siteDir, 'assets', name));
}

/**
 * Bytes (gzip -9) a reader downloads for each query on the site built in `siteDir`, from the
 * dialog opening to its results list with snippets: computed in Node by the same engine and the
 * same files the dialog fetches. `typedBytes` counts the query typed one letter at a time, the
 * dialog searching at every letter (each file read once, as the dialog and the browser's cache
 * keep them; passages only for the last list, which the dialog waits for). `pnpm bench` prints the larger figure per corpus size.
 */
export async function searchBytesPerQuery(
  siteDir: string,
  queries: readonly { kind: string; query: string }[] = benchQueries,
): Promise<QueryBytes[]> {
  const script = gz(dialogScript(siteDir));
  const whole = gz(readFileSync(join(siteDir, 'search-index.json')));
  const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
  const session = () => {
    const files = new Map<string, number>();
    const searcher = openSearch(async (path) => {
      const text = readFileSync(join(siteDir, 'search', path));
      files.set(`search/${path}`, gz(text));
      return JSON.parse(text.toString('utf8'));
    });
    const search = async (query: string, snippets = true) => {
      const results = await searcher.search(query, shown);
      for (const { slug } of snippets ? results : []) {
        const markdown = `essays/${slug}/index.md`;
        if (!files.has(markdown)) files.set(markdown, gz(readFileSync(join(siteDir, markdown))));
      }
      return results;
    };
    return { files, search };
  };
  const rows: QueryBytes[] = [];
  for (const { kind, query } of queries) {
    const once = session();
    const results = await once.search(query);
    const typed = session();
    // The dialog fetches passages only for a list that stays up (see snippetDelay), so only the
    // last list's are counted: a reader types the next letter sooner than that.
    for (let length = 1; length <= query.length; length++)
      await typed.search(query.slice(0, length), length === query.length);
    const snippets = results.map((result) =>
      gz(readFileSync(join(siteDir, 'essays', result.slug, 'index.md'))),
    );
    rows.push({
      kind,
      query,
      results: results.length,
      bytes: script + sum(once.files.values()),
      files: 1 + once.files.size,
      typedBytes: script + sum(typed.files.values()),
      wholeIndexBytes: script + whole + sum(snippets),
    });
  }
  return rows;
}
