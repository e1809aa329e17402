import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The content benchmark's generator: ~850-word essays with headings, a link and a code block.
import { writeCorpus } from '../../../packages/content/bench/corpus.js';
import { storageOf } from '../../../packages/content/bench/storage.js';
import { table } from '../../../packages/content/bench/table.js';
import { webRoot } from './paths.js';
import { searchBytesPerQuery } from './search-bytes.js';
import { runSite, type SiteRun } from './site-run.js';

/**
 * pnpm bench (web): the whole site built from synthetic corpora by the documented command
 * (scripts/build-site.mjs, `pnpm site`), the way a writer previews a corpus: cold (no cache of
 * any kind), then again after one essay is edited, then cold with the Open Graph cards on. Each
 * result is checked by the static-output tests (every page valid HTML, no broken link or
 * #anchor). Prints figures; fails only when a build or a check fails.
 *
 * Sizes: BENCH_SIZES (default 100,1000,5000); cards: BENCH_CARD_SIZES (default the same).
 */
const sizes = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const cardSizes = new Set(
  (process.env.BENCH_CARD_SIZES ?? process.env.BENCH_SIZES ?? '100,1000,5000')
    .split(',')
    .map(Number),
);

/** One build by the documented command, timed from outside, with each step's own figures. */
function site(root: string, name: string, options: { cards?: boolean } = {}): SiteRun {
  const kind = name.split('-')[0];
  // Start with a quiet disk: flush what the setup wrote so it is not timed as the build's.
  execFileSync('sync');
  return runSite({
    essays: join(root, 'essays'),
    out: join(root, `site-${kind}`),
    cache: join(root, `cache-${kind}`),
    report: join(root, `${name}.jsonl`),
    ...options,
  });
}

function check(siteDir: string): void {
  execFileSync(
    process.execPath,
    [
      join(webRoot, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      'test/static-output.test.ts',
      '--reporter',
      'dot',
    ],
    {
      cwd: webRoot,
      env: { ...process.env, WEB_OUT_DIR: siteDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stats = statSync(join(dir, entry));
    if (stats.isFile()) {
      files++;
      bytes += stats.size;
    }
  }
  return { files, bytes };
}

const s = (value: number | undefined) => `${(value ?? 0).toFixed(2)} s`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;
const rows: string[][] = [];
const roots: string[] = [];
process.on('exit', () => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

for (const size of sizes) {
  // Every size's files stay until the end: deleting tens of megabytes makes this disk (ext4 with
  // online discard) slow to create files for a while, which the next build would be timed for.
  const root = mkdtempSync(join(tmpdir(), `wn-site-${size}-`));
  roots.push(root);
  writeCorpus(join(root, 'essays'), size);

  const row = async (label: string, run: SiteRun, pagesDir: string) => {
    const { files, bytes } = folderStats(pagesDir);
    // The costliest bench query: script, index data, result files and snippets, gzip.
    const search = Math.max(
      ...(await searchBytesPerQuery(pagesDir)).map((query) =>
        Math.max(query.bytes, query.typedBytes),
      ),
    );
    rows.push([
      String(size),
      label,
      s(run.wall),
      s((run.compile.milliseconds ?? 0) / 1000),
      s((run.compile.phases?.search ?? 0) / 1000),
      s(run.pages.prepareSeconds),
      s(run.pages.renderSeconds),
      s(run.pages.cardSeconds),
      s(run.wall - (run.compile.milliseconds ?? 0) / 1000 - (run.pages.renderSeconds ?? 0)),
      `${run.pages.rendered}/${run.pages.pages}`,
      String(run.pages.written),
      `${mb(run.compile.maxRssKb)} / ${mb(run.pages.maxRssKb)}`,
      `${files} / ${(bytes / 1024 / 1024).toFixed(1)} MB`,
      `${(search / 1024).toFixed(1)} KB`,
    ]);
  };

  const cold = site(root, 'plain-cold');
  await row('cold', cold, join(root, 'site-plain'));
  check(join(root, 'site-plain'));

  const first = readdirSync(join(root, 'essays')).sort()[0] ?? '';
  appendFileSync(
    join(root, 'essays', first, 'index.md'),
    '\nOne more paragraph, added by the benchmark.\n',
  );
  const edited = site(root, 'plain-edit');
  await row('one essay edited', edited, join(root, 'site-plain'));

  if (cardSizes.has(size)) {
    const cards = site(root, 'cards-cold', { cards: true });
    await row('cold, cards on', cards, join(root, 'site-cards'));
  }
}

const header = [
  'essays',
  'build',
  'whole',
  'compile',
  'of which search',
  'client+renderer',
  'pages',
  'of which cards',
  'other',
  'rendered',
  'written',
  'peak RSS compile / pages',
  'files / site',
  'search / query',
];
console.log(
  `\nthe whole site by \`pnpm site\` (cold: no cache of any kind; every cold build checked: valid HTML, no broken links or #anchors), in ${storageOf(tmpdir())}\n`,
);
console.log(table(header, rows));
console.log(
  [
    '',
    'whole: wall clock of the command. compile: the content compiler (inside its process); of which',
    '  search: building the whole search index and its shards from the entries made while rendering.',
    'client+renderer: Vite builds of the client and of the page renderer, cached by their sources;',
    '  they run beside the compile, in the pages process, which then waits for the content.',
    'pages: rendering and writing every output; the cards are drawn by card workers while the page',
    '  workers render, so "of which cards" overlaps the rest. other: the rest of the wall clock:',
    '  process start-up, loading the renderer, reading the inputs, committing the changed files into',
    '  the output folder, and any part of the Vite builds that outlasts the compile.',
    'rendered: pages rendered / pages in the site. peak RSS: of each of the two processes.',
    "search / query: what the costliest of scripts/search-bytes.ts's queries downloads, gzip, typed",
    '  at once or letter by letter: the dialog script, the search manifest, shards and result files,',
    '  and the snippets.',
  ].join('\n'),
);
