import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { compile } from '../src/compiler/compile.js';
import { ContentError, type ContentIssue } from '../src/compiler/errors.js';

export const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
export const fixtures = join(packageRoot, 'test', 'fixtures');

const created: string[] = [];
// Each test file imports this module afresh, so this removes that file's folders when it ends.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system's temp dir, removed when the test file finishes. */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wn-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Compiles a fixture corpus into a fresh folder and returns that folder. */
export async function compileFixture(
  name: string,
  engine: 'markdown-it' | 'unified' = 'markdown-it',
): Promise<string> {
  const out = temporaryDir(name);
  await compile({ essaysDir: join(fixtures, name), outDir: out, engine, cacheDir: false });
  return out;
}

/** The issues a failing compile reports; fails the test if the compile succeeds. */
export async function compileIssues(
  essaysDir: string,
  outDir = temporaryDir('broken'),
): Promise<ContentIssue[]> {
  try {
    await compile({ essaysDir, outDir, cacheDir: false });
  } catch (error) {
    if (error instanceof ContentError) return [...error.issues];
    throw error;
  }
  throw new Error(`expected ${essaysDir} to fail to compile`);
}

export async function importModule<T>(path: string): Promise<T> {
  return (await import(`${path}?t=${Date.now()}`)) as T;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
