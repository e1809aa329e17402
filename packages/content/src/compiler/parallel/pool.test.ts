import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../../../bench/corpus.js';
import { temporaryDir } from '../../../test/helpers.js';
import { Compiler, compile } from '../compile.js';

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
    // Blocks the main thread gets from the highlighting worker, and two it cannot: one inside a
    // list, which the worker's scan does not find (the essay is rendered again where Shiki is),
    // and a plain-text one, which needs no grammar.
    const listed = join(essays, 'synthetic-00031', 'index.md');
    writeFileSync(
      listed,
      `${readFileSync(listed, 'utf8')}\n- A step with its own code:\n\n  \`\`\`sql\n  select 1;\n  \`\`\`\n\n\`\`\`text\nplain words\n\`\`\`\n`,
    );
    const onWorkers = temporaryDir('pool-workers');
    const onMainThread = temporaryDir('pool-main');
    const pooled = await compile({
      essaysDir: essays,
      outDir: onWorkers,
      cacheDir: temporaryDir('pool-cache'),
    });
    await compile({ essaysDir: essays, outDir: onMainThread, cacheDir: false, workers: 0 });
    expect(pooled.rendered).toBe(60);
    const built = outputOf(onWorkers);
    expect(built).toEqual(outputOf(onMainThread));
    const listedModule = built.get('posts/synthetic-00031.js') ?? '';
    expect(listedModule).toContain('data-lang=\\"sql\\"');
    expect(listedModule).toContain('data-lang=\\"text\\"');
  });
});

describe('a warm compiler after a cold build on workers', () => {
  it('renders an edit that brings new code on the worker that has Shiki, as a cold build would', async () => {
    const essays = temporaryDir('pool-warm-essays');
    writeCorpus(essays, 60);
    const out = temporaryDir('pool-warm-out');
    const compiler = new Compiler({
      essaysDir: essays,
      outDir: out,
      cacheDir: temporaryDir('pool-warm-cache'),
    });
    try {
      expect((await compiler.build()).rendered).toBe(60);
      const edited = join(essays, 'synthetic-00007', 'index.md');
      writeFileSync(
        edited,
        `${readFileSync(edited, 'utf8')}\n\`\`\`sql\nselect 'new' as code;\n\`\`\`\n`,
      );
      expect((await compiler.build()).rendered).toBe(1);
    } finally {
      await compiler.close();
    }
    const fresh = temporaryDir('pool-warm-fresh');
    await compile({ essaysDir: essays, outDir: fresh, cacheDir: false, workers: 0 });
    const built = outputOf(out);
    expect(built).toEqual(outputOf(fresh));
    expect(built.get('posts/synthetic-00007.js')).toContain('select');
  });
});
