import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';

/**
 * The colours of the `light` and `dark` themes, read from @working-notes/ui's tokens at build
 * time, so the widget and the site cannot drift apart and the tokens file never ships.
 */
function tokens(): Record<'light' | 'dark', Record<string, string>> {
  const css = readFileSync(
    createRequire(import.meta.url).resolve('@working-notes/ui/tokens.css'),
    'utf8',
  );
  const block = (selector: string) => {
    const start = css.indexOf(`${selector} {`);
    if (start < 0) throw new Error(`tokens.css: no ${selector} block`);
    const body = css.slice(start, css.indexOf('}', start));
    const value = (name: string) => {
      const match = new RegExp(`--wn-${name}:\\s*([^;]+);`).exec(body);
      if (!match?.[1]) throw new Error(`tokens.css: no --wn-${name} in ${selector}`);
      return match[1].trim();
    };
    return { fg: value('fg'), bg: value('bg'), accent: value('accent'), muted: value('muted') };
  };
  return { light: block(':root'), dark: block(':root[data-theme="dark"]') };
}

// Two builds of one entry: ESM for bundlers (`vite build`) and an IIFE for the script tag
// (`vite build --mode iife`), both minified the same way. Solid is bundled into both: a host page
// has no Solid to share. The ESM build also carries the snippet helper the Embed page uses.
export default defineConfig(({ mode }) => ({
  define: { __DOCS__: 'false', __TOKENS__: JSON.stringify(tokens()) },
  build: {
    target: 'es2020',
    emptyOutDir: mode !== 'iife',
    minify: true,
    // Vite leaves an ES library unminified (whitespace, module path comments); a package that is
    // loaded as is from a module script ships minified like the IIFE.
    rolldownOptions: { output: { minify: true, comments: false } },
    lib:
      mode === 'iife'
        ? {
            entry: 'src/index.ts',
            name: 'LatestEssays',
            formats: ['iife'],
            fileName: () => 'latest-essays.iife.js',
          }
        : {
            entry: { 'latest-essays': 'src/index.ts', snippet: 'src/snippet.ts' },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
  },
}));
