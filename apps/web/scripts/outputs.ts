import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { posts } from '@working-notes/content';
import type { Assets } from '../src/site/document.js';
import {
  feeds,
  llmsPath,
  searchIndexPath,
  searchPath,
  sitemapPath,
} from '../src/site/public-paths.js';
import { type Route, routes } from '../src/site/routes.js';
import {
  channelScriptPath,
  dataPath,
  versionedScriptPath,
  widgetBuild,
  widgetData,
} from '../src/site/widget.js';
import { patternRegExp } from './headers.js';
import { cardOfBuild, ogCards, renderOgCard } from './og-images.js';
import { contentDist } from './paths.js';
import { llms, robots, sitemap } from './site-files.js';

/**
 * Every path the site serves, in one table: its URL pattern (in the `_headers` syntax Netlify and
 * Cloudflare Pages read), its content type, its cache policy, and how it is produced.
 *
 * - `scripts/prerender.ts` loops over it and writes each file into dist/;
 * - `scripts/dev.ts` looks each request up in it and produces the file on demand;
 * - `scripts/headers.ts` derives `_headers` from it (a pattern inside an earlier one inherits that
 *   rule's headers rather than repeating them), and the build checks that every file it wrote
 *   gets exactly this table's Content-Type and Cache-Control from that file, and that no file in
 *   dist/ is missing from the table.
 */
export interface Output {
  /** What it is, for people: "RSS feed". */
  name: string;
  /**
   * The URL pattern: `*` matches anything, `:name` one path segment. No two outputs serve the same
   * file; a pattern may lie inside an earlier one (`/essays/:slug/index.md` in `:file`).
   */
  pattern: string;
  /**
   * The Content-Type readers get. A string is written into `_headers`; a map by file extension
   * leaves it to the host's own lookup, which gives these values (the pattern holds several kinds).
   */
  type: string | Readonly<Record<string, string>>;
  /** Cache-Control, written into `_headers`. */
  cache: string;
  /** Further headers for this output only, such as CORS for the widget. */
  headers?: Readonly<Record<string, string>>;
  /** How it is produced, in a few words. */
  producedBy: string;
  /** The concrete files, each with how to make its bytes. */
  files(context: OutputContext): OutputFile[];
}

export interface OutputContext {
  /** Client asset URLs: hashed files from Vite's manifest in a build, sources in dev. */
  assets: Assets;
  /** The files Vite wrote (from its manifest); empty in dev, where Vite serves sources itself. */
  viteFiles: readonly string[];
  /** Where Vite wrote them (a build's cached client folder); the build copies them from there. */
  clientDir?: string;
  /**
   * Draws the Open Graph cards. `pnpm site` leaves them all off unless given --cards, the site's
   * default card too: with none drawn, a preview's pages are timed without the card painter,
   * which had cost a cold 1000-essay build 0.6-0.8 s of CPU beside the page workers.
   */
  cards?: boolean;
  /**
   * True in a build, which asks for every file: an output may then make all its files together
   * (the Open Graph cards go to a pool of workers). The dev server makes one file per request.
   */
  build?: boolean;
}

export interface OutputFile {
  /** The URL path readers request: `/essays/x/`, `/rss.xml`. */
  path: string;
  /** Where it lives inside dist/: `essays/x/index.html`. */
  file: string;
  /** Its bytes. Absent in dev for the files Vite serves itself. */
  body?: () => Promise<string | Uint8Array> | string | Uint8Array;
  /**
   * A name for its bytes known without making them: the content compiler's hash of a file it
   * wrote, or a content-hashed asset name. The build leaves a file whose version, size and
   * modification time are what it recorded last time without reading it.
   */
  version?: string;
  /** The route behind a page, for the size report. */
  route?: Route;
  /**
   * The file this one is a copy of, when it is one: the build copies it in the kernel
   * (copy_file_range) instead of reading it into memory and writing it out.
   */
  source?: string;
}

const html = 'text/html; charset=utf-8';
/** Pages and raw files change when an essay does: always revalidate, cheap with ETags. */
const revalidate = 'public, max-age=0, must-revalidate';
const minutes = (count: number) => `public, max-age=${count * 60}`;
const immutable = 'public, max-age=31536000, immutable';
/** The widget runs on other sites: its script and data are readable cross-origin, without credentials. */
const crossOrigin = {
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
} as const;

/** `/essays/x/` lives in `essays/x/index.html`; `/robots.txt` in `robots.txt`. */
const fileOf = (path: string) =>
  path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
const pathOf = (route: Route) => `/${route.file.replace(/(^|\/)index\.html$/, '$1')}`;

const routeCache = new WeakMap<OutputContext, Route[]>();
function routesOf(context: OutputContext): Route[] {
  let list = routeCache.get(context);
  if (!list) {
    list = routes();
    routeCache.set(context, list);
  }
  return list;
}

function pages(name: string, pattern: string): Output {
  const matches = patternRegExp(pattern);
  return {
    name,
    pattern,
    type: html,
    cache: revalidate,
    producedBy: 'React, rendered by the prerender (in dev, on each request)',
    files: (context) =>
      routesOf(context)
        .filter((route) => matches.test(pathOf(route)))
        .map((route) => pageFile(route, context)),
  };
}

function pageFile(route: Route, context: OutputContext): OutputFile {
  return { path: pathOf(route), file: route.file, route, body: () => route.render(context.assets) };
}

/**
 * The pages alone, without listing the rest of the table (essay folders, search files): what a
 * prerender worker needs, which at 5000 essays spared each worker about half a second.
 */
export function pageFiles(context: OutputContext): OutputFile[] {
  return routesOf(context).map((route) => pageFile(route, context));
}

function generated(
  name: string,
  path: string,
  type: string,
  cache: string,
  body: () => string,
): Output {
  return {
    name,
    pattern: path,
    type,
    cache,
    producedBy: 'written by scripts/site-files.ts',
    files: () => [{ path, file: fileOf(path), body }],
  };
}

function fromContent(name: string, path: string, type: string, source: string): Output {
  return {
    name,
    pattern: path,
    type,
    cache: minutes(10),
    producedBy: `copied from @working-notes/content (dist/${source})`,
    files: () => [
      {
        path,
        file: fileOf(path),
        body: () => readFileSync(join(contentDist, source)),
        source: join(contentDist, source),
        ...versionOf(source),
      },
    ],
  };
}

function listFiles(root: string): string[] {
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'));
  } catch {
    return [];
  }
}

/** The files of one folder of the sharded search index (`dist/search/<folder>/`). */
function searchFiles(folder: string): OutputFile[] {
  return listFiles(join(contentDist, 'search', folder)).map((file) => ({
    path: `${searchPath}${folder}/${file}`,
    file: `${searchPath.slice(1)}${folder}/${file}`,
    body: () => readFileSync(join(contentDist, 'search', folder, file)),
    source: join(contentDist, 'search', folder, file),
    ...versionOf(`search/${folder}/${file}`),
  }));
}

/** The content package's raw essays and images; listed once, though two outputs split them. */
let essayListing: OutputFile[] | undefined;
function essayFiles(): OutputFile[] {
  essayListing ??= listFiles(join(contentDist, 'essays')).map((file) => ({
    path: `/essays/${file}`,
    file: `essays/${file}`,
    body: () => readFileSync(join(contentDist, 'essays', file)),
    source: join(contentDist, 'essays', file),
    ...versionOf(`essays/${file}`),
  }));
  return essayListing;
}

let contentHashes: Record<string, string> | undefined;

/** The hash the content compiler recorded for a file it wrote (dist/.content-files.json). */
export function contentHash(file: string): string | undefined {
  if (!contentHashes) {
    try {
      contentHashes = JSON.parse(readFileSync(join(contentDist, '.content-files.json'), 'utf8'));
    } catch {
      contentHashes = {};
    }
  }
  return contentHashes?.[file];
}

function versionOf(file: string): Pick<OutputFile, 'version'> {
  const hash = contentHash(file);
  return hash ? { version: hash } : {};
}

export const outputs: readonly Output[] = [
  pages('Home page', '/'),
  pages('Archive', '/archive/'),
  pages('Tag index', '/tags/'),
  pages('Tag pages', '/tags/:tag/'),
  pages('Embed page', '/embed/'),
  pages('About page', '/about/'),
  pages('Series pages', '/series/:series/'),
  pages('Essay pages', '/essays/:slug/'),
  pages('Not-found page (also the body of every 404)', '/404.html'),
  {
    name: 'Diagrams and images of each essay',
    pattern: '/essays/:slug/:file',
    type: {
      '.svg': 'image/svg+xml',
      '.png': 'image/png',
      '.jpg': 'image/jpeg',
      '.webp': 'image/webp',
      '.gif': 'image/gif',
    },
    cache: revalidate,
    producedBy: 'copied from @working-notes/content (dist/essays/)',
    files: () => essayFiles().filter((file) => !file.path.endsWith('/index.md')),
  },
  {
    // Inside the pattern above, so it inherits that rule's Cache-Control and adds its charset,
    // which a host guessing from the extension may leave out (the essays are not ASCII).
    name: 'Raw Markdown of each essay',
    pattern: '/essays/:slug/index.md',
    type: 'text/markdown; charset=utf-8',
    cache: revalidate,
    producedBy: 'copied from @working-notes/content (dist/essays/)',
    files: () => essayFiles().filter((file) => file.path.endsWith('/index.md')),
  },
  ...feeds.map((feed) =>
    fromContent(`${feed.label} feed`, feed.path, `${feed.type}; charset=utf-8`, feed.source),
  ),
  fromContent(
    'Search index',
    searchIndexPath,
    'application/json; charset=utf-8',
    'search-index.json',
  ),
  {
    // Read first by every search, so never stale: the shards it names change names when they change.
    name: 'Search manifest (the sharded index: doc count, shard of each word prefix)',
    pattern: `${searchPath}index.json`,
    type: 'application/json; charset=utf-8',
    cache: revalidate,
    producedBy: 'copied from @working-notes/content (dist/search/index.json)',
    files: () => [
      {
        path: `${searchPath}index.json`,
        file: `${searchPath.slice(1)}index.json`,
        body: () => readFileSync(join(contentDist, 'search', 'index.json')),
      },
    ],
  },
  {
    name: 'Search shards (content-hashed names)',
    pattern: `${searchPath}shards/:file`,
    type: 'application/json; charset=utf-8',
    cache: immutable,
    producedBy: 'copied from @working-notes/content (dist/search/shards/)',
    files: () => searchFiles('shards'),
  },
  {
    name: 'Search results, one small file per 16 essays (slug, title, description, date)',
    pattern: `${searchPath}docs/:file`,
    type: 'application/json; charset=utf-8',
    cache: revalidate,
    producedBy: 'copied from @working-notes/content (dist/search/docs/)',
    files: () => searchFiles('docs'),
  },
  generated('Sitemap', sitemapPath, 'application/xml; charset=utf-8', minutes(60), () =>
    sitemapOf(),
  ),
  generated('robots.txt', '/robots.txt', 'text/plain; charset=utf-8', minutes(60 * 24), robots),
  generated('llms.txt', llmsPath, 'text/plain; charset=utf-8', minutes(60), llms),
  {
    name: 'Favicon',
    pattern: '/favicon.svg',
    type: 'image/svg+xml',
    cache: minutes(60 * 24),
    producedBy: 'copied from public/ by Vite',
    files: (context) => [
      { path: '/favicon.svg', file: 'favicon.svg', ...fromClient(context, 'favicon.svg') },
    ],
  },
  {
    name: 'Client script, stylesheet and fonts (content-hashed names)',
    pattern: '/assets/*',
    type: {
      '.js': 'text/javascript; charset=utf-8',
      '.css': 'text/css; charset=utf-8',
      '.woff2': 'font/woff2',
    },
    cache: immutable,
    producedBy: 'vite build',
    files: (context) =>
      context.viteFiles.map((file) => ({
        path: `/${file}`,
        file,
        ...fromClient(context, file),
        // Vite names each of these by a hash of its bytes.
        version: file,
      })),
  },
  {
    name: 'Open Graph cards',
    pattern: '/og/*',
    type: 'image/png',
    cache: minutes(60 * 24),
    producedBy: 'satori and resvg (scripts/og-render.ts) on worker threads, cached by their inputs',
    files: (context) => {
      if (context.cards === false) return [];
      const cards = ogCards(posts);
      return cards.map((card) => ({
        path: card.path,
        file: card.path.slice(1),
        body: context.build ? () => cardOfBuild(context, cards, card) : () => renderOgCard(card),
      }));
    },
  },
  {
    name: 'Widget script, pinned version',
    pattern: '/widget/:version/latest-essays.js',
    type: 'text/javascript; charset=utf-8',
    cache: immutable,
    headers: crossOrigin,
    producedBy: 'copied from @working-notes/widget',
    files: () => {
      const widget = widgetBuild();
      const path = versionedScriptPath(widget.version);
      return [{ path, file: path.slice(1), body: () => readFileSync(widget.file) }];
    },
  },
  {
    name: 'Widget script, moving channel',
    pattern: channelScriptPath,
    type: 'text/javascript; charset=utf-8',
    cache: minutes(5),
    headers: crossOrigin,
    producedBy: 'copied from @working-notes/widget',
    files: () => [
      {
        path: channelScriptPath,
        file: channelScriptPath.slice(1),
        body: () => readFileSync(widgetBuild().file),
      },
    ],
  },
  {
    name: 'Widget data (the newest 20 essays)',
    pattern: dataPath,
    type: 'application/feed+json; charset=utf-8',
    cache: minutes(5),
    headers: crossOrigin,
    producedBy: 'widgetData() in src/site/widget.ts',
    files: () => [{ path: dataPath, file: dataPath.slice(1), body: () => widgetData(posts) }],
  },
];

/** A file of the client build, read from the folder Vite wrote it to (none in dev). */
function fromClient(context: OutputContext, file: string): Pick<OutputFile, 'body'> {
  const { clientDir } = context;
  return clientDir ? { body: () => readFileSync(join(clientDir, file)) } : {};
}

/** The sitemap lists every page a search engine should index: all pages but the 404. */
function sitemapOf(): string {
  const context: OutputContext = { assets: { css: [], script: '' }, viteFiles: [] };
  return sitemap(
    outputs
      .filter((output) => output.type === html && output.pattern !== '/404.html')
      .flatMap((output) => output.files(context).map((file) => file.path)),
  );
}

/** Every file of every output, each with the output it belongs to. */
export function outputFiles(context: OutputContext): { output: Output; file: OutputFile }[] {
  return outputs.flatMap((output) => output.files(context).map((file) => ({ output, file })));
}

/** The output and file serving `path`, or undefined: what the dev server answers with. */
export function lookUp(
  path: string,
  context: OutputContext,
): { output: Output; file: OutputFile } | undefined {
  for (const output of outputs) {
    if (!patternRegExp(output.pattern).test(path)) continue;
    const file = output.files(context).find((candidate) => candidate.path === path);
    if (file) return { output, file };
  }
  return undefined;
}

/** The Content-Type a file of `output` is served with. */
export function typeOf(output: Output, path: string): string | undefined {
  if (typeof output.type === 'string') return output.type;
  const extension = /\.[^./]+$/.exec(path)?.[0] ?? '';
  return output.type[extension];
}
