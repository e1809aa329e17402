import { posts } from '@working-notes/content';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site, watchForProblems } from './browser.js';

/** The search dialog as a reader uses it: typos, word forms, passages, the keyboard. */
let site: Site;
let context: BrowserContext;
beforeAll(async () => {
  site = await openSite();
  context = await site.browser.newContext();
});
afterAll(async () => {
  await context?.close();
  await site?.close();
});

// A title word of the newest essay, misspelt by one dropped letter in the middle.
const target = posts[0];
const word =
  target?.title
    .split(/\W+/)
    .filter((part) => part.length >= 8)
    .sort((a, b) => b.length - a.length)[0]
    ?.toLowerCase() ?? '';
const typo = `${word.slice(0, 4)}${word.slice(5)}`;

async function openDialog(path = '/archive/') {
  const page = await context.newPage();
  const problems = watchForProblems(page);
  await page.goto(`${site.url}${path}`);
  await page.getByRole('button', { name: 'Search essays' }).click();
  const dialog = page.getByRole('dialog');
  return { page, problems, dialog, box: dialog.getByRole('combobox') };
}

describe('search in Chromium', () => {
  it('forgives a typo and shows the date and the passage that matched', async () => {
    expect(word.length).toBeGreaterThanOrEqual(8);
    const { page, problems, dialog, box } = await openDialog();
    await box.fill(typo);
    const first = dialog.getByRole('option').first();
    await expect.poll(() => first.locator('.search-title').textContent()).toBe(target?.title);
    expect(await first.locator('time').getAttribute('datetime')).toBe(target?.date);
    await expect.poll(() => first.locator('mark').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds other forms of a word: idempotent finds essays that say idempotency', async () => {
    const { page, dialog, box } = await openDialog();
    await box.fill('idempotent');
    await expect.poll(() => dialog.getByRole('option').count()).toBeGreaterThan(0);
    await expect
      .poll(async () => (await dialog.locator('mark').allTextContents()).join(' ').toLowerCase())
      .toMatch(/idempoten/);
    await page.close();
  });

  it('still finds the essay when a deploy has removed the shards its manifest named', async () => {
    // A reader who opened search before a deploy holds the old manifest; its shards are gone.
    const page = await context.newPage();
    await page.goto(`${site.url}/archive/`);
    let gone = 0;
    await page.route('**/search/shards/*', (route) => {
      if (gone++ > 0) return route.continue();
      return route.fulfill({ status: 404, body: 'Not found' });
    });
    const manifests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/search/index.json') manifests.push(request.url());
    });
    await page.getByRole('button', { name: 'Search essays' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox').fill(word);
    await expect
      .poll(() => dialog.getByRole('option').first().locator('.search-title').textContent())
      .toBe(target?.title);
    expect(manifests).toHaveLength(2);
    expect(await dialog.locator('.search-status').textContent()).not.toMatch(/unavailable/);
    await page.close();
  });

  it('moves with the arrow keys, opens with Enter, and Escape gives focus back', async () => {
    const { page, dialog, box } = await openDialog();
    await box.fill(word);
    await expect.poll(() => dialog.getByRole('option').count()).toBeGreaterThan(0);
    const count = await dialog.getByRole('option').count();
    await page.keyboard.press('ArrowDown');
    const selected = dialog.locator('[role="option"][aria-selected="true"]');
    expect(await selected.getAttribute('id')).toBe(
      count > 1 ? 'search-result-1' : 'search-result-0',
    );
    expect(await box.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
    await page.keyboard.press('Escape');
    expect(await dialog.isVisible()).toBe(false);
    expect(
      await page.evaluate(() => document.activeElement?.getAttribute('data-search-open')),
    ).toBe('');
    await page.getByRole('button', { name: 'Search essays' }).click();
    await box.fill(word);
    await expect.poll(() => dialog.getByRole('option').count()).toBeGreaterThan(0);
    const href = await dialog.getByRole('option').first().getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${href}`);
    await page.close();
  });
});
