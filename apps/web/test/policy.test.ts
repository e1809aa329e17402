import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { posts, tagCounts } from '@working-notes/content';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer } from '../scripts/dev.js';
import { type OutputContext, outputFiles } from '../scripts/outputs.js';
import { webRoot } from '../scripts/paths.js';
import { serveStatic } from '../scripts/static-server.js';
import { allSeries } from '../src/site/series.js';
import { openSite, type Site, watchForProblems } from './browser.js';
import { searchBodyWordFromKeyboard } from './corpus.js';

/**
 * The Content Security Policy, Trusted Types included, as readers meet it: every page of the
 * built site in Chromium under the production headers, the search dialog opened and used, and
 * the dev server's pages under the same policy. A violation of either kind is a failure.
 */
const context: OutputContext = { assets: { css: [], script: '' }, viteFiles: [] };
const pages = outputFiles(context)
  .filter(({ file }) => file.route)
  .map(({ file }) => file.path);

let site: Site;
beforeAll(async () => {
  site = await openSite();
});
afterAll(async () => {
  await site?.close();
});

/** Records every `securitypolicyviolation` the page fires, from before its first script. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return () =>
    page.evaluate(() => [...((window as unknown as { violations?: string[] }).violations ?? [])]);
}

/** Opens each path, then the search dialog on the last, and returns what went wrong. */
async function crawl(browser: Browser, origin: string, paths: readonly string[]) {
  const browserContext = await browser.newContext();
  const page = await browserContext.newPage();
  const problems = watchForProblems(page);
  const violations = await recordViolations(page);
  const found: string[] = [];
  let policy = '';
  for (const path of paths) {
    const response = await page.goto(`${origin}${path}`);
    policy = response?.headers()['content-security-policy'] ?? '';
    // Violation events are queued tasks: let the ones the page's scripts caused arrive.
    await page.evaluate(() => new Promise((done) => setTimeout(done, 50)));
    for (const violation of await violations()) found.push(`${path}: ${violation}`);
  }
  // The search dialog is built by script on first use: its nodes must pass Trusted Types too.
  await searchBodyWordFromKeyboard(page);
  for (const violation of await violations()) found.push(`search dialog: ${violation}`);
  await page.waitForLoadState('networkidle');
  await browserContext.close();
  // The 404 page's own status is the only console "error" a reader sees.
  return { violations: found, problems: problems.filter((p) => !p.includes('404')), policy };
}

describe('the strict policy, Trusted Types included', () => {
  it(`every page of the build (${pages.length}) and the search dialog: no violation`, async () => {
    // Home, archive, topics, embed, about and 404, then one page per essay, tag and series.
    expect(pages.length).toBe(posts.length + tagCounts(posts).length + allSeries(posts).length + 6);
    const result = await crawl(site.browser, site.url, pages);
    expect(result.policy).toContain("require-trusted-types-for 'script'");
    expect(result.policy).toContain('upgrade-insecure-requests');
    expect(result.violations).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  // The widget builds its DOM without HTML strings (issue 12), so its page needs no exception.
  it('the widget on /embed/ renders under Trusted Types', async () => {
    const result = await crawl(site.browser, site.url, ['/embed/']);
    expect(result.violations).toEqual([]);
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.url}/embed/`);
      const preview = page.locator('.embed-preview latest-essays');
      await expect.poll(() => preview.getAttribute('data-state')).toBe('ready');
      const links = await preview.evaluate(
        (element) => element.shadowRoot?.querySelectorAll('a[part="link"]').length,
      );
      expect(links).toBe(5);
    } finally {
      await page.close();
    }
  });

  it('the dev server sends the same policy, and its pages break none of it', async () => {
    const dev = await startDevServer(0);
    try {
      const response = await fetch(`${dev.url}/`);
      const policy = response.headers.get('content-security-policy') ?? '';
      const production = (await fetch(`${site.url}/`)).headers.get('content-security-policy');
      // The one difference: a nonce for the styles of Vite's error overlay.
      expect(policy.replace(/ 'nonce-[^']+'/, '')).toBe(production);
      expect((await fetch(`${dev.url}/rss.xml`)).headers.get('content-type')).toBe(
        'application/rss+xml; charset=utf-8',
      );
      const sample = [
        '/',
        posts[0]?.path ?? '/',
        '/archive/',
        '/tags/',
        `/tags/${posts[0]?.tags[0]}/`,
        '/embed/',
        '/no-such-page/',
      ];
      const result = await crawl(site.browser, dev.url, sample);
      expect(result.violations).toEqual([]);
      expect(result.problems).toEqual([]);
    } finally {
      await dev.close();
    }
  });
});

describe('on a host that sends no headers (WEB_HOST=github-pages)', () => {
  it('the policy travels in a <meta> tag, and still enforces Trusted Types with no violation', async () => {
    const base = mkdtempSync(join(tmpdir(), 'headerless-'));
    let server: Server | undefined;
    try {
      const built = spawnSync(
        process.execPath,
        [
          join(webRoot, '..', '..', 'scripts', 'atomic-build.mjs'),
          join(base, 'dist'),
          'build:into',
        ],
        {
          cwd: webRoot,
          encoding: 'utf8',
          env: {
            ...process.env,
            WEB_HOST: 'github-pages',
            PATH: `${join(webRoot, 'node_modules', '.bin')}:${process.env.PATH}`,
          },
        },
      );
      expect(built.status, built.stderr).toBe(0);
      // No _headers to be served as a plain file.
      expect(existsSync(join(base, 'dist', '_headers'))).toBe(false);
      const home = readFileSync(join(base, 'dist', 'index.html'), 'utf8');
      const meta = home.indexOf('http-equiv="Content-Security-Policy"');
      expect(meta).toBeGreaterThan(0);
      expect(meta).toBeLessThan(home.indexOf('<script'));
      expect(home).not.toContain('frame-ancestors');

      const started = await serveStatic(join(base, 'dist'));
      server = started.server;
      const response = await fetch(`${started.url}/`);
      expect(response.headers.get('content-security-policy')).toBeNull();
      const result = await crawl(site.browser, started.url, ['/', posts[0]?.path ?? '/', '/tags/']);
      expect(result.violations).toEqual([]);
      expect(result.problems).toEqual([]);

      // The tag is in force: an HTML string assigned by script is refused.
      const page = await site.browser.newPage();
      await page.goto(`${started.url}/`);
      const outcome = await page.evaluate(() => {
        try {
          document.body.insertAdjacentHTML('beforeend', '<p>from a string</p>');
          return 'allowed';
        } catch (error) {
          return (error as Error).name;
        }
      });
      expect(outcome).toBe('TypeError');
      await page.close();
    } finally {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      rmSync(base, { recursive: true, force: true });
    }
  });
});
