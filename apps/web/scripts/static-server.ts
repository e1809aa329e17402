import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { headersFor, parseHeaders } from './headers.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const compressible = /^(text\/|application\/(json|xml|rss|atom|feed)|image\/svg)/;

/**
 * Serves a built site the way a static host does: `_headers` applied to every response, folders
 * served from their index.html, `/x` redirected to `/x/`, a real 404 status with 404.html, and
 * gzip for text. Listens on 127.0.0.1 only.
 */
export function serveStatic(root: string, port = 0): Promise<{ server: Server; url: string }> {
  const headersPath = join(root, '_headers');
  const rules = parseHeaders(existsSync(headersPath) ? readFileSync(headersPath, 'utf8') : '');
  const compressed = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root) || path.includes('\0')) {
      response.writeHead(400).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        response.writeHead(301, { Location: `${path}/${url.search}` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    let status = 200;
    if (!existsSync(file) || path.startsWith('/_headers') || path.startsWith('/.vite')) {
      status = 404;
      file = join(root, '404.html');
    }
    const headers = headersFor(rules, status === 404 ? '/404' : path);
    if (!headers.has('content-type'))
      headers.set('content-type', types[extname(file)] ?? 'application/octet-stream');
    let body: Buffer = readFileSync(file);
    const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (accepts && compressible.test(headers.get('content-type') ?? '')) {
      body = compressed.get(file) ?? gzipSync(body);
      compressed.set(file, body);
      headers.set('content-encoding', 'gzip');
      headers.set('vary', 'Accept-Encoding');
    }
    response.writeHead(status, Object.fromEntries(headers));
    response.end(request.method === 'HEAD' ? undefined : body);
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
