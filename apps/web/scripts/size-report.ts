import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Reading pages may ship at most this much JavaScript, gzip, in total. */
export const scriptBudget = 10 * 1024;

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/**
 * The JavaScript a page loads before any interaction: its scripts and their static imports,
 * followed through Vite's manifest. Lazy chunks (the search dialog) are not counted: they load on use.
 */
export function pageScripts(
  html: string,
  manifest: Record<string, { file: string; imports?: string[] }>,
): string[] {
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

export interface PageSize {
  page: string;
  htmlGzip: number;
  scriptGzip: number;
  /** gzip(page) / (gzip(article) + gzip(page without the article)); over 1.1 means sent twice. */
  articleRatio?: number;
}

export function measurePage(
  outDir: string,
  page: string,
  html: string,
  manifest: Parameters<typeof pageScripts>[1],
  articleHtml?: string,
): PageSize {
  const scriptGzip = pageScripts(html, manifest).reduce(
    (sum, file) => sum + gz(readFileSync(join(outDir, file))),
    0,
  );
  const size: PageSize = { page, htmlGzip: gz(html), scriptGzip };
  if (articleHtml) {
    const chrome = html.replace(articleHtml, '');
    size.articleRatio = gz(html) / (gz(articleHtml) + gz(chrome));
  }
  return size;
}

export function printReport(sizes: readonly PageSize[]): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('\nsize report (gzip)');
  console.log(
    `${'page'.padEnd(44)}${'HTML'.padStart(10)}${'JS'.padStart(10)}${'article ratio'.padStart(15)}`,
  );
  for (const size of sizes) {
    console.log(
      `${size.page.padEnd(44)}${kb(size.htmlGzip).padStart(10)}${kb(size.scriptGzip).padStart(10)}${(size.articleRatio?.toFixed(2) ?? '-').padStart(15)}`,
    );
  }
  const failures = sizes.flatMap((size) => [
    ...(size.scriptGzip > scriptBudget
      ? [`${size.page}: ${kb(size.scriptGzip)} of JavaScript, over the ${kb(scriptBudget)} budget`]
      : []),
    ...(size.articleRatio !== undefined && size.articleRatio > 1.1
      ? [`${size.page}: the article is sent more than once (ratio ${size.articleRatio.toFixed(2)})`]
      : []),
  ]);
  console.log(
    failures.length
      ? `\nover budget:\n  ${failures.join('\n  ')}`
      : `\nevery page within budget (JavaScript <= ${kb(scriptBudget)}, article sent once)`,
  );
  return failures;
}
