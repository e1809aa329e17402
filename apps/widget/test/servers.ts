import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SnippetEssay, snippet } from '../src/snippet.js';

const dist = join(dirname(dirname(fileURLToPath(import.meta.url))), 'dist');

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export async function listen(handler: Handler): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    server,
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
  };
}

export interface Essay {
  title: string;
  slug: string;
  date: string;
  tags: string[];
}

export const essays: Essay[] = Array.from({ length: 8 }, (_, i) => ({
  title: `Essay number ${8 - i}`,
  slug: `essay-${8 - i}`,
  date: `2026-0${9 - i}-1${i}`,
  tags: i % 2 === 0 ? ['ai'] : ['kubernetes'],
}));

export function feed(origin: string, list: readonly Essay[] = essays): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Working Notes',
    items: list.map((essay) => ({
      id: `${origin}/essays/${essay.slug}/`,
      url: `${origin}/essays/${essay.slug}/`,
      title: essay.title,
      date_published: essay.date,
      tags: essay.tags,
    })),
  });
}

export const build = JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8')) as {
  version: string;
  integrity: string;
};

/** The site's date format, as the Embed page writes fallback dates ("10 September 2026"). */
const siteDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export const snippetEssays = (origin: string, list: readonly Essay[] = essays): SnippetEssay[] =>
  list.map((essay) => ({
    title: essay.title,
    url: `${origin}/essays/${essay.slug}/`,
    date: essay.date,
    dateText: siteDate(essay.date),
  }));

/**
 * The snippet exactly as the Embed page hands it out for a blog at `origin` (the same function
 * builds both), split into its script tag and its element.
 */
export function embed(
  origin: string,
  options: { count?: number | undefined; list?: readonly Essay[] } = {},
): { script: string; element: string; whole: string } {
  const whole = snippet({
    origin,
    version: build.version,
    integrity: build.integrity,
    essays: snippetEssays(origin, options.list),
    count: options.count,
  });
  const end = whole.indexOf('</script>') + '</script>'.length;
  return { whole, script: whole.slice(0, end), element: whole.slice(end).trim() };
}

/**
 * The blog: the built widget script at its versioned path, and the JSON in every shape the tests
 * need, each with CORS as the site's _headers sends it. Counts requests per path; `scriptDelay`
 * holds the script back, as a slow CDN would, so the host paints its fallback first.
 */
export async function startBlog(): Promise<{
  url: string;
  hits: Map<string, number>;
  scriptDelay: number;
  close(): void;
}> {
  const hits = new Map<string, number>();
  const script = readFileSync(join(dist, 'latest-essays.iife.js'));
  let origin = '';
  const blog = { url: '', hits, scriptDelay: 0, close: () => {} };
  const { server, url } = await listen((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    const json = (status: number, body: string): void => {
      response.writeHead(status, { ...cors, 'Content-Type': 'application/feed+json' }).end(body);
    };
    switch (path) {
      case `/widget/v${build.version}/latest-essays.js`:
        setTimeout(
          () => response.writeHead(200, { ...cors, 'Content-Type': 'text/javascript' }).end(script),
          blog.scriptDelay,
        );
        return;
      case '/widget/latest.json':
        return json(200, feed(origin));
      case '/fail/500.json':
        return json(500, '{"error":"boom"}');
      case '/fail/malformed.json':
        return json(200, '{"items": [ {"title": ');
      case '/fail/shape.json':
        return json(200, '{"entries": []}');
      case '/fail/huge.json':
        return json(200, JSON.stringify({ items: [], padding: 'x'.repeat(2_000_000) }));
      case '/fail/stall.json':
        // Never answers; the widget's timeout must end the wait. Closed when the test server stops.
        return;
      case '/mirror.json':
        return json(200, feed('https://workingnotes.dev.example.com'));
      case '/hostile.json':
        return json(
          200,
          JSON.stringify({
            items: [
              {
                title: '<img src=x onerror="window.pwned=1">Markup in a title',
                url: `${origin}/essays/markup/`,
                date_published: '2026-10-01',
              },
              {
                title: 'Somewhere else entirely',
                url: 'https://evil.example/phish',
                date_published: '2026-09-01',
              },
              {
                title: 'A proper essay',
                url: `${origin}/essays/proper/`,
                date_published: '2026-08-01',
              },
            ],
          }),
        );
      default:
        response.writeHead(404, cors).end();
    }
  });
  origin = url;
  blog.url = url;
  blog.close = () => stop(server);
  return blog;
}

export interface HostPage {
  body: string;
  head?: string;
  csp?: string;
  reportOnly?: string;
  lang?: string;
}

/** The embedding site: serves whatever page the test registers, with its own CSP. */
export async function startHost(): Promise<{
  url: string;
  page(path: string, page: HostPage): string;
  /** Bodies of the CSP violation reports browsers sent to /csp-report. */
  reports: string[];
  close(): void;
}> {
  const pages = new Map<string, HostPage>();
  const reports: string[] = [];
  const { server, url } = await listen((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/csp-report') {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        reports.push(body);
        response.writeHead(204).end();
      });
      return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const page = pages.get(path);
    if (!page) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      ...(page.csp && { 'Content-Security-Policy': page.csp }),
      ...(page.reportOnly && { 'Content-Security-Policy-Report-Only': page.reportOnly }),
    });
    response.end(
      `<!doctype html><html lang="${page.lang ?? 'en'}"><head><meta charset="utf-8"><title>Host</title>${page.head ?? ''}</head><body>${page.body}</body></html>`,
    );
  });
  return {
    url,
    page: (path, page) => {
      pages.set(path, page);
      return `${url}${path}`;
    },
    reports,
    close: () => stop(server),
  };
}

function stop(server: Server): void {
  // Stalled responses would keep the server open; end them with it.
  server.closeAllConnections();
  server.close();
}
