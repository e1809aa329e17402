import { posts } from '@working-notes/content';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site, watchForProblems } from './browser.js';
import { searchBodyWordFromKeyboard } from './corpus.js';

let site: Site;
let context: BrowserContext;
beforeAll(async () => {
  site = await openSite();
  context = await site.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
});
afterAll(async () => {
  await context?.close();
  await site?.close();
});

const newest = posts[0];

describe('reading the site in Chromium', () => {
  it('goes from the home page to an essay and on to the next older one', async () => {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.goto(`${site.url}/`);
    await page
      .getByRole('link', { name: newest?.title ?? '' })
      .first()
      .click();
    await page.waitForURL(`**${newest?.path}`);
    expect(await page.locator('h1').textContent()).toBe(newest?.title);
    if (posts[1]) {
      await page.locator('a[rel="next"]').click();
      await page.waitForURL(`**${posts[1].path}`);
      expect(await page.locator('h1').textContent()).toBe(posts[1].title);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('search finds an essay by a word that appears only in its body, from the keyboard', async () => {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(`${site.url}/archive/`);
    const searchRequests = () => requests.filter((path) => path.startsWith('/search'));
    expect(searchRequests()).toEqual([]);
    const dialog = await searchBodyWordFromKeyboard(page);
    // The manifest, which carries every result of a site this size, and a shard or two for the
    // word typed: never the whole index, never every shard, and no file of results.
    const fetched = searchRequests();
    expect(fetched).toContain('/search/index.json');
    expect(fetched).not.toContain('/search-index.json');
    const shards = fetched.filter((path) => path.startsWith('/search/shards/'));
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThanOrEqual(4);
    expect(fetched.filter((path) => path.startsWith('/search/docs/'))).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the theme toggle persists across pages with no flash of the other theme', async () => {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${site.url}/`);
    const toggle = page.locator('[data-theme-toggle]');
    // System (light here), then light, then dark.
    await toggle.click();
    await toggle.click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await toggle.getAttribute('title')).toBe('Theme: dark. Switch to system');
    // Record the theme and background before any external script runs on the next page.
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        const w = window as unknown as { firstPaintTheme: unknown };
        w.firstPaintTheme = [
          document.documentElement.dataset.theme,
          getComputedStyle(document.body).backgroundColor,
        ];
      });
    });
    await page.goto(`${site.url}${newest?.path}`);
    const [theme, background] = (await page.evaluate(
      () => (window as unknown as { firstPaintTheme: [string, string] }).firstPaintTheme,
    )) as [string, string];
    expect(theme).toBe('dark');
    expect(background).not.toBe('rgb(253, 252, 250)');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a code block copy button puts the code on the clipboard', async () => {
    const withCode = await firstEssayWithCode();
    if (!withCode) return;
    const page = await context.newPage();
    await page.goto(`${site.url}${withCode}`);
    const block = page.locator('pre.code').first();
    const expected = await block.locator('code').textContent();
    await block.getByRole('button', { name: 'Copy code to clipboard' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await expect.poll(() => block.getByRole('button').textContent()).toBe('Copied');
    await page.close();
  });

  it('an unknown path answers 404 with search and the latest essays', async () => {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    const response = await page.goto(`${site.url}/essays/no-such-essay/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This page does not exist');
    await expect
      .poll(() => page.getByRole('link', { name: newest?.title ?? '' }).count())
      .toBeGreaterThan(0);
    const longestWord =
      [...(newest?.title.split(/\W+/) ?? [])].sort((a, b) => b.length - a.length)[0] ?? '';
    await page.getByRole('searchbox', { name: 'Search the essays' }).fill(longestWord);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect
      .poll(() => page.getByRole('dialog').getByRole('option').count())
      .toBeGreaterThan(0);
    // The 404 response itself is the only "error" a reader's console shows.
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await page.close();
  });

  it('every page type loads with no console errors and no CSP violations under the strict policy', async () => {
    const page = await context.newPage();
    const problems = watchForProblems(page);
    const response = await page.goto(`${site.url}/`);
    // Let the first load finish (favicon included) so the next navigation cancels nothing.
    await page.waitForLoadState('networkidle');
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    expect(response?.headers()['content-security-policy']).not.toContain('unsafe-inline');
    for (const path of ['/', newest?.path, '/tags/', `/tags/${newest?.tags[0]}/`, '/archive/']) {
      await page.goto(`${site.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(
        true,
      );
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});

async function firstEssayWithCode(): Promise<string | undefined> {
  const { loadPost } = await import('@working-notes/content');
  for (const meta of posts)
    if ((await loadPost(meta.slug)).html.includes('<pre class="code"')) return meta.path;
  return undefined;
}
