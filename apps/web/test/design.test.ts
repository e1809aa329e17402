import { posts } from '@working-notes/content';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSeries } from '../src/site/series.js';
import { openSite, type Site } from './browser.js';

/** What readers see at a phone's width and a laptop's: layout, targets, measure, print. */
let site: Site;
let browser: Browser;
beforeAll(async () => {
  site = await openSite();
  browser = site.browser;
});
afterAll(async () => {
  await site?.close();
});

const phone = { width: 390, height: 844 };
const laptop = { width: 1280, height: 800 };
const series = allSeries(posts);
const inSeries = posts.find((post) => post.series !== undefined);
const withDiagram =
  posts.find((post) => post.slug === 'status-is-a-distributed-system') ?? posts[0];
const pageTypes = [
  '/',
  posts[0]?.path ?? '/',
  '/archive/',
  '/tags/',
  `/tags/${posts[0]?.tags[0]}/`,
  series[0]?.path ?? '/',
  '/about/',
  '/embed/',
  '/no-such-page/',
];

async function open(path: string, viewport = phone, colorScheme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  return { page, close: () => context.close() };
}

/** Interactive elements outside running prose smaller than WCAG 2.2's 24 by 24 px target. */
function smallTargets(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, summary')]
      // Running text is exempt (WCAG's inline exception), and so is the Embed page's preview, which
      // shows the list as a host page styles it.
      .filter((element) => !element.closest('.prose, p, td, .lede, .embed-preview'))
      .filter((element) => element.checkVisibility())
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ element, box }) => `${element.textContent?.trim()} ${box.width}x${box.height}`),
  );
}

describe('on a phone (390 px)', () => {
  it.each(pageTypes)(
    '%s fits the screen, with a one-row header and no small tap targets',
    async (path) => {
      const { page, close } = await open(path);
      const { scrollWidth, header } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        header: document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0,
      }));
      expect(scrollWidth).toBeLessThanOrEqual(phone.width);
      expect(header).toBeLessThanOrEqual(72);
      expect(await smallTargets(page)).toEqual([]);
      await close();
    },
  );

  it('an essay offers its contents collapsed, before the text', async () => {
    const { page, close } = await open(posts[0]?.path ?? '/');
    const contents = page.locator('.toc details');
    expect(await contents.getAttribute('open')).toBeNull();
    const tocTop = (await contents.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
    const textTop = (await page.locator('.prose > p').first().boundingBox())?.y ?? 0;
    expect(tocTop).toBeLessThan(textTop);
    expect(tocTop).toBeLessThan(phone.height);
    await page.locator('.toc summary').click();
    expect(await page.locator('.toc ol a').first().isVisible()).toBe(true);
    await close();
  });

  it('diagrams keep their labels at 11 px or more, scrolling sideways instead of shrinking', async () => {
    const { page, close } = await open(withDiagram?.path ?? '/');
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll<SVGSVGElement>('.prose figure svg')].flatMap((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text')].map(
          (text) => Number.parseFloat(getComputedStyle(text).fontSize) * scale,
        );
      }),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    await close();
  });
});

describe('on a laptop (1280 px)', () => {
  it('the contents rail stays in view and marks the section being read', async () => {
    const { page, close } = await open(posts[0]?.path ?? '/', laptop);
    const links = page.locator('.toc ol a');
    expect(await links.first().isVisible()).toBe(true);
    const third = (await links.nth(2).getAttribute('href')) ?? '';
    await page.locator(third).scrollIntoViewIfNeeded();
    await page.evaluate((id) => document.querySelector(id)?.scrollIntoView(), third);
    await expect
      .poll(() => page.locator('.toc a[aria-current="true"]').getAttribute('href'))
      .toBe(third);
    const rail = await page.locator('.toc').boundingBox();
    expect(rail?.y).toBeGreaterThanOrEqual(0);
    expect(rail?.y).toBeLessThan(laptop.height);
    await close();
  });

  it('body text runs 60 to 75 characters a line', async () => {
    const { page, close } = await open(posts[0]?.path ?? '/', laptop);
    const perLine = await page.evaluate(() => {
      const paragraphs = [...document.querySelectorAll<HTMLElement>('.prose > p')].filter(
        (p) => p.textContent && p.textContent.length > 400,
      );
      const counts = paragraphs.map((p) => {
        const lineHeight = Number.parseFloat(getComputedStyle(p).lineHeight);
        const lines = Math.round(p.getBoundingClientRect().height / lineHeight);
        return (p.textContent?.length ?? 0) / lines;
      });
      return counts.reduce((sum, count) => sum + count, 0) / counts.length;
    });
    expect(perLine).toBeGreaterThanOrEqual(60);
    expect(perLine).toBeLessThanOrEqual(75);
    await close();
  });

  it('a code block names its language and its copy button covers no code', async () => {
    const { page, close } = await open(withDiagram?.path ?? '/', laptop);
    const block = page.locator('pre.code').first();
    const label = await block.evaluate((pre) => getComputedStyle(pre, '::before').content);
    expect(label).not.toBe('none');
    const button = await block
      .getByRole('button', { name: 'Copy code to clipboard' })
      .boundingBox();
    const code = await block.evaluate((pre) => {
      const range = document.createRange();
      range.selectNodeContents(pre.querySelector('code') as Node);
      const first = range.getClientRects()[0];
      return first ? { y: first.y, bottom: first.bottom } : undefined;
    });
    expect(button && code && button.y + button.height).toBeLessThanOrEqual(code?.y ?? 0);
    await close();
  });
});

describe('fonts', () => {
  it.each(pageTypes)('%s downloads only the font faces it sets text in', async (path) => {
    const { page, close } = await open(path, laptop);
    const { downloaded, shown } = await page.evaluate(() => {
      const faceOf = (name: string) =>
        name.includes('jetbrains-mono')
          ? 'code'
          : name.includes('italic')
            ? 'italic'
            : name.includes('source-serif')
              ? 'text'
              : name;
      const downloaded = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.woff2'))
        .map((entry) => faceOf(entry.name));
      // Which faces some visible text on the page is set in, by its computed style.
      const shown = new Set<string>();
      for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
        if (!element.checkVisibility() || !element.childNodes.length) continue;
        if (
          ![...element.childNodes].some((node) => node.nodeType === 3 && node.textContent?.trim())
        )
          continue;
        const style = getComputedStyle(element);
        if (style.fontFamily.startsWith('"JetBrains Mono"')) shown.add('code');
        else if (style.fontFamily.startsWith('"Source Serif 4"'))
          shown.add(style.fontStyle === 'italic' ? 'italic' : 'text');
      }
      return { downloaded: [...new Set(downloaded)].sort(), shown: [...shown].sort() };
    });
    // The text face is preloaded on every page, so it may arrive where only headings use it.
    expect(downloaded.filter((face) => face !== 'text')).toEqual(
      shown.filter((face) => face !== 'text'),
    );
    await close();
  });
});

describe('series and the author', () => {
  it('a part of a series says which part it is and links the series page, in order', async () => {
    if (!inSeries) return;
    const entry = series.find((item) => item.name === inSeries.series);
    const part = (entry?.parts.findIndex((item) => item.slug === inSeries.slug) ?? 0) + 1;
    const { page, close } = await open(inSeries.path, laptop);
    expect(await page.locator('.series-line').textContent()).toBe(
      `${entry?.name}, part ${part} of ${entry?.parts.length}`,
    );
    await page.locator('.series-line a').click();
    await page.waitForURL(`**${entry?.path}`);
    const titles = await page.locator('.post-list-title a').allTextContents();
    expect(titles).toEqual(entry?.parts.map((item) => item.title));
    await close();
  });

  it('essays name a person as their author, with an about page', async () => {
    const { page, close } = await open(posts[0]?.path ?? '/', laptop);
    const data = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    );
    expect(data.author['@type']).toBe('Person');
    expect(data.author.name).not.toBe(data.publisher?.name);
    await page.goto(data.author.url.replace(/^https:\/\/[^/]+/, site.url));
    expect(await page.locator('h1').textContent()).toBe('About');
    await close();
  });
});

describe('the theme button', () => {
  it('goes system, light, dark and back to system, which follows the operating system again', async () => {
    const { page, close } = await open('/', laptop, 'dark');
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    const background = () =>
      page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const toggle = page.locator('[data-theme-toggle]');
    const systemDark = await background();
    expect(await theme()).toBe('system');
    await toggle.click();
    expect(await theme()).toBe('light');
    expect(await background()).not.toBe(systemDark);
    await toggle.click();
    expect(await theme()).toBe('dark');
    await toggle.click();
    expect(await theme()).toBe('system');
    expect(await page.evaluate(() => localStorage.getItem('theme'))).toBeNull();
    expect(await background()).toBe(systemDark);
    expect(await toggle.getAttribute('title')).toBe('Theme: system. Switch to light');
    await close();
  });
});

describe('printing', () => {
  it('an essay prints alone, with the addresses of its links', async () => {
    const { page, close } = await open(posts[0]?.path ?? '/', laptop);
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() =>
      ['.site-header', '.site-footer', '.toc', '.essay-footer'].map(
        (selector) => getComputedStyle(document.querySelector(selector) as Element).display,
      ),
    );
    expect(hidden).toEqual(['none', 'none', 'none', 'none']);
    const external = page.locator('.prose a[href^="http"]').first();
    if ((await external.count()) > 0) {
      const after = await external.evaluate((link) => getComputedStyle(link, '::after').content);
      expect(after).toContain('http');
    }
    await close();
  });
});
