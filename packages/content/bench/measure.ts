import { appendFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The built compiler, as `pnpm build` runs it: workers start without a TypeScript loader.
const { Compiler } = (await import(
  '../build/compiler/compile.js' as string
)) as typeof import('../src/compiler/compile.js');

/**
 * One corpus size in its own process, so peak memory belongs to this size alone. Prints JSON:
 * the cold build, then a rebuild after editing one essay in the same (warm, watch-mode) compiler.
 */
const [essaysDir, outDir, cacheDir] = process.argv.slice(2) as [string, string, string];
const compiler = new Compiler({ essaysDir, outDir, cacheDir });
const cold = await compiler.build();
const first = readdirSync(essaysDir).sort()[0] ?? '';
appendFileSync(
  join(essaysDir, first, 'index.md'),
  '\nOne more sentence, written by the benchmark.\n',
);
const warm = await compiler.build();
await compiler.close();

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stats = statSync(join(dir, entry));
    if (stats.isFile()) total += stats.size;
  }
  return total;
}

process.stdout.write(
  JSON.stringify({
    coldMs: cold.milliseconds,
    coldPhases: cold.phases,
    rebuildMs: warm.milliseconds,
    rebuildRendered: warm.rendered,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    outputBytes: folderBytes(outDir),
  }),
);
