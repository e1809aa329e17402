import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Reading pages may ship at most this much JavaScript, gzip, in total. */
export const scriptBudget = 10 * 1024;
/** Fonts a page preloads for its first paint, in bytes (WOFF2 is compressed already). */
export const fontBudget = 64 * 1024;

// Level 6, zlib's default and what servers compress with unless told otherwise. Level 9 saved
// 0.2% on essay pages and took 60% longer, measured over 300 pages, three times each page.
const gz = (text: string | Buffer) => gzipSync(text, { level: 6 }).length;

/** Vite's manifest: what each source became, and what it imports. */
export type Manifest = Record<
  string,
  { file: string; css?: string[]; imports?: string[]; isEntry?: boolean; src?: string }
>;

/** Every page loads the same few scripts: each is read and compressed once per build. */
const scriptSizes = new Map<string, number>();
function scriptSize(outDir: string, file: string): number {
  let size = scriptSizes.get(file);
  if (size === undefined) {
    size = gz(readFileSync(join(outDir, file)));
    scriptSizes.set(file, size);
  }
  return size;
}

/**
 * The JavaScript a page loads before any interaction: its scripts and their static imports,
 * followed through Vite's manifest. Lazy chunks (the search dialog) are not counted: they load on use.
 */
export function pageScripts(html: string, manifest: Manifest): string[] {
  const byFile = new Map(Object.values(manifest).map((entry) => [entry.file, entry]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const key of byFile.get(file)?.imports ?? []) {
      const child = manifest[key];
      if (child) visit(child.file);
    }
  };
  for (const match of html.matchAll(/<script type="module" src="\/([^"]+)"/g))
    visit(match[1] ?? '');
  return [...seen];
}

/** The font files a page preloads: what it downloads before the first paint of its text. */
export function pageFonts(html: string): string[] {
  return [...html.matchAll(/<link rel="preload" href="\/([^"]+\.woff2)" as="font"/g)].map(
    (match) => match[1] ?? '',
  );
}

export interface PageSize {
  page: string;
  /** The HTML's bytes as written. */
  htmlBytes: number;
  /** gzip of the HTML: measured for the rows of the report only (`summarise`). */
  htmlGzip?: number;
  scriptGzip: number;
  fontBytes: number;
  /**
   * How many times the page's body carries the article's longest run of plain words: 1, unless
   * the article is also sent in another form (a hydration payload, a hidden copy).
   */
  articleCopies?: number;
}

export function measurePage(
  outDir: string,
  page: string,
  html: string,
  manifest: Manifest,
  articleHtml?: string,
): PageSize {
  // Scripts and preloads are in the head: no need to search the article for them.
  const headEnd = html.indexOf('</head>');
  const head = headEnd === -1 ? html : html.slice(0, headEnd);
  const scriptGzip = pageScripts(head, manifest).reduce(
    (sum, file) => sum + scriptSize(outDir, file),
    0,
  );
  const fontBytes = pageFonts(head).reduce(
    (sum, file) => sum + statSync(join(outDir, file)).size,
    0,
  );
  const size: PageSize = { page, htmlBytes: Buffer.byteLength(html), scriptGzip, fontBytes };
  if (articleHtml) size.articleCopies = copiesOf(longestPlainRun(articleHtml), bodyOf(html));
  return size;
}

/**
 * The longest stretch of one of the article's text nodes made of letters, digits, spaces and simple
 * punctuation: it reads the same in HTML, in a JSON string and in text, so any second copy of the
 * article, however encoded, carries it too. (A gzip ratio did not: a duplicate compresses
 * against the first copy, and the ratio of a page that sent its article twice came out lower.)
 */
export function longestPlainRun(articleHtml: string): string {
  let longest = '';
  // Never across a tag (`<` and `>` are not in the class): markup between two text nodes may be
  // encoded differently in a copy.
  // Each run whole, then its length: `{40,}` retried at every letter of a shorter run.
  for (const match of articleHtml.matchAll(/[A-Za-z0-9 ,.;:()-]+/g))
    if (match[0].length >= 40 && match[0].trim().length > longest.length) longest = match[0].trim();
  return longest;
}

function bodyOf(html: string): string {
  const start = html.indexOf('<body');
  return start === -1 ? html : html.slice(start);
}

function copiesOf(needle: string, haystack: string): number {
  if (!needle) return 1;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

export function printReport(sizes: readonly PageSize[], outDir?: string): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('\nsize report (HTML and JS gzip; fonts as served, WOFF2)');
  console.log(
    `${'page'.padEnd(44)}${'HTML'.padStart(10)}${'JS'.padStart(10)}${'fonts'.padStart(10)}${'article copies'.padStart(16)}`,
  );
  for (const size of sizes) {
    console.log(
      `${size.page.padEnd(44)}${(size.htmlGzip === undefined ? '-' : kb(size.htmlGzip)).padStart(10)}${kb(size.scriptGzip).padStart(10)}${kb(size.fontBytes).padStart(10)}${String(size.articleCopies ?? '-').padStart(16)}`,
    );
  }
  if (outDir) {
    // Faces other than the preloaded one load only on pages that use them (italic, code).
    const assets = join(outDir, 'assets');
    const fonts = readdirSync(assets).filter((file) => file.endsWith('.woff2'));
    for (const file of fonts)
      console.log(`  font ${file.padEnd(50)}${kb(statSync(join(assets, file)).size).padStart(10)}`);
  }
  const failures = sizes.flatMap((size) => [
    ...(size.scriptGzip > scriptBudget
      ? [`${size.page}: ${kb(size.scriptGzip)} of JavaScript, over the ${kb(scriptBudget)} budget`]
      : []),
    ...(size.fontBytes > fontBudget
      ? [
          `${size.page}: ${kb(size.fontBytes)} of preloaded fonts, over the ${kb(fontBudget)} budget`,
        ]
      : []),
    ...(size.articleCopies !== undefined && size.articleCopies !== 1
      ? [`${size.page}: the body carries its article's text ${size.articleCopies} times, not once`]
      : []),
  ]);
  console.log(
    failures.length
      ? `\nover budget:\n  ${failures.join('\n  ')}`
      : `\nevery page within budget (JavaScript <= ${kb(scriptBudget)}, preloaded fonts <= ${kb(fontBudget)}, article sent once)`,
  );
  return failures;
}

/**
 * One row per kind of page, so the report reads the same at 5000 essays: the kind's longest page
 * by bytes, with its HTML gzipped (by `read`, which returns the page's HTML), and the worst figure
 * of the kind for each budget. Compressing only these pages, not every page three times, took
 * about a second of CPU off a 1000-essay build.
 */
export function summarise(
  all: readonly PageSize[],
  read: (page: string) => string | Buffer,
): PageSize[] {
  const kind = (page: string) =>
    page.startsWith('/essays/')
      ? 'essay pages'
      : page.startsWith('/tags/') && page !== '/tags/'
        ? 'tag pages'
        : page;
  const groups = new Map<string, PageSize[]>();
  for (const size of all)
    groups.set(kind(size.page), [...(groups.get(kind(size.page)) ?? []), size]);
  return [...groups].map(([name, list]) => {
    const longest = list.reduce((a, b) => (b.htmlBytes > a.htmlBytes ? b : a));
    return {
      page: list.length > 1 ? `${name} (${list.length}, longest)` : name,
      htmlBytes: longest.htmlBytes,
      htmlGzip: gz(read(longest.page)),
      scriptGzip: Math.max(...list.map((size) => size.scriptGzip)),
      fontBytes: Math.max(...list.map((size) => size.fontBytes)),
      ...(list.some((size) => size.articleCopies !== undefined) && {
        // The worst page of the kind: any count but 1 is a failure.
        articleCopies: list.reduce(
          (worst, size) =>
            size.articleCopies !== undefined && size.articleCopies !== 1
              ? size.articleCopies
              : worst,
          1,
        ),
      }),
    };
  });
}
