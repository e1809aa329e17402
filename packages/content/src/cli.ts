import { parseArgs } from 'node:util';
import { compileCommand } from './compile-command.js';
import { watchEssays } from './compiler/watch.js';

// `pnpm --filter @working-notes/content compile …` runs in the package's folder, but a writer's
// relative paths mean the folder they typed the command in: pnpm and npm pass it as INIT_CWD.
// Only the compile script moves there; the build and dev scripts mean the package folder.
if (process.env.npm_lifecycle_event === 'compile' && process.env.INIT_CWD)
  process.chdir(process.env.INIT_CWD);

const usage = `Compile a folder of essays into the @working-notes/content modules, feeds and search index.

Usage: pnpm --filter @working-notes/content compile --essays <dir> --out <dir> [options]

Relative paths are taken from the folder you run the command in.

  --essays <dir>     folder of essay folders (<slug>/index.md)      (default: essays)
  --out <dir>        output folder                                  (default: dist)
  --engine <name>    markdown-it (fast, default) or unified (reference)
  --cache <dir>      render cache folder (default: node_modules/.cache/working-notes-content)
  --no-cache         render every essay
  --workers <n>      worker threads beside the main thread (0: the main thread alone)
  --watch            rebuild when an essay changes
  --no-declarations  leave out each essay's .d.ts (a site build that only runs the code)
`;

const { values } = parseArgs({
  options: {
    essays: { type: 'string', default: 'essays' },
    out: { type: 'string', default: 'dist' },
    engine: { type: 'string', default: 'markdown-it' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    workers: { type: 'string' },
    watch: { type: 'boolean', default: false },
    'no-declarations': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
if (values.engine !== 'markdown-it' && values.engine !== 'unified') {
  process.stderr.write(
    `--engine must be markdown-it or unified, not "${values.engine}"\n\n${usage}`,
  );
  process.exit(2);
}

const command = compileCommand({
  essaysDir: values.essays,
  outDir: values.out,
  engine: values.engine,
  ...(values['no-cache']
    ? { cacheDir: false }
    : values.cache !== undefined && { cacheDir: values.cache }),
  ...(values.workers !== undefined && { workers: Number(values.workers) }),
  ...(values['no-declarations'] && { declarations: false }),
});

const ok = await command.build();
if (values.watch) {
  watchEssays(values.essays, command.build);
} else {
  await command.close();
  process.exitCode = ok ? 0 : 1;
}
