import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPost, type posts } from '@working-notes/content';
import { type Assets, preloadedFonts } from '../src/site/document.js';
import { scriptHash, speculationRules, themeScript } from '../src/site/inline-scripts.js';
import { checkHeaders, contentSecurityPolicy, headerRules, headersFile } from './headers.js';
import { type OutputContext, outputFiles, outputs } from './outputs.js';
import { outDir } from './paths.js';
import { measurePage, type PageSize, printReport } from './size-report.js';

/**
 * Writes the static site into the output folder after `vite build` has put the client assets
 * there: a loop over the table of outputs (scripts/outputs.ts), each file written from its
 * producer, then `_headers` derived from the same table. Checks that every file in the folder is
 * one the table knows and that `_headers` gives each its type and cache policy. Ends with the
 * size report, which fails the build when a page goes over budget.
 */
const started = performance.now();
type Manifest = Record<
  string,
  { file: string; css?: string[]; imports?: string[]; isEntry?: boolean; src?: string }
>;
const manifestFile = join(outDir, '.vite', 'manifest.json');
const manifest: Manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
const entry = (src: string) => {
  const found = manifest[src];
  if (!found) throw new Error(`Vite's manifest has no entry for ${src}; run vite build first`);
  return found;
};
const policy = { scriptHashes: [scriptHash(themeScript), scriptHash(speculationRules)] };
// WEB_HOST=github-pages: a host that sends no headers gets the policy as a <meta> tag instead
// of a _headers file it would ignore (and serve as a plain file); see docs/deploy.md.
const headerless = process.env.WEB_HOST === 'github-pages';
const assets: Assets = {
  css: [`/${entry('src/styles/site.css').file}`],
  script: `/${entry('src/client/enhance.ts').file}`,
  fonts: preloadedFonts(manifest),
  ...(headerless && { metaPolicy: contentSecurityPolicy(policy, true) }),
};
// The manifest is for this script only: read, then removed, so it is never deployed.
rmSync(join(outDir, '.vite'), { recursive: true, force: true });

const context: OutputContext = {
  assets,
  viteFiles: [
    ...new Set(Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])])),
  ],
  // The scale check turns the essay cards off at 5000 essays: they are linear (about 80 ms each,
  // cached by title) and would turn a one-minute check into ten.
  essayCards: process.env.WEB_OG_IMAGES !== 'off',
};

const sizes: PageSize[] = [];
const files = outputFiles(context);
let pages = 0;
let cards = 0;
for (const { file } of files) {
  const target = join(outDir, file.file);
  if (!file.body) {
    readFileSync(target); // written by Vite: it must be there
    continue;
  }
  const body = await file.body();
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, body);
  if (file.path.startsWith('/og/')) cards++;
  if (file.route && typeof body === 'string') {
    pages++;
    const slug = /^\/essays\/([^/]+)\/$/.exec(file.route.path)?.[1];
    const article = slug
      ? (await loadPost(slug as (typeof posts)[number]['slug'])).html
      : undefined;
    sizes.push(measurePage(outDir, file.route.path, body, manifest, article));
  }
}

const headers = headersFile(headerRules(outputs, policy));
if (!headerless) writeFileSync(join(outDir, '_headers'), headers);

// A file in dist/ that the table does not know would be served with no rule of its own.
const known = new Set(files.map(({ file }) => file.file));
const unknown = readdirSync(outDir, { recursive: true, withFileTypes: true })
  .filter((dirent) => dirent.isFile())
  .map((dirent) => relative(outDir, join(dirent.parentPath, dirent.name)).split(sep).join('/'))
  .filter((file) => file !== '_headers' && !known.has(file));
const problems = [
  ...unknown.map((file) => `${file}: in dist/ but in no output of scripts/outputs.ts`),
  ...checkHeaders(
    headers,
    files.map(({ file, output }) => ({ path: file.path, output })),
  ),
];
if (problems.length > 0) {
  console.error(`The table of outputs and the build disagree:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

console.log(
  `prerendered ${pages} pages and ${cards} Open Graph image${cards === 1 ? '' : 's'} (${files.length} files) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
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
