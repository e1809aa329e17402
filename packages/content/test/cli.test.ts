import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, packageRoot, temporaryDir } from './helpers.js';

/**
 * The documented command, `pnpm --filter @working-notes/content compile --essays <dir> --out
 * <dir>`, run as a writer runs it: the built CLI in its own process (the package's build task
 * comes before its tests).
 */
const cli = join(packageRoot, 'build', 'compiler', 'cli.js');

function compileCommand(essays: string, out: string) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build the package before testing it`);
  return spawnSync(process.execPath, [cli, '--essays', essays, '--out', out, '--no-cache'], {
    cwd: packageRoot,
    encoding: 'utf8',
  });
}

/** Every file in a folder with its bytes, to compare a folder before and after. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isFile()) files.set(entry, readFileSync(path));
  }
  return files;
}

describe('the compile command', () => {
  it('compiles any folder of essays into any folder', () => {
    const out = temporaryDir('cli-good');
    const run = compileCommand(join(fixtures, 'good'), out);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^content: 2 essays published \(1 draft\)/);
    expect(existsSync(join(out, 'posts', 'first-essay.js'))).toBe(true);
  });

  it('fails on a broken corpus with every problem listed, and leaves the last good output as it was', () => {
    const out = temporaryDir('cli-broken');
    expect(compileCommand(join(fixtures, 'good'), out).status).toBe(0);
    const before = snapshot(out);

    const run = compileCommand(join(fixtures, 'broken'), out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The essays have 11 problems; nothing was written.');
    expect(run.stderr).toContain(
      [
        'test/fixtures/broken/unknown-tag/index.md:5:12  tags.1',
        '  expected: one of the known tags: ai,',
      ].join('\n'),
    );
    expect(run.stderr).toContain('found:    "kubernets" (did you mean "kubernetes"?)');
    expect(snapshot(out)).toEqual(before);
  });

  it('says plainly when the output folder cannot be written, with no stack trace', () => {
    const parent = temporaryDir('cli-unwritable');
    writeFileSync(join(parent, 'dist'), 'not a folder\n');
    const run = compileCommand(join(fixtures, 'good'), join(parent, 'dist', 'out'));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^The output could not be written to .*dist\/out.*: a file stands where a folder must be \(ENOTDIR\): remove that file, or choose another --out$/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes relative paths from the folder the writer runs pnpm in, as the README shows', () => {
    const repositoryRoot = dirname(dirname(packageRoot));
    const work = temporaryDir('cli-relative');
    cpSync(join(fixtures, 'good'), join(work, 'my-essays'), { recursive: true });
    const from = relative(repositoryRoot, work);
    const run = spawnSync(
      'pnpm',
      [
        '--filter',
        '@working-notes/content',
        'compile',
        '--essays',
        `./${from}/my-essays`,
        '--out',
        `./${from}/my-output`,
        '--no-cache',
      ],
      { cwd: repositoryRoot, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('content: 2 essays published (1 draft)');
    expect(existsSync(join(work, 'my-output', 'posts', 'first-essay.js'))).toBe(true);
    expect(existsSync(join(packageRoot, from, 'my-output'))).toBe(false);
  });
});
