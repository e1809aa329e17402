import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openSearch } from '@working-notes/content/search';

// What one search costs a reader in bytes, computed in Node from a built site; `pnpm bench`
// (scripts/scale.ts) prints it per corpus size, scripts/search-bench.ts beside Chromium's figures.

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
 * same files the dialog fetches. `pnpm bench` prints this per corpus size.
 */
export async function searchBytesPerQuery(
  siteDir: string,
  queries: readonly { kind: string; query: string }[] = benchQueries,
): Promise<QueryBytes[]> {
  const script = gz(dialogScript(siteDir));
  const whole = gz(readFileSync(join(siteDir, 'search-index.json')));
  const rows: QueryBytes[] = [];
  for (const { kind, query } of queries) {
    const loaded = new Map<string, number>();
    const searcher = openSearch(async (path) => {
      const text = readFileSync(join(siteDir, 'search', path));
      loaded.set(path, gz(text));
      return JSON.parse(text.toString('utf8'));
    });
    const results = await searcher.search(query, shown);
    const snippets = results.map((result) =>
      gz(readFileSync(join(siteDir, 'essays', result.slug, 'index.md'))),
    );
    const sum = (values: Iterable<number>) =>
      [...values].reduce((total, value) => total + value, 0);
    rows.push({
      kind,
      query,
      results: results.length,
      bytes: script + sum(loaded.values()) + sum(snippets),
      files: 1 + loaded.size + snippets.length,
      wholeIndexBytes: script + whole + sum(snippets),
    });
  }
  return rows;
}
