import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A generated file: its text, or an image to copy as is. */
export type OutputFile = string | { copy: string };

const manifestName = '.content-files.json';

/**
 * Writes a build into `outDir`, touching only what changed since `previous` and removing files
 * an earlier build wrote that this one no longer has (a deleted essay). Files it did not write,
 * such as the runtime tsup adds to the same folder, are left alone.
 */
export async function writeOutput(
  outDir: string,
  files: ReadonlyMap<string, OutputFile>,
  previous?: ReadonlyMap<string, OutputFile>,
): Promise<number> {
  const before = previous ? [...previous.keys()] : readManifest(outDir);
  // Text is compared with the last build; copied images are few and always copied.
  const changed = [...files].filter(
    ([path, content]) => typeof content !== 'string' || previous?.get(path) !== content,
  );
  for (const folder of new Set(changed.map(([path]) => dirname(join(outDir, path)))))
    mkdirSync(folder, { recursive: true });
  // Thousands of small files: keep a few dozen writes in flight so the disk work overlaps.
  let next = 0;
  const writer = async () => {
    while (next < changed.length) {
      const [path, content] = changed[next++] as [string, OutputFile];
      const target = join(outDir, path);
      await (typeof content === 'string'
        ? writeFile(target, content)
        : copyFile(content.copy, target));
    }
  };
  await Promise.all(Array.from({ length: 32 }, writer));
  for (const path of before) if (!files.has(path)) rmSync(join(outDir, path), { force: true });
  writeFileSync(
    join(outDir, manifestName),
    `${JSON.stringify([...files.keys()].sort(), null, 0)}\n`,
  );
  return changed.length;
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
