import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../bench/corpus.js';
import { temporaryDir } from '../../../test/helpers.js';
import { compile } from '../compile.js';

/** Every output file and its text, to compare two builds of the same corpus. */
function outputOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, entry)).isFile())
      files.set(entry, readFileSync(join(dir, entry), 'utf8'));
  }
  return files;
}

describe('rendering on worker threads', () => {
  it('builds a large corpus exactly as the main thread does, in the same order', async () => {
    // Large enough that a build with an empty cache starts its workers before reading the sources.
    const essays = temporaryDir('pool-essays');
    writeCorpus(essays, 60);
    const onWorkers = temporaryDir('pool-workers');
    const onMainThread = temporaryDir('pool-main');
    const pooled = await compile({
      essaysDir: essays,
      outDir: onWorkers,
      cacheDir: temporaryDir('pool-cache'),
    });
    await compile({ essaysDir: essays, outDir: onMainThread, cacheDir: false, workers: 0 });
    expect(pooled.rendered).toBe(60);
    expect(outputOf(onWorkers)).toEqual(outputOf(onMainThread));
  });
});
