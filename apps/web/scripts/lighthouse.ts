import { posts } from '@working-notes/content';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { seriesSlug } from '../src/site/series.js';
import { outDir } from './paths.js';
import { serveStatic } from './static-server.js';

/**
 * pnpm lighthouse: Lighthouse 12 (mobile, its default) against the built site served with its
 * _headers on 127.0.0.1, in Debian's Chromium. Prints the four scores for the home page, an essay,
 * a tag page, a series page and the Embed page. A report, not a test: scores vary with the machine's load.
 */
const { server, url } = await serveStatic(outDir);
const port = 9222 + Math.floor(Math.random() * 500);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...chromiumArgs, `--remote-debugging-port=${port}`],
});
const seriesPage = posts.find((post) => post.series)?.series;
const pages = [
  '/',
  posts[0]?.path ?? '/',
  `/tags/${posts[0]?.tags[0]}/`,
  ...(seriesPage ? [`/series/${seriesSlug(seriesPage)}/`] : []),
  '/embed/',
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
console.log(`Lighthouse ${'(mobile)'.padEnd(36)}${categories.map((c) => c.padStart(16)).join('')}`);
let imperfect = 0;
for (const path of pages) {
  const result = await lighthouse(`${url}${path}`, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
  });
  const scores = categories.map((category) =>
    Math.round((result?.lhr.categories[category]?.score ?? 0) * 100),
  );
  if (scores.some((score) => score < 100)) imperfect++;
  console.log(`${path.padEnd(46)}${scores.map((score) => String(score).padStart(16)).join('')}`);
  if (scores.some((score) => score < 100)) {
    for (const audit of Object.values(result?.lhr.audits ?? {})) {
      if (
        audit.score !== null &&
        audit.score < 1 &&
        audit.scoreDisplayMode !== 'informative' &&
        audit.scoreDisplayMode !== 'manual'
      )
        console.log(`    ${audit.id}: ${audit.title}`);
    }
  }
}
console.log(
  imperfect === 0
    ? '\nAll pages score 100 in every category.'
    : `\n${imperfect} page(s) below 100; failing audits listed above.`,
);
await browser.close();
server.close();
