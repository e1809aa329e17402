import { defineConfig } from 'tsup';

// The runtime a consumer imports. The essay data (meta.js, posts/*.js) is written by the content
// compiler beside it. Files are transpiled one to one, not bundled: `loadPost`'s
// import(`./posts/${slug}.js`) must reach consumers' bundlers as written, so they can split each
// essay into its own chunk, and `#meta` must stay an import so `posts` never inlines a body.
export default defineConfig({
  entry: [
    'src/index.ts',
    'src/site.ts',
    'src/runtime/search.ts',
    'src/runtime/snippet.ts',
    'src/runtime/typos.ts',
    'src/runtime/tokenize.ts',
    'src/runtime/helpers.ts',
    'src/runtime/load.ts',
    'src/runtime/types.ts',
    'src/schema/tags.ts',
  ],
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  bundle: false,
  dts: true,
  clean: false,
  sourcemap: false,
  // `#meta` is written by the compiler and imports the types tsup is still writing in this run.
  external: ['#meta'],
});
