import { defineConfig } from 'tsup';

// The content compiler, built to plain JavaScript for the build and the benchmark: worker threads
// then start without a TypeScript loader, which on Node 20 costs about a second per worker.
// It is not published (see `files`); tests run the TypeScript source directly.
export default defineConfig({
  entry: {
    cli: 'src/cli.ts',
    worker: 'src/compiler/worker.ts',
    compile: 'src/compiler/compile.ts',
  },
  outDir: 'build/compiler',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  skipNodeModulesBundle: true,
  clean: true,
  dts: false,
  sourcemap: false,
});
