import { defineConfig } from 'tsup';

// The runtime a consumer imports. The essay data (meta.js, loaders.js, posts/*.js) is written by
// the content compiler beside it. Files are transpiled one to one, not bundled: `#meta` and
// `#loaders` must stay imports, so `posts` never inlines a body and the loader table's literal
// import()s reach consumers' bundlers as written, one chunk per essay.
export default defineConfig({
  entry: [
    'src/index.ts',
    'src/site.ts',
    'src/runtime/search.ts',
    'src/runtime/engine.ts',
    'src/runtime/sharded.ts',
    'src/runtime/snippet.ts',
    'src/runtime/typos.ts',
    'src/runtime/tokenize.ts',
    'src/runtime/helpers.ts',
    'src/runtime/load.ts',
    'src/runtime/read.ts',
    'src/runtime/rebase.ts',
    'src/runtime/slugs.ts',
    'src/runtime/types.ts',
    'src/schema/tags.ts',
  ],
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  bundle: false,
  dts: true,
  clean: false,
  // Maps with the sources inlined, so a consumer's debugger and stack traces show the TypeScript.
  sourcemap: true,
  // Written by the compiler; the declaration build reads their source view (src/generated/).
  external: ['#meta', '#loaders'],
});
