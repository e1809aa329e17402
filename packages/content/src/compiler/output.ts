import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A generated file: its text, or an image to copy as is. */
export type OutputFile = string | { copy: string };

const manifestName = '.content-files.json';

/**
 * Writes a build into `outDir`, touching only what changed since `previous` and removing files
 * an earlier build wrote that this one no longer has (a deleted essay). Files it did not write,
 * such as the runtime tsup adds to the same folder, are left alone.
 */
export function writeOutput(
  outDir: string,
  files: ReadonlyMap<string, OutputFile>,
  previous?: ReadonlyMap<string, OutputFile>,
): number {
  const before = previous ? [...previous.keys()] : readManifest(outDir);
  const made = new Set<string>();
  let written = 0;
  for (const [path, content] of files) {
    // Text is compared with the last build; copied images are few and always copied.
    if (typeof content === 'string' && previous?.get(path) === content) continue;
    const target = join(outDir, path);
    const folder = dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    if (typeof content === 'string') writeFileSync(target, content);
    else copyFileSync(content.copy, target);
    written++;
  }
  for (const path of before) if (!files.has(path)) rmSync(join(outDir, path), { force: true });
  writeFileSync(
    join(outDir, manifestName),
    `${JSON.stringify([...files.keys()].sort(), null, 0)}\n`,
  );
  return written;
}

function readManifest(outDir: string): string[] {
  try {
    const list: unknown = JSON.parse(readFileSync(join(outDir, manifestName), 'utf8'));
    return Array.isArray(list)
      ? list.filter((item): item is string => typeof item === 'string')
      : [];
  } catch {
    return [];
  }
}
