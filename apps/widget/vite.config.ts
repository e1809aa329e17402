import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// Two builds of one entry: ESM for bundlers (`vite build`) and an IIFE for the script tag
// (`vite build --mode iife`). Solid is bundled into both: a host page has no Solid to share.
export default defineConfig(({ mode }) => ({
  plugins: [solid()],
  build: {
    target: 'es2020',
    emptyOutDir: mode !== 'iife',
    minify: true,
    lib: {
      entry: 'src/index.ts',
      name: 'LatestEssays',
      formats: mode === 'iife' ? ['iife'] : ['es'],
      fileName: () => (mode === 'iife' ? 'latest-essays.iife.js' : 'latest-essays.js'),
    },
  },
}));
