import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPost, posts } from '@working-notes/content';
import { type Assets, preloadedFonts } from '../src/site/document.js';
import { scriptHash, speculationRules, themeScript } from '../src/site/inline-scripts.js';
import { routes } from '../src/site/routes.js';
import {
  channelScriptPath,
  dataPath,
  versionedScriptPath,
  widgetBuild,
  widgetData,
} from '../src/site/widget.js';
import { headersFile } from './headers.js';
import { writeOgImages } from './og-images.js';
import { contentDist, outDir } from './paths.js';
import { llms, robots, sitemap } from './site-files.js';
import { measurePage, type PageSize, printReport } from './size-report.js';

/**
 * Writes the static site into dist/ after `vite build` has put the client assets there: one HTML
 * file per route, the content package's feeds, search index and raw essays, sitemap, robots,
 * llms.txt, Open Graph images and the `_headers` file. Ends with the size report, which fails the
 * build when a page goes over budget.
 */
const started = performance.now();
const manifest: Record<
  string,
  { file: string; css?: string[]; imports?: string[]; isEntry?: boolean; src?: string }
> = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
const entry = (src: string) => {
  const found = manifest[src];
  if (!found) throw new Error(`Vite's manifest has no entry for ${src}; run vite build first`);
  return found;
};
const assets: Assets = {
  css: [`/${entry('src/styles/site.css').file}`],
  script: `/${entry('src/client/enhance.ts').file}`,
  fonts: preloadedFonts(manifest),
};

const sizes: PageSize[] = [];
const all = routes();
for (const route of all) {
  const html = await route.render(assets);
  const target = join(outDir, route.file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, html);
  const slug = /^\/essays\/([^/]+)\/$/.exec(route.path)?.[1];
  const article = slug ? (await loadPost(slug as (typeof posts)[number]['slug'])).html : undefined;
  sizes.push(measurePage(outDir, route.path, html, manifest, article));
}

// Content the package already built: copied, not regenerated.
const copies: [string, string][] = [
  ['feeds/rss.xml', 'rss.xml'],
  ['feeds/atom.xml', 'atom.xml'],
  ['feeds/feed.json', 'feed.json'],
  ['search-index.json', 'search-index.json'],
];
for (const [from, to] of copies) cpSync(join(contentDist, from), join(outDir, to));
if (existsSync(join(contentDist, 'essays')))
  cpSync(join(contentDist, 'essays'), join(outDir, 'essays'), { recursive: true });

// The embeddable widget: one pinned, versioned script, a moving channel for sites that want
// updates, and the small JSON it reads (titles, dates, URLs only).
const widget = widgetBuild();
mkdirSync(join(outDir, 'widget', `v${widget.version}`), { recursive: true });
writeFileSync(join(outDir, dataPath.slice(1)), widgetData(posts));
cpSync(widget.file, join(outDir, versionedScriptPath(widget.version).slice(1)));
cpSync(widget.file, join(outDir, channelScriptPath.slice(1)));

writeFileSync(
  join(outDir, 'sitemap.xml'),
  sitemap(all.filter((route) => route.file !== '404.html').map((route) => route.path)),
);
writeFileSync(join(outDir, 'robots.txt'), robots());
writeFileSync(join(outDir, 'llms.txt'), llms());
writeFileSync(
  join(outDir, '_headers'),
  headersFile([scriptHash(themeScript), scriptHash(speculationRules)]),
);
// The scale check turns the essay cards off at 5000 essays: they are linear (about 80 ms each,
// cached by title) and would turn a one-minute check into ten.
const cards = process.env.WEB_OG_IMAGES === 'off' ? [] : posts;
await writeOgImages(outDir, cards);

console.log(
  `prerendered ${all.length} pages and ${cards.length} Open Graph image${cards.length === 1 ? '' : 's'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
const failures = printReport(summarise(sizes), outDir);
if (failures.length > 0) process.exitCode = 1;

/** One row per kind of page (the largest of its kind), so the report reads the same at 5000 essays. */
function summarise(all: readonly PageSize[]): PageSize[] {
  const kind = (page: string) =>
    page.startsWith('/essays/')
      ? 'essay pages'
      : page.startsWith('/tags/') && page !== '/tags/'
        ? 'tag pages'
        : page;
  const groups = new Map<string, PageSize[]>();
  for (const size of all)
    groups.set(kind(size.page), [...(groups.get(kind(size.page)) ?? []), size]);
  return [...groups].map(([name, list]) => ({
    page: list.length > 1 ? `${name} (${list.length}, largest)` : name,
    htmlGzip: Math.max(...list.map((size) => size.htmlGzip)),
    scriptGzip: Math.max(...list.map((size) => size.scriptGzip)),
    fontBytes: Math.max(...list.map((size) => size.fontBytes)),
    ...(list.some((size) => size.articleRatio !== undefined) && {
      articleRatio: Math.max(...list.map((size) => size.articleRatio ?? 0)),
    }),
  }));
}
