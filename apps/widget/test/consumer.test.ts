import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { run } from '../../../scripts/run-tool.mjs';
import { embed, essays, listen, startBlog } from './servers.js';

/**
 * The package as a library user meets it: the packed tarball installed into an empty project
 * with React 19, Solid and Vite from npm; a React app and a Solid app type-checked against the
 * shipped typings and built with Vite; and the ESM build loaded as is from a plain module page.
 * Every page is served from another origin than the blog, and Chromium sees each event fire.
 */
const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name: string) => join(packageRoot, 'node_modules', '.bin', name);

let work: string;
let project: string;
let browser: Browser;
let blog: Awaited<ReturnType<typeof startBlog>>;
let site: Awaited<ReturnType<typeof listen>>;

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), text);
};

/** The fallback the Embed page hands out, as JSX children (React and Solid both take it). */
const fallbackJsx = (react = false) => {
  const children = embed(blog.url)
    .element.replace(/^<latest-essays[^>]*>\n/, '')
    .replace(/\n<\/latest-essays>$/, '');
  return react ? children.replaceAll('datetime=', 'dateTime=') : children;
};

const types = { load: 'latest-essays-load', error: 'latest-essays-error' } as const;

beforeAll(async () => {
  blog = await startBlog();
  work = mkdtempSync(join(tmpdir(), 'widget-consumer-'));
  run('pnpm', ['pack', '--pack-destination', work], packageRoot);
  const tarball = join(work, readdirSync(work).find((file) => file.endsWith('.tgz')) ?? '');
  project = join(work, 'app');
  mkdirSync(project);
  write(
    'package.json',
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: {
        '@working-notes/widget': `file:${tarball}`,
        react: '^19.3.1',
        'react-dom': '^19.3.1',
        'solid-js': '^1.9.19',
      },
      devDependencies: {
        '@types/react': '^19.2.0',
        '@types/react-dom': '^19.2.0',
        '@vitejs/plugin-react': '^6.3.0',
        typescript: '5.9.3',
        vite: '^8.3.8',
        'vite-plugin-solid': '^2.11.14',
      },
    }),
  );
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    project,
  );

  const fallback = fallbackJsx();
  const reactFallback = fallbackJsx(true);
  const html = (entry: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title></head><body><div id="root"></div><script type="module" src="${entry}"></script></body></html>`;
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'esnext',
    moduleResolution: 'bundler',
    lib: ['es2022', 'dom'],
    skipLibCheck: false,
    types: [],
  };

  // React 19: the props React passes to the element's listeners, typed by the shipped JSX types.
  write('react/index.html', html('./main.tsx'));
  write(
    'react/vite.config.js',
    "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()], base: './' };\n",
  );
  write(
    'react/tsconfig.json',
    JSON.stringify({ compilerOptions: { ...compilerOptions, jsx: 'react-jsx' }, include: ['.'] }),
  );
  write(
    'react/main.tsx',
    `import '@working-notes/widget';
import type {} from '@working-notes/widget/react';
import type { LatestEssaysLoadEvent } from '@working-notes/widget';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const seen: [string, unknown][] = ((window as unknown as { seen: [string, unknown][] }).seen = []);
const blog = new URLSearchParams(location.search).get('blog') ?? '';

function App() {
  return (
    <>
      <latest-essays
        count={3}
        src={\`\${blog}/widget/latest.json\`}
        onlatest-essays-load={(event) => {
          const count: number = event.detail.count;
          seen.push(['${types.load}', { count }]);
        }}
        onlatest-essays-error={(event) => seen.push(['unexpected', event.detail.reason])}
      >
${reactFallback}
      </latest-essays>
      <latest-essays
        src={\`\${blog}/fail/500.json\`}
        onlatest-essays-error={(event) => {
          const reason: string = event.detail.reason;
          seen.push(['${types.error}', { reason }]);
        }}
        // @ts-expect-error React reserves onLoad for its own event; it never fires here.
        onLoad={() => seen.push(['never', null])}
      />
    </>
  );
}

document.querySelector('latest-essays')?.addEventListener('${types.load}', (event: LatestEssaysLoadEvent) =>
  event.detail.count.toFixed(),
);
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`,
  );

  // Solid: \`on:\` listeners, typed through Solid's CustomEvents.
  write('solid/index.html', html('./main.tsx'));
  write(
    'solid/vite.config.js',
    "import solid from 'vite-plugin-solid';\nexport default { plugins: [solid()], base: './' };\n",
  );
  write(
    'solid/tsconfig.json',
    JSON.stringify({
      compilerOptions: { ...compilerOptions, jsx: 'preserve', jsxImportSource: 'solid-js' },
      include: ['.'],
    }),
  );
  write(
    'solid/main.tsx',
    `import '@working-notes/widget';
import type {} from '@working-notes/widget/solid';
import { render } from 'solid-js/web';

const seen: [string, unknown][] = ((window as unknown as { seen: [string, unknown][] }).seen = []);
const blog = new URLSearchParams(location.search).get('blog') ?? '';

render(
  () => (
    <>
      <latest-essays
        count={3}
        src={\`\${blog}/widget/latest.json\`}
        on:latest-essays-load={(event) => {
          const count: number = event.detail.count;
          seen.push(['${types.load}', { count }]);
        }}
      >
${fallback}
      </latest-essays>
      <latest-essays
        src={\`\${blog}/fail/500.json\`}
        on:latest-essays-error={(event) => {
          const reason: string = event.detail.reason;
          seen.push(['${types.error}', { reason }]);
        }}
      />
    </>
  ),
  document.getElementById('root') as HTMLElement,
);
`,
  );

  // A plain module page: the ESM build as the package ships it, through an import map.
  write(
    'plain/index.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title>
<script type="importmap">{ "imports": { "@working-notes/widget": "../node_modules/@working-notes/widget/dist/latest-essays.js" } }</script>
</head><body>
<latest-essays id="list" count="3">${fallback}</latest-essays>
<latest-essays id="broken"></latest-essays>
<script type="module">
  window.seen = [];
  const blog = new URLSearchParams(location.search).get('blog');
  document.getElementById('list').setAttribute('src', blog + '/widget/latest.json');
  document.getElementById('broken').setAttribute('src', blog + '/fail/500.json');
  document.getElementById('list').addEventListener('${types.load}', (event) => window.seen.push(['${types.load}', event.detail]));
  document.getElementById('broken').addEventListener('${types.error}', (event) => window.seen.push(['${types.error}', event.detail]));
  await import('@working-notes/widget');
</script></body></html>`,
  );

  const mime: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
  };
  site = await listen((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(project, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = readFileSync(file);
      response.writeHead(200, {
        'Content-Type': mime[extname(file)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  site?.server.closeAllConnections();
  site?.server.close();
  blog?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function visit(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${site.url}${path}?blog=${encodeURIComponent(blog.url)}`);
  return { page, errors };
}

const expectEvents = async (page: Page) => {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen.length), {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(2);
  const seen = await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen);
  expect(seen).toEqual(
    expect.arrayContaining([
      [types.load, { count: 3 }],
      [types.error, { reason: 'HTTP 500' }],
    ]),
  );
  expect(seen).toHaveLength(2);
  const links = await page
    .locator('latest-essays')
    .first()
    .evaluate((element) =>
      [...(element.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.textContent),
    );
  expect(links).toEqual(essays.slice(0, 3).map((essay) => essay.title));
};

// Type checks and Vite builds take tens of seconds on a shared machine: give each test time.
describe('the packed package in an empty project', { timeout: 240_000 }, () => {
  it('passes publint and Are the Types Wrong', () => {
    expect(() => run(bin('publint'), ['--strict'], packageRoot)).not.toThrow();
    expect(() =>
      run(bin('attw'), ['--pack', '.', '--profile', 'esm-only'], packageRoot),
    ).not.toThrow();
  });

  it.each(['react', 'solid'])('type-checks the %s app against the shipped typings', (app) => {
    expect(() =>
      run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', `${app}/tsconfig.json`], project),
    ).not.toThrow();
  });

  it('rejects a typo in an event detail, so the typings are not `any`', () => {
    write(
      'react/typo.tsx',
      "import type {} from '@working-notes/widget/react';\nexport const x = <latest-essays onlatest-essays-load={(event) => event.detail.cuont} />;\n",
    );
    try {
      expect(() =>
        run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', 'react/tsconfig.json'], project),
      ).toThrow(/cuont/);
    } finally {
      rmSync(join(project, 'react', 'typo.tsx'));
    }
  });

  it('fires its events with their detail in a React 19 app built with Vite', async () => {
    run(
      join(project, 'node_modules', '.bin', 'vite'),
      ['build', '--logLevel', 'error'],
      join(project, 'react'),
    );
    const { page, errors } = await visit('/react/dist/index.html');
    await expectEvents(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fires its events with their detail in a Solid app built with Vite', async () => {
    run(
      join(project, 'node_modules', '.bin', 'vite'),
      ['build', '--logLevel', 'error'],
      join(project, 'solid'),
    );
    const { page, errors } = await visit('/solid/dist/index.html');
    await expectEvents(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works as the shipped ESM file from a plain module page', async () => {
    const { page, errors } = await visit('/plain/index.html');
    await expectEvents(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
