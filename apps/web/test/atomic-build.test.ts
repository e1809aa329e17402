import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDir, webRoot } from '../scripts/paths.js';

/**
 * The site build, interrupted: `pnpm build` runs scripts/atomic-build.mjs --stage, which has the
 * build write what changed into a folder beside dist/ and commits it into dist/ only on success.
 * Here the real build targets a copy of the last good dist/ in a temporary folder, is killed at
 * several points, and the copy must come out byte for byte as it went in.
 */
const wrapper = join(webRoot, '..', '..', 'scripts', 'atomic-build.mjs');
let base: string;
let target: string;
let lastGood: Map<string, string>;

function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files.set(
        relative(folder, path),
        createHash('sha256').update(readFileSync(path)).digest('hex'),
      );
    }
  return files;
}

function build(cwd: string, folder: string, script = 'build:into') {
  const child = spawn(process.execPath, [wrapper, folder, script, '--stage'], {
    cwd,
    detached: true, // its own process group, so a kill reaches Vite and the prerender too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${join(webRoot, 'node_modules', '.bin')}:${process.env.PATH}` },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: string | null; output: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

/** Resolves when this build has written the first file matching `pattern`; looks every few ms. */
function whenWritten(child: ChildProcess, pattern: RegExp): Promise<void> {
  const file = [...lastGood.keys()].find((name) => pattern.test(name));
  if (!file) throw new Error(`the last good build has no file matching ${pattern}`);
  const original = statSync(join(target, file)).ino;
  return new Promise((resolve) => {
    const check = () => {
      const written = statSync(join(base, `.dist.building-${child.pid}`, file), {
        throwIfNoEntry: false,
      });
      if (written && written.ino !== original) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(check, 5);
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid) process.kill(-child.pid, signal);
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'atomic-build-'));
  target = join(base, 'dist');
  cpSync(outDir, target, { recursive: true });
  // The build writes only what differs from the last good build, so the copy differs where the
  // kills happen: every page, stylesheet and card, by one trailing byte.
  for (const entry of readdirSync(target, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && /\.(html|css|png)$/.test(entry.name))
      appendFileSync(join(entry.parentPath, entry.name), '\n');
  // A file no build writes: it is there until a build succeeds, and gone after.
  writeFileSync(join(target, 'from-the-last-good-build.txt'), 'last good');
  lastGood = snapshot(target);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('an interrupted site build leaves the last good dist/', () => {
  it.each([
    ['as the client files are written', /^assets\/.*\.css$/, 'SIGKILL'],
    ['as the home page is written', /^index\.html$/, 'SIGKILL'],
    ['while essay pages are written', /^essays\/[^/]+\/index\.html$/, 'SIGKILL'],
    ['while Open Graph cards are written', /^og\/.*\.png$/, 'SIGKILL'],
    ['by Ctrl+C while pages are written', /^tags\/[^/]+\/index\.html$/, 'SIGINT'],
  ] as const)('killed %s', async (_when, pattern, signal) => {
    const { child, exited } = build(webRoot, target);
    await whenWritten(child, pattern);
    killGroup(child, signal);
    const result = await exited;
    expect(result.code === 0, result.output).toBe(false);
    expect(snapshot(target)).toEqual(lastGood);
    if (signal === 'SIGINT') {
      // Interrupted politely, it cleans up after itself.
      expect(result.output).toContain('the last good build is still in place');
      expect(readdirSync(base).filter((name) => name.startsWith('.dist.'))).toEqual([]);
    }
  });

  it('the next whole build replaces it, and clears what the killed ones left', async () => {
    const { exited } = build(webRoot, target);
    const result = await exited;
    expect(result.code, result.output).toBe(0);
    const built = snapshot(target);
    expect(built.has('from-the-last-good-build.txt')).toBe(false);
    expect(built.has('index.html') && built.has('_headers') && built.has('404.html')).toBe(true);
    // What remains beside it is the page keys, for the next build to compare with.
    expect(readdirSync(base).filter((name) => name.startsWith('.dist.'))).toEqual([
      '.dist.pages.json',
    ]);
  });
});

describe('two builds of one folder', () => {
  it('run one after the other, the second saying why it waits', async () => {
    const project = mkdtempSync(join(tmpdir(), 'atomic-pair-'));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'pair',
        scripts: {
          'build:into': 'echo $$ > "$OUT_DIR/pid" && sleep 1 && echo done > "$OUT_DIR/done"',
          'build:broken': 'echo half > "$OUT_DIR/half" && exit 3',
        },
      }),
    );
    try {
      const first = build(project, join(project, 'dist'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = build(project, join(project, 'dist'));
      const [one, two] = await Promise.all([first.exited, second.exited]);
      expect([one.code, two.code]).toEqual([0, 0]);
      expect(two.output).toMatch(/another build is running \(pid \d+, since .+\); waiting/);
      expect(readFileSync(join(project, 'dist', 'done'), 'utf8')).toBe('done\n');

      // A failing build exits with its code and leaves the finished one alone.
      const before = snapshot(join(project, 'dist'));
      const broken = await build(project, join(project, 'dist'), 'build:broken').exited;
      expect(broken.code).toBe(3);
      expect(broken.output).toContain('failed (exit 3); the last good build is still in place');
      expect(snapshot(join(project, 'dist'))).toEqual(before);
      expect(readdirSync(project).sort()).toEqual(['dist', 'package.json']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
