import { defineConfig } from 'vite';

// Vite builds only what readers download: one small script and one stylesheet. Pages are React
// rendered to HTML at build time by scripts/prerender.ts, so no React reaches the browser.
export default defineConfig({
  build: {
    outDir: 'dist',
    manifest: true,
    target: 'es2022',
    // The search dialog is the only lazy chunk; the preload polyfill would cost more than it saves.
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { enhance: 'src/client/enhance.ts', site: 'src/styles/site.css' },
    },
  },
});
