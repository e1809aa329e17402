import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { essays, fallback, startBlog, startHost } from './servers.js';

let browser: Browser;
let blog: Awaited<ReturnType<typeof startBlog>>;
let host: Awaited<ReturnType<typeof startHost>>;
let counter = 0;

beforeAll(async () => {
  [blog, host] = await Promise.all([startBlog(), startHost()]);
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
});
afterAll(async () => {
  await browser?.close();
  blog?.close();
  host?.close();
});

const script = () => `<script async src="${blog.url}/widget/latest-essays.js"></script>`;
const strictCsp = () => `default-src 'none'; script-src ${blog.url}; connect-src ${blog.url}`;

interface Watch {
  errors: string[];
  warnings: string[];
  requests: string[];
}

/** Opens a host page and records what would break or bother the host. */
async function open(
  body: string,
  options: { csp?: string; head?: string; lang?: string } = {},
): Promise<{ page: Page; watch: Watch }> {
  const path = `/page-${++counter}`;
  const url = host.page(path, { body, ...options });
  const page = await browser.newPage();
  const watch: Watch = { errors: [], warnings: [], requests: [] };
  page.on('pageerror', (error) => watch.errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(message.text());
    if (message.type() === 'warning') watch.warnings.push(message.text());
  });
  page.on('request', (request) => watch.requests.push(request.url()));
  await page.addInitScript(() => {
    const record = window as unknown as { rejections: string[]; shifts: number; storage: number };
    record.rejections = [];
    record.shifts = 0;
    record.storage = 0;
    window.addEventListener('unhandledrejection', (event) =>
      record.rejections.push(String(event.reason)),
    );
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        record.shifts += (entry as unknown as { value: number }).value;
    }).observe({ type: 'layout-shift', buffered: true });
    for (const method of ['getItem', 'setItem', 'removeItem'] as const) {
      const original = Storage.prototype[method];
      Storage.prototype[method] = function (this: Storage, ...args: never[]) {
        record.storage++;
        return (original as (...a: never[]) => unknown).apply(this, args);
      } as never;
    }
  });
  await page.goto(url);
  return { page, watch };
}

const state = (page: Page, selector = 'latest-essays') =>
  page.locator(selector).first().getAttribute('data-state');
const shadowLinks = (page: Page, selector = 'latest-essays') =>
  page
    .locator(selector)
    .first()
    .evaluate((element) =>
      [...(element.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => [
        a.textContent,
        a.getAttribute('href'),
      ]),
    );
const record = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { rejections: string[]; shifts: number; storage: number };
    return { rejections: w.rejections, shifts: w.shifts, storage: w.storage };
  });

describe('<latest-essays> on a host page', () => {
  it('renders the latest essays under a strict CSP with no style-src, without violations', async () => {
    const { page, watch } = await open(
      `${script()}<latest-essays src="${blog.url}/widget/latest.json" count="3">${fallback(blog.url, 3)}</latest-essays>`,
      { csp: strictCsp() },
    );
    await expect.poll(() => state(page)).toBe('ready');
    expect(await shadowLinks(page)).toEqual(
      essays.slice(0, 3).map((essay) => [essay.title, `${blog.url}/essays/${essay.slug}/`]),
    );
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('makes one request for twenty instances, and survives a second copy of the script', async () => {
    blog.hits.clear();
    const elements = Array.from(
      { length: 20 },
      (_, i) =>
        `<latest-essays src="${blog.url}/widget/latest.json" count="${(i % 5) + 1}">${fallback(blog.url, 1)}</latest-essays>`,
    ).join('');
    const { page, watch } = await open(`${script()}${elements}${script()}`, { csp: strictCsp() });
    await expect.poll(() => page.locator('latest-essays[data-state="ready"]').count()).toBe(20);
    expect(blog.hits.get('/widget/latest.json')).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('keeps working beside hostile CSS and huge fonts', async () => {
    const head = `<style>* { all: unset; } html { font-size: 64px; } ol, li, a, h2 { display: none !important; color: red !important; }</style>`;
    const { page, watch } = await open(
      `${script()}<latest-essays src="${blog.url}/widget/latest.json">${fallback(blog.url)}</latest-essays>`,
      { head },
    );
    await expect.poll(() => state(page)).toBe('ready');
    const visible = await page
      .locator('latest-essays')
      .first()
      .evaluate((element) => {
        const link = element.shadowRoot?.querySelector('a');
        const box = link?.getBoundingClientRect();
        return Boolean(box && box.width > 0 && box.height > 0);
      });
    expect(visible).toBe(true);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('lives beside a host that runs its own Solid or React-like app', async () => {
    // A host framework owns part of the page and mutates it; the widget's own bundled Solid is separate.
    const app = `<div id="app"></div><script src="${blog.url}/widget/latest-essays.js" async></script>`;
    const { page, watch } = await open(
      `${app}<latest-essays src="${blog.url}/widget/latest.json">${fallback(blog.url)}</latest-essays>`,
    );
    await page.evaluate(() => {
      const root = document.getElementById('app');
      for (let i = 0; i < 50; i++)
        root?.append(
          Object.assign(document.createElement('p'), { textContent: `host render ${i}` }),
        );
    });
    await expect.poll(() => state(page)).toBe('ready');
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('shows the fallback links on a host that enforces Trusted Types', async () => {
    const csp = `${strictCsp()}; require-trusted-types-for 'script'`;
    const { page, watch } = await open(
      `${script()}<latest-essays src="${blog.url}/widget/latest.json">${fallback(blog.url)}</latest-essays>`,
      { csp },
    );
    await expect.poll(() => state(page)).toBe('error');
    expect(
      await page
        .locator('latest-essays')
        .first()
        .evaluate((element) => element.shadowRoot),
    ).toBeNull();
    expect(await page.getByRole('link', { name: essays[0]?.title ?? '' }).isVisible()).toBe(true);
    expect(watch.errors.filter((error) => error.startsWith('uncaught'))).toEqual([]);
    expect((await record(page)).rejections).toEqual([]);
    await page.close();
  });

  it.each([
    ['offline', 'http://127.0.0.1:9/latest.json'],
    ['HTTP 500', '/fail/500.json'],
    ['malformed JSON', '/fail/malformed.json'],
    ['the wrong shape', '/fail/shape.json'],
    ['a stalled response', '/fail/stall.json'],
    ['a huge response', '/fail/huge.json'],
  ])('with %s the fallback stays and nothing is thrown', async (_name, path) => {
    const src = path.startsWith('http') ? path : `${blog.url}${path}`;
    const { page, watch } = await open(
      `${script()}<latest-essays src="${src}" timeout="1500">${fallback(blog.url)}</latest-essays>`,
    );
    await expect.poll(() => state(page), { timeout: 6000 }).toBe('error');
    expect(await page.getByRole('link', { name: essays[0]?.title ?? '' }).isVisible()).toBe(true);
    expect(watch.errors.filter((error) => error.startsWith('uncaught'))).toEqual([]);
    expect((await record(page)).rejections).toEqual([]);
    await page.close();
  });

  it('shows titles with markup as text and drops links to other origins', async () => {
    const { page } = await open(
      `${script()}<latest-essays src="${blog.url}/hostile.json">${fallback(blog.url)}</latest-essays>`,
    );
    await expect.poll(() => state(page)).toBe('ready');
    expect(await shadowLinks(page)).toEqual([
      ['<img src=x onerror="window.pwned=1">Markup in a title', `${blog.url}/essays/markup/`],
      ['A proper essay', `${blog.url}/essays/proper/`],
    ]);
    expect(
      await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
    ).toBeUndefined();
    await page.close();
  });

  it('uses no cookies or storage and requests nothing but its script and one JSON', async () => {
    const { page, watch } = await open(
      `${script()}<latest-essays src="${blog.url}/widget/latest.json">${fallback(blog.url)}</latest-essays>`,
    );
    await expect.poll(() => state(page)).toBe('ready');
    expect((await record(page)).storage).toBe(0);
    expect(await page.context().cookies()).toEqual([]);
    const own = watch.requests.filter((url) => url.startsWith(blog.url));
    expect(own.sort()).toEqual([
      `${blog.url}/widget/latest-essays.js`,
      `${blog.url}/widget/latest.json`,
    ]);
    await page.close();
  });

  it('causes no layout shift when it replaces its fallback', async () => {
    const below = '<p>Host content below the widget that must not move.</p>'.repeat(5);
    const { page } = await open(
      `<main><latest-essays src="${blog.url}/widget/latest.json">${fallback(blog.url)}</latest-essays>${below}</main>${script()}`,
    );
    await expect.poll(() => state(page)).toBe('ready');
    await page.waitForTimeout(300);
    expect((await record(page)).shifts).toBe(0);
    await page.close();
  });

  it('falls back to defaults with one warning for bad attributes, never an exception', async () => {
    const { page, watch } = await open(
      `${script()}<latest-essays src="${blog.url}/widget/latest.json" count="lots" theme="neon" heading-level="9">${fallback(blog.url)}</latest-essays>`,
    );
    await expect.poll(() => state(page)).toBe('ready');
    expect((await shadowLinks(page)).length).toBe(5);
    expect(
      await page
        .locator('latest-essays')
        .first()
        .evaluate((element) => element.shadowRoot?.querySelector('h6') !== null),
    ).toBe(true);
    expect(watch.warnings.filter((warning) => warning.startsWith('<latest-essays>'))).toHaveLength(
      1,
    );
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('filters by tag, fires load, and formats dates in the host page language', async () => {
    const { page } = await open(
      `<latest-essays src="${blog.url}/widget/latest.json" tag="kubernetes" count="2">${fallback(blog.url)}</latest-essays>
       <script>document.querySelector('latest-essays').addEventListener('load', (event) => { window.loaded = event.detail.count; });</script>${script()}`,
      { lang: 'pt-BR' },
    );
    await expect.poll(() => state(page)).toBe('ready');
    const kubernetes = essays.filter((essay) => essay.tags.includes('kubernetes')).slice(0, 2);
    expect((await shadowLinks(page)).map(([title]) => title)).toEqual(
      kubernetes.map((essay) => essay.title),
    );
    expect(await page.evaluate(() => (window as unknown as { loaded: number }).loaded)).toBe(2);
    const date = await page
      .locator('latest-essays')
      .first()
      .evaluate((element) => element.shadowRoot?.querySelector('time')?.textContent);
    expect(date).toMatch(/ de /);
    await page.close();
  });

  it('in static mode renders the fallback essays and makes no request for data', async () => {
    const { page, watch } = await open(
      `${script()}<latest-essays static src="${blog.url}/widget/latest.json">${fallback(blog.url, 4)}</latest-essays>`,
    );
    await expect.poll(() => state(page)).toBe('ready');
    expect((await shadowLinks(page)).length).toBe(4);
    expect(watch.requests.filter((url) => url.endsWith('.json'))).toEqual([]);
    await page.close();
  });
});
