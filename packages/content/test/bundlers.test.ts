import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { build as viteBuild } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpack from 'webpack';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import type { Post, PostMeta } from '../src/index.js';
import { consumerProject, packTarball, run } from './packed.js';

/**
 * `loadPost` as an npm user's bundler meets it: the packed tarball installed under node_modules
 * (never a workspace link), each app built for production with the bundler's defaults. In the
 * browser the list renders from the metadata alone, and an essay's body arrives only when it is
 * opened, from a chunk of its own.
 */
interface Essay {
  slug: string;
  title: string;
  /** A run of words from the middle of the body, read from the compiled module. */
  sentence: string;
}

let project: string;
let installed: string;
let posts: PostMeta[];
let essay: Essay;
/** A run of words from the middle of every essay's body. */
let sentences: string[];
let browser: Browser;
const servers: Server[] = [];

beforeAll(async () => {
  project = consumerProject('bundlers', packTarball(), ['react@19.3.1', 'react-dom@19.3.1']);
  installed = join(project, 'node_modules', '@working-notes', 'content');
  ({ posts } = await import(join(installed, 'dist', 'meta.js')));
  const middleOf = (text: string) => {
    const middle = Math.floor(text.length / 2);
    return text
      .slice(middle, middle + 60)
      .replace(/^\S*\s/, '')
      .replace(/\s\S*$/, '');
  };
  const bodies: Post[] = [];
  for (const post of posts)
    bodies.push((await import(join(installed, 'dist', 'posts', `${post.slug}.js`))).default);
  sentences = bodies.map((body) => middleOf(body.text));
  // Not the newest essay, so the test never passes by opening whatever comes first; one that
  // links to another essay, so the rebased links are seen.
  const chosen = bodies.find((body, index) => index > 0 && body.html.includes('href="/essays/'));
  if (!chosen) throw new Error('no essay but the newest links to another essay');
  essay = { slug: chosen.slug, title: chosen.title, sentence: middleOf(chosen.text) };
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
});

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
};

/** Serves a built app's folder on 127.0.0.1, on a port the system picks. */
async function serve(dir: string): Promise<string> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = readFileSync(file);
      response.writeHead(200, {
        'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}

/**
 * Opens a built app: the list must render, the body must come from one chunk fetched only when
 * the essay is opened, and the scripts of the first load must hold no body text.
 */
async function exercise(origin: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Only the app's own origin: anything else would be the page reaching out of the test.
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  const scripts: { url: string; body: string; afterOpen: boolean }[] = [];
  let opened = false;
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return;
    const afterOpen = opened;
    scripts.push({ url: response.url(), body: await response.text(), afterOpen });
  });
  try {
    await page.goto(`${origin}/`);
    await page.locator('#list li').first().waitFor();
    const titles = await page.locator('#list li').allTextContents();
    expect(titles).toEqual(posts.map((post) => post.title));
    await page.waitForLoadState('networkidle');
    const beforeOpen = scripts.length;
    expect(beforeOpen).toBeGreaterThan(0);

    opened = true;
    await page.locator(`#list [data-slug="${essay.slug}"]`).click();
    await page.locator('#essay h1').waitFor();
    expect(await page.locator('#essay h1').textContent()).toBe(essay.title);
    const shown = (await page.locator('#essay').textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(shown).toContain(essay.sentence.replace(/\s+/g, ' '));
    await page.waitForLoadState('networkidle');
    // Links in the body point at the site, not at this origin (rebaseHtml).
    const hrefs = await page
      .locator('#essay a[href]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    for (const href of hrefs) expect(href).toMatch(/^(?:#|https?:\/\/(?!127\.0\.0\.1))/);
    expect(hrefs.some((href) => href.startsWith('https://workingnotes.dev/essays/'))).toBe(true);
    expect(errors).toEqual([]);

    const first = scripts.filter((script) => !script.afterOpen);
    const later = scripts.filter((script) => script.afterOpen);
    // The scripts of the first load carry the list, and not a line of any essay's body.
    for (const script of first)
      for (const sentence of sentences) expect(script.body).not.toContain(sentence);
    const carrying = later.filter((script) => script.body.includes(essay.sentence));
    expect(carrying).toHaveLength(1);
    // Its own chunk: no other essay's body came with it.
    const other = posts.find((post) => post.slug !== essay.slug);
    if (other) expect(carrying[0]?.body).not.toContain(`"slug":"${other.slug}"`);
    return { first: first.map((script) => script.url), later: later.map((script) => script.url) };
  } finally {
    await page.close();
  }
}

describe('loadPost in a production build, unconfigured', () => {
  it('Vite with React: the list renders, the essay body loads lazily from its own chunk', async () => {
    const app = join(project, 'vite-app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Essays</title></head><body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>',
    );
    writeFileSync(
      join(app, 'src', 'main.jsx'),
      `import { loadPost, posts, rebaseHtml } from '@working-notes/content';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [post, setPost] = useState(null);
  return (
    <main>
      <ul id="list">
        {posts.map((meta) => (
          <li key={meta.slug}>
            <button type="button" data-slug={meta.slug} onClick={async () => setPost(await loadPost(meta.slug))}>
              {meta.title}
            </button>
          </li>
        ))}
      </ul>
      {post && (
        <article id="essay">
          <h1>{post.title}</h1>
          <div dangerouslySetInnerHTML={{ __html: rebaseHtml(post.html) }} />
        </article>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')).render(<App />);
`,
    );
    await viteBuild({
      root: app,
      configFile: false,
      logLevel: 'error',
      plugins: [react()],
      build: { outDir: 'dist' },
    });
    const chunks = filesIn(join(app, 'dist', 'assets')).filter((file) => file.endsWith('.js'));
    expect(chunks.length).toBeGreaterThanOrEqual(posts.length + 1);
    const result = await exercise(await serve(join(app, 'dist')));
    expect(result.first).toHaveLength(1);
    expect(result.later.some((url) => url.includes(essay.slug))).toBe(true);
  });

  it('webpack 5: the same, from a plain script', async () => {
    const app = join(project, 'webpack-app');
    mkdirSync(join(app, 'src'), { recursive: true });
    writeFileSync(
      join(app, 'src', 'index.js'),
      `import { loadPost, posts, rebaseHtml } from '@working-notes/content';

const list = document.createElement('ul');
list.id = 'list';
for (const meta of posts) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.slug = meta.slug;
  button.textContent = meta.title;
  button.addEventListener('click', async () => {
    const post = await loadPost(meta.slug);
    const article = document.createElement('article');
    article.id = 'essay';
    const heading = document.createElement('h1');
    heading.textContent = post.title;
    const body = document.createElement('div');
    body.innerHTML = rebaseHtml(post.html);
    article.append(heading, body);
    document.body.append(article);
  });
  item.append(button);
  list.append(item);
}
document.body.append(list);
`,
    );
    const dist = join(app, 'dist');
    const stats = await new Promise<webpack.Stats | undefined>((resolve, reject) =>
      webpack(
        {
          mode: 'production',
          context: app,
          entry: './src/index.js',
          output: { path: dist, filename: 'main.js' },
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
    expect(stats?.hasErrors() ? stats.toString('errors-only') : '').toBe('');
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Essays</title><script defer src="/main.js"></script></head><body></body></html>',
    );
    expect(filesIn(dist).filter((file) => file.endsWith('.js')).length).toBeGreaterThanOrEqual(
      posts.length + 1,
    );
    const result = await exercise(await serve(dist));
    expect(result.first).toEqual([expect.stringMatching(/\/main\.js$/)]);
  });

  const entry = () => {
    const file = join(project, 'load-one.mjs');
    writeFileSync(
      file,
      `import { loadPost } from '@working-notes/content';
const post = await loadPost(${JSON.stringify(essay.slug)});
console.log(JSON.stringify({ title: post.title, text: post.text }));
`,
    );
    return file;
  };

  /** Runs a bundle's entry in Node: it must load the essay from a chunk beside it. */
  function check(outDir: string, entryFile: string) {
    const chunks = filesIn(outDir).filter((file) => file.endsWith('.js'));
    expect(chunks.length).toBeGreaterThanOrEqual(posts.length + 1);
    expect(readFileSync(entryFile, 'utf8')).not.toContain(essay.sentence);
    const printed = JSON.parse(run('node', [entryFile], project));
    expect(printed.title).toBe(essay.title);
    expect(printed.text).toContain(essay.sentence);
  }

  it('Rollup with node-resolve: one chunk per essay, loaded on demand', async () => {
    const bundle = await rollup({ input: entry(), plugins: [nodeResolve()], logLevel: 'silent' });
    const outDir = join(project, 'rollup-out');
    await bundle.write({ dir: outDir, format: 'es' });
    await bundle.close();
    check(outDir, join(outDir, 'load-one.js'));
  });

  it('esbuild with splitting: one chunk per essay, loaded on demand', async () => {
    const outDir = join(project, 'esbuild-out');
    await esbuild({
      entryPoints: [entry()],
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: outDir,
      logLevel: 'error',
    });
    check(outDir, join(outDir, 'load-one.js'));
  });
});
