import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { build, embed, essays, startBlog, startHost } from './servers.js';

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

const strictCsp = () => `default-src 'none'; script-src ${blog.url}; connect-src ${blog.url}`;

/** The Embed page's script tag, exactly as it hands it out for this blog. */
const script = () => embed(blog.url).script;
/**
 * The Embed page's element with its fallback, with attributes changed or added where a test is
 * about one (`null` removes an attribute).
 */
function element(attributes: Record<string, string | null> = {}, count?: number): string {
  let html = embed(blog.url, { count }).element;
  for (const [name, value] of Object.entries(attributes)) {
    const open = html.slice(0, html.indexOf('>'));
    const rest = html.slice(open.length);
    const without = open.replace(new RegExp(` ${name}(="[^"]*")?`), '');
    html = `${without}${value === null ? '' : value === '' ? ` ${name}` : ` ${name}="${value}"`}${rest}`;
  }
  return html;
}

interface Watch {
  errors: string[];
  warnings: string[];
  requests: string[];
}

/** Opens a host page and records what would break or bother the host. */
async function open(
  body: string,
  options: { csp?: string; reportOnly?: string; head?: string; lang?: string } = {},
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
    const record = window as unknown as Record<string, unknown> & {
      rejections: string[];
      shifts: number;
      storage: number;
      violations: string[];
    };
    record.rejections = [];
    record.shifts = 0;
    record.storage = 0;
    record.violations = [];
    window.addEventListener('unhandledrejection', (event) =>
      record.rejections.push(String(event.reason)),
    );
    // When the first element gets its state: the moment the script has upgraded it.
    new MutationObserver((_, observer) => {
      if (document.querySelector('latest-essays[data-state]')) {
        record.upgradedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    document.addEventListener('securitypolicyviolation', (event) =>
      record.violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
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
    const w = window as unknown as {
      rejections: string[];
      shifts: number;
      storage: number;
      violations: string[];
    };
    return {
      rejections: w.rejections,
      shifts: w.shifts,
      storage: w.storage,
      violations: w.violations,
    };
  });

describe('<latest-essays> on a host page', () => {
  it('renders the latest essays under a strict CSP with no style-src, without violations', async () => {
    const { page, watch } = await open(`${script()}${element({}, 3)}`, { csp: strictCsp() });
    await expect.poll(() => state(page)).toBe('ready');
    expect(await shadowLinks(page)).toEqual(
      essays.slice(0, 3).map((essay) => [essay.title, `${blog.url}/essays/${essay.slug}/`]),
    );
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('makes one request for twenty instances, and survives a second copy of the script', async () => {
    blog.hits.clear();
    const elements = Array.from({ length: 20 }, (_, i) =>
      element({ count: String((i % 5) + 1) }, 1),
    ).join('');
    const { page, watch } = await open(`${script()}${elements}${script()}`, { csp: strictCsp() });
    await expect.poll(() => page.locator('latest-essays[data-state="ready"]').count()).toBe(20);
    expect(blog.hits.get('/widget/latest.json')).toBe(1);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('keeps working beside hostile CSS and huge fonts', async () => {
    const head = `<style>* { all: unset; } html { font-size: 64px; } ol, li, a, h2 { display: none !important; color: red !important; }</style>`;
    const { page, watch } = await open(`${script()}${element()}`, { head });
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
    const { page, watch } = await open(`<div id="app"></div>${script()}${element()}`);
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

  it.each([
    ['enforced', "require-trusted-types-for 'script'", undefined],
    [
      'enforced, with an allow-list',
      "require-trusted-types-for 'script'; trusted-types hostPolicy",
      undefined,
    ],
    [
      'enforced, with no policy allowed',
      "require-trusted-types-for 'script'; trusted-types 'none'",
      undefined,
    ],
    ['report-only', undefined, "require-trusted-types-for 'script'; trusted-types 'none'"],
  ])(
    'renders under Trusted Types (%s) with no violation and no report',
    async (_name, trustedTypes, reportOnly) => {
      host.reports.length = 0;
      const report = `report-uri ${host.url}/csp-report`;
      const { page, watch } = await open(`${script()}${element()}`, {
        csp: `${strictCsp()}${trustedTypes ? `; ${trustedTypes}` : ''}; ${report}`,
        ...(reportOnly && { reportOnly: `${reportOnly}; ${report}` }),
      });
      await expect.poll(() => state(page)).toBe('ready');
      expect((await shadowLinks(page)).length).toBe(5);
      // Reports are sent after the violation, asynchronously: give them time to arrive.
      await page.waitForTimeout(500);
      expect((await record(page)).violations).toEqual([]);
      expect(host.reports).toEqual([]);
      expect(watch.errors).toEqual([]);
      await page.close();
    },
  );

  it('counts as a violation when a script does assign innerHTML (the check can fail)', async () => {
    host.reports.length = 0;
    const { page } = await open('<p id="x"></p>', {
      reportOnly: `require-trusted-types-for 'script'; report-uri ${host.url}/csp-report`,
    });
    await page.evaluate(() => {
      (document.getElementById('x') as HTMLElement).innerHTML = '<b>markup</b>';
    });
    await expect.poll(async () => (await record(page)).violations.length).toBe(1);
    await expect.poll(() => host.reports.length).toBeGreaterThan(0);
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
    const { page, watch } = await open(`${script()}${element({ src, timeout: '1500' })}`);
    await expect.poll(() => state(page), { timeout: 6000 }).toBe('error');
    expect(await page.getByRole('link', { name: essays[0]?.title ?? '' }).isVisible()).toBe(true);
    expect(watch.errors.filter((error) => error.startsWith('uncaught'))).toEqual([]);
    expect((await record(page)).rejections).toEqual([]);
    await page.close();
  });

  it('shows titles with markup as text and drops links to other origins', async () => {
    const { page } = await open(`${script()}${element({ src: `${blog.url}/hostile.json` })}`);
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
    const { page, watch } = await open(`${script()}${element()}`);
    await expect.poll(() => state(page)).toBe('ready');
    expect((await record(page)).storage).toBe(0);
    expect(await page.context().cookies()).toEqual([]);
    const own = watch.requests.filter((url) => url.startsWith(blog.url));
    expect(own.sort()).toEqual(
      [
        `${blog.url}/widget/v${build.version}/latest-essays.js`,
        `${blog.url}/widget/latest.json`,
      ].sort(),
    );
    await page.close();
  });

  it('drops links to a look-alike origin and says why the list is empty', async () => {
    const { page } = await open(
      `${script()}${element({ src: `${blog.url}/mirror.json` })}
       <script>document.querySelector('latest-essays').addEventListener('latest-essays-error', (event) => { window.reason = event.detail.reason; });</script>`,
    );
    await expect.poll(() => state(page)).toBe('error');
    const reason = await page.evaluate(() => (window as unknown as { reason: string }).reason);
    expect(reason).toContain(`${essays.length} items`);
    expect(reason).toContain(blog.url);
    expect(await page.getByRole('link', { name: essays[0]?.title ?? '' }).isVisible()).toBe(true);
    await page.close();
  });

  it('falls back to defaults with one warning for bad attributes, never an exception', async () => {
    const { page, watch } = await open(
      `${script()}${element({ count: 'lots', theme: 'neon', 'heading-level': '9' })}`,
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

  it('clamps an out-of-range count to the nearest end, as the README says', async () => {
    const { page, watch } = await open(`${script()}${element({ count: '99' })}`);
    await expect.poll(() => state(page)).toBe('ready');
    expect((await shadowLinks(page)).length).toBe(essays.length);
    expect(watch.warnings.join('\n')).toContain('count="99" is outside 1-20; using 20');
    await page.close();
  });

  it('filters by tag and fires its events, new names and old, with their detail', async () => {
    const { page } = await open(
      `${element({ tag: 'kubernetes', count: '2' })}
       <latest-essays id="broken" src="${blog.url}/fail/500.json"></latest-essays>
       <script>
         window.seen = [];
         for (const element of document.querySelectorAll('latest-essays'))
           for (const name of ['latest-essays-load', 'latest-essays-error', 'load', 'error'])
             element.addEventListener(name, (event) => window.seen.push([name, event.detail]));
       </script>${script()}`,
    );
    await expect.poll(() => state(page)).toBe('ready');
    await expect.poll(() => state(page, '#broken')).toBe('error');
    const kubernetes = essays.filter((essay) => essay.tags.includes('kubernetes')).slice(0, 2);
    expect((await shadowLinks(page)).map(([title]) => title)).toEqual(
      kubernetes.map((essay) => essay.title),
    );
    const seen = await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['latest-essays-load', { count: 2 }],
        ['load', { count: 2 }],
        ['latest-essays-error', { reason: 'HTTP 500' }],
        ['error', { reason: 'HTTP 500' }],
      ]),
    );
    expect(seen).toHaveLength(4);
    await page.close();
  });

  it('keeps the fallback’s wording for its dates, and writes others in the page language', async () => {
    // The fallback carries only the two newest essays; the list shows four.
    const { page } = await open(`${element({ count: '4' }, 2)}${script()}`, { lang: 'pt-BR' });
    await expect.poll(() => state(page)).toBe('ready');
    const dates = await page
      .locator('latest-essays')
      .first()
      .evaluate((element) =>
        [...(element.shadowRoot?.querySelectorAll('time') ?? [])].map((time) => time.textContent),
      );
    expect(dates.slice(0, 2)).toEqual(['10 September 2026', '11 August 2026']);
    expect(dates[2]).toMatch(/ de /);
    expect(dates[3]).toMatch(/ de /);
    await page.close();
  });

  it('takes the layout the host gives the fallback, again after the window is resized', async () => {
    const head = `<style>
      latest-essays h2 { font-size: 30px; margin: 0; }
      latest-essays ol { list-style: square; }
      @media (max-width: 700px) { latest-essays h2 { font-size: 12px; } }
    </style>`;
    const { page } = await open(`${script()}${element()}`, { head });
    await expect.poll(() => state(page)).toBe('ready');
    const layout = () =>
      page
        .locator('latest-essays')
        .first()
        .evaluate((element) => {
          const heading = element.shadowRoot?.querySelector('h2') as Element;
          const list = element.shadowRoot?.querySelector('ol') as Element;
          return [
            getComputedStyle(heading).fontSize,
            getComputedStyle(heading).marginTop,
            getComputedStyle(list).listStyleType,
          ];
        });
    expect(await layout()).toEqual(['30px', '0px', 'square']);
    await page.setViewportSize({ width: 600, height: 700 });
    await expect.poll(layout).toEqual(['12px', '0px', 'square']);
    await page.close();
  });

  it('lets --latest-essays-indent set the indent over the fallback’s', async () => {
    const head = '<style>ol { padding: 0; } latest-essays { --latest-essays-indent: 3em; }</style>';
    const { page } = await open(`${script()}${element()}`, { head });
    await expect.poll(() => state(page)).toBe('ready');
    const indent = await page
      .locator('latest-essays')
      .first()
      .evaluate(
        (element) =>
          getComputedStyle(element.shadowRoot?.querySelector('ol') as Element).paddingInlineStart,
      );
    expect(indent).toBe('48px');
    await page.close();
  });

  it('in static mode renders the fallback essays and makes no request for data', async () => {
    const { page, watch } = await open(`${script()}${element({ static: '' }, 4)}`);
    await expect.poll(() => state(page)).toBe('ready');
    expect((await shadowLinks(page)).length).toBe(4);
    expect(watch.requests.filter((url) => url.endsWith('.json'))).toEqual([]);
    await page.close();
  });
});

/** Host stylesheets that used to move the page when the list replaced its fallback. */
const hosts: [string, string][] = [
  ['no CSS', ''],
  ['`* { all: unset !important }`', '* { all: unset !important; }'],
  [
    'a Tailwind-style preflight reset',
    `*, ::before, ::after { box-sizing: border-box; margin: 0; padding: 0; border: 0 solid; }
     html { line-height: 1.5; font-family: ui-sans-serif, system-ui, sans-serif; }
     h1, h2, h3, h4, h5, h6 { font-size: inherit; font-weight: inherit; }
     ol, ul, menu { list-style: none; }
     a { color: inherit; text-decoration: inherit; }`,
  ],
  ['`html { font-size: 40px }`', 'html { font-size: 40px; }'],
  ['a host styling the element `display: inline`', 'latest-essays { display: inline; }'],
  [
    'a host giving the element a fixed height',
    'latest-essays { display: block; height: 420px; overflow: hidden; }',
  ],
];

describe('layout shift over the whole load', () => {
  const results: string[] = [];
  afterAll(() => {
    console.log(`cumulative layout shift per host:\n${results.join('\n')}`);
    blog.scriptDelay = 0;
  });

  for (const delay of [0, 1000])
    it.each(hosts)(
      `is 0 with %s (script ${delay ? `${delay} ms late, after the fallback painted` : 'on time'})`,
      async (name, css) => {
        blog.scriptDelay = delay;
        const text = '<p>Host text around the widget, which must not move.</p>';
        const { page } = await open(`${text.repeat(2)}${script()}${element()}${text.repeat(6)}`, {
          head: css ? `<style>${css}</style>` : '',
        });
        await expect.poll(() => state(page), { timeout: 8000 }).toBe('ready');
        expect((await shadowLinks(page)).length).toBe(5);
        // Layout shifts are reported after the frame that caused them.
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))),
        );
        const { shifts } = await record(page);
        results.push(`  ${name}, script delay ${delay} ms: ${shifts}`);
        if (delay > 0) {
          // The late script really did find a page that had already painted its fallback.
          const [paintedAt, upgradedAt] = await page.evaluate(() => [
            performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity,
            (window as unknown as { upgradedAt: number }).upgradedAt,
          ]);
          expect(paintedAt).toBeLessThan(upgradedAt ?? 0);
        }
        expect(shifts).toBe(0);
        await page.close();
      },
    );
});
