import { defineConfig } from 'tsup';

// The content compiler, built to plain JavaScript for the build and the benchmark: worker threads
// then start without a TypeScript loader, which on Node 20 costs about a second per worker.
// It is not published (see `files`); tests run the TypeScript source directly.
export default defineConfig({
  entry: {
    cli: 'src/cli.ts',
    command: 'src/compile-command.ts',
    worker: 'src/compiler/parallel/worker.ts',
    compile: 'src/compiler/compile.ts',
  },
  outDir: 'build/compiler',
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  splitting: true,
  // Dependencies are bundled too: a worker then loads a few chunks instead of resolving and
  // reading a few hundred package files, and is ready about 90 ms sooner (two workers starting
  // together: 202-239 ms against 289-337 ms).
  noExternal: [/.*/],
  // yaml is bundled from its CommonJS build, which requires Node built-ins.
  banner: {
    js: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);",
  },
  clean: true,
  dts: false,
  sourcemap: false,
});
