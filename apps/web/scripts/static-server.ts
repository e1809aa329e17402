import { readFileSync, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, posix, resolve, sep } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import compression from 'compression';
import serveStaticFiles from 'serve-static';
import { headersFor, type ParsedRule, parseHeaders } from './headers.js';
import { precompressedFiles } from './precompressed.js';

/**
 * Serves a built site the way a static host does. The file serving itself is serve-static (and
 * the `send` module under it): decoding, traversal, dotfiles, HEAD, Range, ETag, Last-Modified,
 * conditional requests and the `/x` to `/x/` redirect. A file of text is sent compressed once at
 * the highest setting and kept (precompressed.ts), as a CDN sends it; compression covers what that
 * leaves (error pages, byte ranges). What is ours is
 * the part a CDN adds from `_headers`, plus the edges a CDN keeps closed:
 *
 * - only GET and HEAD; anything else gets 405 with `Allow`;
 * - a path that does not decode, or holds a NUL, gets 400 before any file is looked at;
 * - `_headers` and dotfiles answer 404, judged on the decoded path;
 * - a file whose real path (symlinks resolved) leaves the root answers 404;
 * - a `Location` that would leave the origin is never sent;
 * - every error answers and the server goes on; a missing 404.html falls back to plain text.
 *
 * The root is looked up on each request, so a build that swaps a new dist/ into place is served
 * at once. Listens on 127.0.0.1 only.
 */
export function serveStatic(root: string, port = 0): Promise<{ server: Server; url: string }> {
  const handler = staticHandler(root);
  const server = createServer((request, response) => {
    try {
      handler(request, response);
    } catch (error) {
      fail(response, error);
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`,
      });
    });
  });
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export function staticHandler(rootDir: string): Handler {
  const root = resolve(rootDir);
  const files = serveStaticFiles(root, {
    dotfiles: 'ignore',
    etag: true,
    lastModified: true,
    // Cache-Control comes from _headers, never from the library's default.
    cacheControl: false,
    index: ['index.html'],
    redirect: true,
    fallthrough: false,
  });
  const gzip = compression({
    // A byte range of the uncompressed file cannot be gzipped after the fact.
    filter: (request, response) => !request.headers.range && compression.filter(request, response),
    // Brotli at quality 6, the default of nginx's brotli module, rather than this library's 4,
    // which came out larger than gzip on essay pages (14,684 against 14,668 bytes for the longest;
    // 13,632 at 6, in about 3 ms). Only for what precompressed.ts leaves, made for each response.
    brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 6 } },
  });
  const rules = headersFileReader(join(root, '_headers'));
  const precompressed = precompressedFiles();

  return (request, response) => {
    const method = request.method ?? '';
    const raw = request.url ?? '';
    // Origin-form only: `GET http://host/x` and `OPTIONS *` name no file here.
    const pathname = raw.startsWith('/') ? (raw.split('?')[0] ?? '/') : undefined;
    let decoded: string | undefined;
    try {
      decoded = pathname === undefined ? undefined : decodeURIComponent(pathname);
    } catch {
      decoded = undefined;
    }
    const base = (status: number, path: string) => {
      for (const [name, value] of headersFor(rules(), path)) response.setHeader(name, value);
      response.statusCode = status;
    };

    if (method !== 'GET' && method !== 'HEAD') {
      base(405, '/');
      response.setHeader('Allow', 'GET, HEAD');
      plain(response, 'Method not allowed', method);
      return;
    }
    if (decoded === undefined || decoded.includes('\0')) {
      base(400, '/');
      plain(response, 'Bad request', method);
      return;
    }
    // `//a/./b` and `/a/../b` are the same file to the file system: judge the normalised path.
    const path = posix.normalize(decoded.replace(/\\/g, '/'));
    if (hidden(path) || leavesRoot(root, path)) {
      notFound(root, rules(), request, response);
      return;
    }

    for (const [name, value] of headersFor(rules(), path)) response.setHeader(name, value);
    // What Netlify and Cloudflare Pages send where no rule sets one (the `/x` to `/x/` redirect).
    if (!response.hasHeader('Cache-Control'))
      response.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
    guardLocation(response);
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    precompressed(request, response, file, () =>
      gzip(request as never, response as never, () => {
        files(request, response, (error?: { status?: number; statusCode?: number }) => {
          const status = error?.status ?? error?.statusCode ?? 500;
          if (response.headersSent) {
            response.destroy();
            return;
          }
          if (status === 404 || status === 403) notFound(root, rules(), request, response);
          else {
            for (const name of response.getHeaderNames()) response.removeHeader(name);
            base(Math.min(status, 500), '/');
            plain(response, status >= 500 ? 'Server error' : 'Bad request', method);
          }
        });
      }),
    );
  };
}

/** `_headers` itself, and any file or folder whose name starts with a dot. */
function hidden(path: string): boolean {
  return path === '/_headers' || path.split('/').some((part) => part.startsWith('.'));
}

/** Whether the file the path names is really outside the root (through a symlink, say). */
function leavesRoot(root: string, path: string): boolean {
  let real: string;
  try {
    real = realpathSync(join(root, path));
  } catch {
    return false; // nothing there: the library answers 404
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return true;
  }
  return real !== realRoot && !real.startsWith(realRoot + sep);
}

/** The 404 page with a 404 status, under the 404 page's own headers. */
function notFound(
  root: string,
  rules: readonly ParsedRule[],
  request: IncomingMessage,
  response: ServerResponse,
): void {
  for (const name of response.getHeaderNames()) response.removeHeader(name);
  for (const [name, value] of headersFor(rules, '/404.html')) response.setHeader(name, value);
  response.statusCode = 404;
  let body: Buffer;
  try {
    body = readFileSync(join(root, '404.html'));
  } catch {
    plain(response, 'Not found', request.method ?? 'GET');
    return;
  }
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Length', body.length);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function plain(response: ServerResponse, text: string, method: string): void {
  const body = `${text}\n`;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(body));
  if (!response.hasHeader('Cache-Control')) response.setHeader('Cache-Control', 'no-store');
  response.end(method === 'HEAD' ? undefined : body);
}

function fail(response: ServerResponse, error: unknown): void {
  console.error(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  for (const name of response.getHeaderNames()) response.removeHeader(name);
  response.statusCode = 500;
  plain(response, 'Server error', 'GET');
}

/**
 * A redirect may only name a path on this origin: `/x/`, never `//host`, `/\\host` or a URL.
 * serve-static already collapses leading slashes; this holds whatever it or a later version does.
 */
function guardLocation(response: ServerResponse): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name, value) => {
    if (name.toLowerCase() !== 'location') return setHeader(name, value);
    const location = String(value);
    return setHeader(
      name,
      /^\/(?![/\\])/.test(location)
        ? location
        : `/${location.replace(/^[a-z][a-z0-9+.-]*:|^[/\\]+/gi, '').replace(/^[/\\]+/, '')}`,
    );
  };
}

/** `_headers`, parsed again whenever the file changes (a new build swapped in). */
function headersFileReader(file: string): () => ParsedRule[] {
  let key = '';
  let rules: ParsedRule[] = [];
  return () => {
    let stamp = 'missing';
    try {
      const stats = statSync(file);
      stamp = `${stats.ino}:${stats.mtimeMs}:${stats.size}`;
    } catch {
      // No _headers: no rules.
    }
    if (stamp !== key) {
      key = stamp;
      try {
        rules = parseHeaders(readFileSync(file, 'utf8'));
      } catch {
        rules = [];
      }
    }
    return rules;
  };
}
