import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * The blog: the built widget script, and the JSON in every shape the tests need, each with CORS
 * as the site's _headers sends it. Counts requests per path.
 */
export async function startBlog(): Promise<{
  url: string;
  hits: Map<string, number>;
  close(): void;
}> {
  const hits = new Map<string, number>();
  const script = readFileSync(join(dist, 'latest-essays.iife.js'));
  let origin = '';
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
      case '/widget/latest-essays.js':
        response.writeHead(200, { ...cors, 'Content-Type': 'text/javascript' }).end(script);
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
  return { url, hits, close: () => stop(server) };
}

export interface HostPage {
  body: string;
  head?: string;
  csp?: string;
  lang?: string;
}

/** The embedding site: serves whatever page the test registers, with its own CSP. */
export async function startHost(): Promise<{
  url: string;
  page(path: string, page: HostPage): string;
  close(): void;
}> {
  const pages = new Map<string, HostPage>();
  const { server, url } = await listen((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
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
    close: () => stop(server),
  };
}

/** The fallback a snippet carries: the same essays, as plain links. */
export function fallback(origin: string, count = 5, list: readonly Essay[] = essays): string {
  const items = list
    .slice(0, count)
    .map(
      (essay) =>
        `<li><a href="${origin}/essays/${essay.slug}/">${essay.title}</a> <time datetime="${essay.date}">${essay.date}</time></li>`,
    );
  return `<h2>Latest essays</h2><ol>${items.join('')}</ol>`;
}

function stop(server: Server): void {
  // Stalled responses would keep the server open; end them with it.
  server.closeAllConnections();
  server.close();
}
