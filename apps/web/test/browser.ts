import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { type Browser, chromium, type Page, type Request } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { outDir } from '../scripts/paths.js';
import { serveStatic } from '../scripts/static-server.js';

export interface Site {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The built site on 127.0.0.1 with its _headers (CSP included), and a Chromium to drive it. */
export async function openSite(): Promise<Site> {
  if (!existsSync(outDir))
    throw new Error('apps/web/dist is missing: the test task builds it first (pnpm build)');
  if (!existsSync(chromiumPath))
    throw new Error(
      `No Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`,
    );
  const { server, url } = await serveStatic(outDir);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
    },
  };
}

/** Collects everything a reader would call broken: errors, failed requests, CSP violations. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  // Which page view each request belongs to, so a request the browser cancels because the reader
  // went on to the next page (the favicon, often) is told apart from one that failed.
  // A view starts when its navigation request is made, which is before the old page is torn down.
  let views = 0;
  const viewOf = new WeakMap<Request, number>();
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) views++;
    viewOf.set(request, views);
  });
  page.on('requestfailed', (request) => {
    // Speculation Rules fetch a page when the pointer rests on its link; the click that follows
    // can cancel that fetch or replace it with the real navigation, which Chromium reports as
    // ERR_ABORTED. The reader just lands on the page, so that one is not a problem, and neither
    // is a request of a page the reader has already left.
    const aborted = request.failure()?.errorText === 'net::ERR_ABORTED';
    const speculative = (request.headers()['sec-purpose'] ?? '').includes('prefetch');
    const left = (viewOf.get(request) ?? views) < views;
    if (aborted && (speculative || left || request.isNavigationRequest())) return;
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  return problems;
}
