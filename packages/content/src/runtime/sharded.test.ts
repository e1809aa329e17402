import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.js';
import { compileFixture, temporaryDir } from '../../test/helpers.js';
import { compile } from '../compiler/compile.js';
import { openSearch, type SearchIndex, type SearchManifest, search } from './search.js';

/**
 * A searcher over a compiled folder's `search/`, and the paths it has read so far. `shardsOnly`
 * hides a small site's whole index from it, to test the shards on a small corpus, and
 * `resultFiles` the results the manifest carries, to test the files of `docs/` instead.
 */
function searcherOf(out: string, { shardsOnly = false, resultFiles = false } = {}) {
  const read: string[] = [];
  const searcher = openSearch(async (path) => {
    read.push(path);
    const value = JSON.parse(readFileSync(join(out, 'search', path), 'utf8'));
    if (shardsOnly && path === 'index.json') delete value.whole;
    if (resultFiles && path === 'index.json') delete value.results;
    return value;
  });
  return { searcher, read };
}

/** A synthetic corpus of `count` essays, compiled with no cache: its output folder. */
async function compiledCorpus(name: string, count: number): Promise<string> {
  const essays = temporaryDir(`${name}-essays`);
  writeCorpus(essays, count);
  const out = temporaryDir(`${name}-out`);
  await compile({ essaysDir: essays, outDir: out, cacheDir: false });
  return out;
}

const manifestOf = (out: string): SearchManifest =>
  JSON.parse(readFileSync(join(out, 'search', 'index.json'), 'utf8'));

describe('the sharded index at 300 synthetic essays', () => {
  let out: string;
  let manifest: SearchManifest;
  let whole: SearchIndex;
  beforeAll(async () => {
    out = await compiledCorpus('shard', 300);
    manifest = manifestOf(out);
    whole = JSON.parse(readFileSync(join(out, 'search-index.json'), 'utf8'));
  });

  it('carries no whole index: at 300 essays it is over the limit', async () => {
    expect(manifest.whole).toBeUndefined();
    expect(gzipSync(readFileSync(join(out, 'search-index.json'))).length).toBeGreaterThan(
      48 * 1024,
    );
  });

  it('carries every result in the manifest, as written to docs/', async () => {
    const files = Math.ceil(300 / manifest.docsPerFile);
    const docs = Array.from({ length: files }, (_, file) =>
      JSON.parse(readFileSync(join(out, 'search', 'docs', `${file}.json`), 'utf8')),
    ).flat();
    expect(docs).toHaveLength(300);
    expect(manifest.results).toEqual(docs);
  });

  it('finds the one essay a word belongs to, reading only the shards of that word', async () => {
    // renew123 appears in one essay only, in its code block.
    const { searcher, read } = searcherOf(out);
    const results = await searcher.search('renew123');
    expect(results.map((result) => result.slug)).toEqual(['synthetic-00123']);
    expect(results[0]).toMatchObject({
      title: 'Synthetic essay number 123',
      description: 'Generated essay 123 for the content compiler benchmark.',
      terms: ['renew123'],
    });
    const byFile = new Map(Object.entries(manifest.shards).map(([key, file]) => [file, key]));
    const shardsRead = read
      .filter((path) => path.startsWith('shards/'))
      .map((path) => byFile.get(path.slice('shards/'.length, -'.json'.length)));
    expect(shardsRead.length).toBeGreaterThan(0);
    expect(shardsRead.length).toBeLessThan(Object.keys(manifest.shards).length / 10);
    for (const key of shardsRead) expect('renew123'.startsWith(key ?? '-')).toBe(true);
    // The manifest and the shards: the result's title and description came with the manifest.
    expect(read.filter((path) => !path.startsWith('shards/'))).toEqual(['index.json']);
  });

  it('reads one file of docs/ per result when the manifest carries no results', async () => {
    const { searcher, read } = searcherOf(out, { resultFiles: true });
    expect(await searcher.search('renew123')).toEqual(
      await searcherOf(out).searcher.search('renew123'),
    );
    const others = read.filter((path) => !path.startsWith('shards/'));
    expect(others).toEqual(['index.json', `docs/${Math.floor(123 / manifest.docsPerFile)}.json`]);
    for (const query of ['lease', 'lease timeout', 'idempotnet'])
      expect(await searcher.search(query, 10), query).toEqual(search(whole, query, 10));
  });

  it('reads one shard for a two-letter word, as a reader starts typing', async () => {
    // Every synthetic essay says "retry", "replica", "request"...: the "re" words fill shards.
    const keys = Object.keys(manifest.shards).filter((key) => key.startsWith('re'));
    expect(keys.length).toBeGreaterThan(3);
    const { searcher, read } = searcherOf(out);
    // "re" itself (headings cut mid-word say it), not "res", the other word of its stem, which
    // lives in another shard (a difference from the whole index the README names).
    const found = await searcher.search('re');
    expect(found.length).toBeGreaterThan(0);
    for (const result of found) expect(result.terms).toEqual(['re']);
    expect(read.filter((path) => path.startsWith('shards/'))).toEqual([
      `shards/${manifest.shards.re}.json`,
    ]);
    // The next letter reads the shards of the words it starts, and no more.
    await searcher.search('rep');
    const more = read.filter((path) => path.startsWith('shards/')).length;
    expect(more).toBeGreaterThan(1);
    expect(more).toBeLessThan(keys.length);
  });

  it('ranks every kind of query exactly as the whole index does', async () => {
    const { searcher } = searcherOf(out);
    for (const query of [
      'lease',
      'lease timeout',
      'reconc',
      'idempotnet',
      'synthetic essay 42',
      'renew12',
      'leasing',
      'le',
    ]) {
      const sharded = await searcher.search(query, 10);
      expect(sharded.length, query).toBeGreaterThan(0);
      expect(sharded, query).toEqual(search(whole, query, 10));
    }
  });

  it('asks for the manifest again after a failed read, and says what is wrong with a bad one', async () => {
    let fail = true;
    const searcher = openSearch(async (path) => {
      if (fail) {
        fail = false;
        throw new Error('offline');
      }
      return JSON.parse(readFileSync(join(out, 'search', path), 'utf8'));
    });
    await expect(searcher.search('lease')).rejects.toThrow('offline');
    expect((await searcher.search('lease')).length).toBe(10);
    const stale = openSearch(async () => ({ version: 1, docs: [] }));
    await expect(stale.search('lease')).rejects.toThrow(/not a version 3 search manifest/);
  });
});

describe('the sharded index of the fixture essays', () => {
  it('matches the whole index for body words, prefixes, stems and typos', async () => {
    const out = await compileFixture('good');
    const whole: SearchIndex = JSON.parse(readFileSync(join(out, 'search-index.json'), 'utf8'));
    const { searcher } = searcherOf(out, { shardsOnly: true });
    for (const query of ['zeppelin', 'zepp', 'ZÉPPELIN', 'budgets', 'fixture essay', 'zeppeln']) {
      expect(await searcher.search(query), query).toEqual(search(whole, query));
    }
    expect(await searcher.search('quokka')).toEqual([]);
    expect(await searcher.search('  ')).toEqual([]);
  });
});

describe('a small site', () => {
  it('carries its whole index in the manifest, and answers every query with no other request', async () => {
    const out = await compiledCorpus('small', 40);
    const manifest = manifestOf(out);
    // The same index the package has always published as search-index.json.
    const whole: SearchIndex = JSON.parse(readFileSync(join(out, 'search-index.json'), 'utf8'));
    expect(manifest.whole).toEqual(whole);
    const { searcher, read } = searcherOf(out);
    await searcher.preload();
    for (const query of ['lease', 'lease timeout', 'reconc', 'idempotnet', 'renew12'])
      expect(await searcher.search(query), query).toEqual(search(whole, query));
    expect(read).toEqual(['index.json']);
  });
});
