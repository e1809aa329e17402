import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import compression from 'compression';
import { chromium, type Response } from 'playwright-core';
import serveStaticFiles from 'serve-static';
import { build } from 'vite';
// The content benchmark's generator: ~850-word essays with headings, a link and a code block.
import { writeCorpus } from '../../../packages/content/bench/corpus.js';
import { table } from '../../../packages/content/bench/table.js';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { webRoot } from './paths.js';
import { benchQueries, dialogScript, gz, searchBytesPerQuery, shown } from './search-bytes.js';

/**
 * What one search costs a reader, on a built site: the bytes (gzip) of everything the dialog
 * downloads to show a results list with snippets, and, run on its own, the time to the first
 * result in Chromium, against the whole index the dialog used to read and against Pagefind.
 *
 *   node --import tsx scripts/search-bench.ts            # 100, 1000 and 5000 essays
 *   SEARCH_BENCH_SIZES=1000 PAGEFIND=/path/to/pagefind node --import tsx scripts/search-bench.ts
 *
 * Pagefind is measured only when PAGEFIND names its binary. It is not a dependency of the
 * project (its package declares no Node engines); install it apart, for instance with
 * `npm install --prefix /tmp/pagefind pagefind` (its binary comes from the npm registry, in the
 * @pagefind/linux-x64 package), then PAGEFIND=/tmp/pagefind/node_modules/.bin/pagefind.
 * SEARCH_BENCH_KEEP=1 keeps the built sites (their folders are printed); SEARCH_BENCH_SITES=a,b
 * measures sites built before instead (it adds __bench/ and pagefind/ to each, then removes them).
 * Prints figures; fails only when a build or a query fails, or when the two indexes rank a
 * different essay first.
 */

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** The whole site from `size` synthetic essays, by the documented command (`pnpm site`). */
function buildSite(root: string, size: number): string {
  writeCorpus(join(root, 'essays'), size);
  const site = join(root, 'site');
  execFileSync(
    process.execPath,
    [
      join(webRoot, 'scripts', 'build-site.mjs'),
      '--essays',
      join(root, 'essays'),
      '--out',
      site,
      '--cache',
      join(root, 'cache'),
    ],
    {
      cwd: webRoot,
      env: { ...process.env, INIT_CWD: root },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return site;
}

/** The benchmark page (src/client/search-bench-page.ts), bundled into `site/__bench/`. */
async function addBenchPage(site: string): Promise<void> {
  const outDir = join(site, '__bench');
  await build({
    configFile: false,
    root: webRoot,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      lib: {
        entry: join(webRoot, 'src', 'client', 'search-bench-page.ts'),
        formats: ['es'],
        fileName: () => 'page.js',
      },
    },
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>search bench</title><script type="module" src="/__bench/page.js"></script>\n',
  );
}

/** The site over HTTP on 127.0.0.1, gzip -9 on text as a static host would compress it. */
async function serve(site: string): Promise<{ server: Server; url: string }> {
  const files = serveStaticFiles(site, { index: ['index.html'] });
  const gzip = compression({ level: 9 });
  const server = createServer((request, response) =>
    gzip(request as never, response as never, () =>
      files(request, response, () => {
        response.statusCode = 404;
        response.end();
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address?.port}` };
}

type Mode = 'sharded' | 'whole' | 'pagefind';
const modeNames: Record<Mode, string> = {
  sharded: 'ours',
  whole: 'whole index',
  pagefind: 'Pagefind',
};

/** A phone on a fair mobile link: 40 ms added to every request, 10 Mbit/s down, 5 up. */
const slowLink = {
  offline: false,
  latency: 40,
  downloadThroughput: (10 * 1024 * 1024) / 8,
  uploadThroughput: (5 * 1024 * 1024) / 8,
};

/**
 * How the reader meets search: the link, and how long after the dialog opens (and starts
 * loading, as the dialog does: our manifest, the whole index, Pagefind's entry and wasm) the
 * query is there. 0 ms is a query pasted in at once, the worst case for anything loaded on open.
 */
const scenarios = [
  { name: '127.0.0.1', link: undefined, typingMs: 0, letterMs: 0 },
  { name: 'slow link', link: slowLink, typingMs: 0, letterMs: 0 },
  { name: 'slow link, typed in 300 ms', link: slowLink, typingMs: 300, letterMs: 0 },
  // A search at every letter, as the dialog runs: shards and result files of the word's first
  // letters are in by its last; timed from the last letter.
  { name: 'slow link, 150 ms a letter', link: slowLink, typingMs: 0, letterMs: 150 },
] as const;

interface Measured {
  /** Median time to the first result, per scenario. */
  ms: number[];
  /** Bytes the page fetched for the query, script included. */
  bytes: number;
  first: string | undefined;
}

/** Medians over `runs` cold page loads per scenario, for each query and mode. */
async function measureInChromium(
  url: string,
  modes: readonly Mode[],
  runtimeBytes: number,
  runs = 5,
): Promise<Map<string, Measured>> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  const found = new Map<string, Measured>();
  try {
    for (const { query } of benchQueries) {
      for (const mode of modes) {
        const measured: Measured = { ms: [], bytes: 0, first: undefined };
        for (const scenario of scenarios) {
          const times: number[] = [];
          for (let run = 0; run < runs; run++) {
            const context = await browser.newContext();
            const page = await context.newPage();
            await page.goto(`${url}/__bench/`);
            await page.waitForFunction(() => 'benchQuery' in globalThis);
            if (scenario.link) {
              const session = await context.newCDPSession(page);
              await session.send('Network.enable');
              await session.send('Network.emulateNetworkConditions', scenario.link);
            }
            const responses: Response[] = [];
            page.on('response', (response) => responses.push(response));
            const result = await page.evaluate(
              ([mode, query, shown, typingMs, letterMs]) =>
                (
                  globalThis as unknown as {
                    benchQuery(
                      mode: string,
                      query: string,
                      shown: number,
                      typingMs: number,
                      letterMs: number,
                    ): Promise<{ ms: number; first?: string }>;
                  }
                ).benchQuery(mode, query, shown, typingMs, letterMs),
              [mode, query, shown, scenario.typingMs, scenario.letterMs] as const,
            );
            times.push(result.ms);
            measured.first = result.first;
            let fetched = 0;
            for (const response of responses)
              fetched += (await response.request().sizes()).responseBodySize;
            // Our dialog's script is the runtime for both of ours; Pagefind's loads in the page.
            // Bytes are the query's alone, typed at once (letter by letter: scripts/search-bytes.ts).
            if (scenario.letterMs === 0)
              measured.bytes = fetched + (mode === 'pagefind' ? 0 : runtimeBytes);
            await context.close();
          }
          measured.ms.push(median(times));
        }
        found.set(`${mode} ${query}`, measured);
      }
    }
  } finally {
    await browser.close();
  }
  return found;
}

async function main(): Promise<void> {
  const sizes = (process.env.SEARCH_BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
  // Sites built before (kept by SEARCH_BENCH_KEEP), measured instead of building new ones.
  const built = process.env.SEARCH_BENCH_SITES?.split(',');
  const pagefind = process.env.PAGEFIND;
  if (!pagefind)
    console.log('PAGEFIND is not set: Pagefind is left out (see the header of this script).');
  for (const [position, size] of (built ?? sizes).entries()) {
    const root = built ? '' : mkdtempSync(join(tmpdir(), `wn-search-${size}-`));
    try {
      const site = built ? (built[position] as string) : buildSite(root, Number(size));
      const computed = await searchBytesPerQuery(site);
      const modes: Mode[] = ['sharded', 'whole'];
      if (pagefind) {
        execFileSync(pagefind, ['--site', site, '--glob', 'essays/*/index.html', '--silent'], {
          stdio: 'inherit',
        });
        modes.push('pagefind');
      }
      await addBenchPage(site);
      const { server, url } = await serve(site);
      let measured: Map<string, Measured>;
      try {
        measured = await measureInChromium(url, modes, gz(dialogScript(site)));
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      const essays = (
        JSON.parse(readFileSync(join(site, 'search', 'index.json'), 'utf8')) as { docs: number }
      ).docs;
      console.log(
        `\n${essays} essays: bytes per query, gzip (script, index data, result files, snippets)\n`,
      );
      console.log(
        table(
          [
            'query',
            'results',
            'ours (Node)',
            'ours, typed letter by letter (Node)',
            ...modes.map((mode) => modeNames[mode]),
          ],
          computed.map((row) => [
            `${row.kind}: ${row.query}`,
            String(row.results),
            kb(row.bytes),
            kb(row.typedBytes),
            ...modes.map((mode) => kb(measured.get(`${mode} ${row.query}`)?.bytes ?? 0)),
          ]),
        ),
      );
      console.log(
        `\n${essays} essays: time to the first result in Chromium, median of 5 cold loads` +
          '\n(slow link: 40 ms per request, 10 Mbit/s; "typed in 300 ms": the query comes 300 ms' +
          '\nafter the dialog opens and starts loading; "150 ms a letter": a search at every letter,' +
          '\ntimed from the last)\n',
      );
      console.log(
        table(
          [
            'query',
            ...scenarios.flatMap((scenario) =>
              modes.map((mode) => `${modeNames[mode]}, ${scenario.name}`),
            ),
          ],
          computed.map((row) => [
            row.query,
            ...scenarios.flatMap((_, at) =>
              modes.map(
                (mode) => `${(measured.get(`${mode} ${row.query}`)?.ms[at] ?? 0).toFixed(0)} ms`,
              ),
            ),
          ]),
        ),
      );
      for (const row of computed) {
        const ours = measured.get(`sharded ${row.query}`)?.first;
        const before = measured.get(`whole ${row.query}`)?.first;
        if (ours !== before)
          throw new Error(
            `"${row.query}": the sharded index ranks ${ours} first, the whole index ${before}`,
          );
      }
    } finally {
      if (built) {
        for (const added of ['__bench', 'pagefind'])
          rmSync(join(built[position] as string, added), { recursive: true, force: true });
      } else if (process.env.SEARCH_BENCH_KEEP) console.log(`kept ${join(root, 'site')}`);
      else rmSync(root, { recursive: true, force: true });
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
