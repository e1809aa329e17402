import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDir } from '../scripts/paths.js';
import { serveStatic } from '../scripts/static-server.js';

/**
 * Malformed and hostile requests against the preview server (the one the browser tests use),
 * sent as raw bytes so no client library tidies the path first. The site is a copy of the real
 * build with traps around and inside it: a sibling folder sharing its name as a prefix, secrets
 * beside it, dotfiles inside it, and symlinks from inside to a file and a folder outside.
 */
const secret = `outside-dist-${Math.random().toString(36).slice(2)}`;
let base: string;
let root: string;
let server: Server;
let port: number;
/** Every byte the server may send as a file: each file of dist/, whole. */
const distFiles: Buffer[] = [];

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'hostile-'));
  root = join(base, 'dist');
  cpSync(outDir, root, { recursive: true });
  mkdirSync(join(base, 'dist-secret'));
  writeFileSync(join(base, 'dist-secret', 'secret.txt'), secret);
  writeFileSync(join(base, 'secret.txt'), secret);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.txt'), secret);
  writeFileSync(join(root, '.env'), secret);
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, '.git', 'config'), secret);
  symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync('/etc/passwd', join(root, 'passwd.txt'));
  symlinkSync(join(base, 'outside'), join(root, 'leak-dir'));
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && !entry.name.startsWith('.') && entry.name !== '_headers')
      distFiles.push(readFileSync(join(entry.parentPath, entry.name)));
  const started = await serveStatic(root);
  server = started.server;
  port = Number(new URL(started.url).port);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  rmSync(base, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** One request, byte for byte as given, on its own connection. */
function raw(method: string, target: string, headers: Record<string, string> = {}) {
  const lines = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return send(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
}

function send(request: Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers = new Map<string, string>();
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      let body: Buffer = all.subarray(split + 4);
      if (headers.get('transfer-encoding') === 'chunked') body = unchunk(body);
      resolve({ status: Number(head[0]?.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

function unchunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = body.indexOf('\r\n', at);
    const size = Number.parseInt(body.subarray(at, end).toString(), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(body.subarray(end + 2, end + 2 + size));
    at = end + 4 + size;
  }
}

const passwd = (() => {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';
  } catch {
    return 'root:x:0:0';
  }
})();

const long = (length: number) => `/${'a'.repeat(length)}`;

/** [method, request target, expected status, extra request headers] */
const cases: [string, string, number, Record<string, string>?][] = [
  // Malformed percent-encoding and overlong UTF-8 never decode: 400, not a crash.
  ['GET', '/%', 400],
  ['GET', '/%zz', 400],
  ['GET', '/essays/%E0%A4%A', 400],
  ['GET', '/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd', 400],
  ['GET', '/%e0%80%ae%e0%80%ae/etc/passwd', 400],
  ['GET', '/%c0%af..%c0%afetc%c0%afpasswd', 400],
  ['GET', '/%u002e%u002e/etc/passwd', 400],
  // Null bytes.
  ['GET', '/index.html%00.txt', 400],
  ['GET', '/%00', 400],
  ['HEAD', '/robots.txt%00', 400],
  // Dots and slashes, plain, encoded and double encoded: never above the root.
  ['GET', '/../../../../etc/passwd', 404],
  ['GET', '/..%2f..%2f..%2f..%2fetc%2fpasswd', 404],
  ['GET', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 404],
  ['GET', '/%2e%2e%2f%2e%2e%2fsecret.txt', 404],
  ['GET', '/%252e%252e/%252e%252e/etc/passwd', 404],
  ['GET', '/%252e%252e%252fsecret.txt', 404],
  ['GET', '/essays/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 404],
  ['GET', '/assets/..%2f..%2f..%2fsecret.txt', 404],
  // The sibling folder whose name starts with the root's: a string-prefix check would pass it.
  ['GET', '/..%2Fdist-secret/secret.txt', 404],
  ['GET', '/../dist-secret/secret.txt', 404],
  ['GET', '/%2e%2e%2fdist-secret%2fsecret.txt', 404],
  // Backslashes, raw and encoded.
  ['GET', '/..\\..\\secret.txt', 404],
  ['GET', '/..%5c..%5csecret.txt', 404],
  ['GET', '/%5c..%5cdist-secret%5csecret.txt', 404],
  // Symlinks from inside dist/ to a file and a folder outside it.
  ['GET', '/leak.txt', 404],
  ['GET', '/passwd.txt', 404],
  ['HEAD', '/passwd.txt', 404],
  ['GET', '/leak-dir/secret.txt', 404],
  ['GET', '/leak-dir/', 404],
  ['GET', '/leak-dir', 404],
  // Hidden files, however the path spells them.
  ['GET', '/_headers', 404],
  ['GET', '/%5fheaders', 404],
  ['GET', '/%2F_headers', 404],
  ['GET', '//_headers', 404],
  ['GET', '/_headers/', 404],
  ['GET', '/.env', 404],
  ['GET', '/%2eenv', 404],
  ['GET', '/%2F.env', 404],
  ['GET', '/essays/..%2F.env', 404],
  ['GET', '/.git/config', 404],
  ['GET', '/%2e%67%69%74/config', 404],
  ['GET', '/.vite/manifest.json', 404],
  // //host forms: a redirect, if any, stays on this origin.
  ['GET', '//evil.example/', 404],
  ['GET', '//evil.example/%2e%2e/archive', 301],
  ['GET', '/%2Fevil.example%2F..%2Fessays', 301],
  ['GET', '/%5Cevil.example/..%2Farchive', 301],
  ['GET', '/\\evil.example/../archive', 301],
  ['GET', '//archive', 301],
  ['GET', '///archive', 301],
  ['GET', '/archive', 301],
  ['GET', '/archive?next=//evil.example', 301],
  ['GET', 'http://evil.example/', 400],
  ['GET', '*', 400],
  // Methods: only GET and HEAD.
  ['POST', '/', 405],
  ['PUT', '/index.html', 405],
  ['DELETE', '/', 405],
  ['PATCH', '/rss.xml', 405],
  ['OPTIONS', '/', 405],
  ['OPTIONS', '*', 405],
  ['TRACE', '/', 405],
  ['PROPFIND', '/', 405],
  ['POST', '/%', 405],
  // Sizes: an 8 KB path is only not found; a 16 KB one is refused by the HTTP parser.
  ['GET', long(8 * 1024), 404],
  ['GET', long(16 * 1024), 431],
  // What a CDN does for ordinary requests.
  ['GET', '/', 200],
  ['HEAD', '/', 200],
  ['GET', '/robots.txt?path=../../etc/passwd', 200],
  ['GET', '/robots.txt', 206, { Range: 'bytes=0-9' }],
  ['GET', '/robots.txt', 206, { Range: 'bytes=-5' }],
  ['GET', '/robots.txt', 416, { Range: 'bytes=99999-' }],
  ['GET', '/robots.txt', 416, { Range: 'bytes=9-0' }],
  ['GET', '/robots.txt', 200, { Range: 'lines=1-2' }],
  ['GET', '/index.html/', 404],
  ['GET', '/%ef%bc%8f%ef%bc%8fetc%ef%bc%8fpasswd', 404],
  ['GET', '/essays/no-such-essay/', 404],
];

describe('hostile requests to the preview server', () => {
  it(`has at least 40 cases (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s %s answers %i', async (method, target, status, headers) => {
    const response = await raw(method, target, headers);
    expect(response.status).toBe(status);
    // No byte from outside dist/: neither the planted secret nor the system's files.
    expect(response.body.includes(secret)).toBe(false);
    expect(response.body.includes(passwd)).toBe(false);
    if (status === 200 || status === 206)
      expect(
        distFiles.some((file) => file.includes(response.body)),
        'a 200 body is (part of) a file of dist/',
      ).toBe(true);
    if (method === 'HEAD') expect(response.body.length).toBe(0);
    // No redirect leaves the origin.
    const location = response.headers.get('location');
    if (location !== undefined) {
      expect(new URL(location, 'http://127.0.0.1:1').origin).toBe('http://127.0.0.1:1');
      expect(location).toMatch(/^\/(?![/\\])/);
    }
    if (status === 405) expect(response.headers.get('allow')).toBe('GET, HEAD');
    if (status !== 431) {
      // A redirect's own little HTML body gets serve-static's stricter `default-src 'none'`.
      expect(response.headers.get('content-security-policy')).toContain(
        status === 301 ? "default-src 'none'" : "default-src 'self'",
      );
      expect(response.headers.get('cache-control')).toBeTruthy();
    }
    // And the server still answers.
    expect((await raw('GET', '/robots.txt')).status).toBe(200);
  });

  it('answers conditional requests with 304, and HEAD with the length of the GET', async () => {
    const first = await raw('GET', '/');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect(first.headers.get('last-modified')).toBeTruthy();
    expect((await raw('GET', '/', { 'If-None-Match': etag })).status).toBe(304);
    const head = await raw('HEAD', '/');
    expect(head.headers.get('content-length')).toBe(String(first.body.length));
    const bytes = await raw('GET', '/robots.txt', { Range: 'bytes=0-9' });
    expect(bytes.body.toString()).toBe(readFileSync(join(root, 'robots.txt'), 'utf8').slice(0, 10));
  });

  it('does not crash, and still answers 404, while 404.html is missing', async () => {
    rmSync(join(root, '404.html'));
    const missing = await raw('GET', '/no-such-page/');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe('Not found\n');
    expect((await raw('GET', '/')).status).toBe(200);
    writeFileSync(join(root, '404.html'), readFileSync(join(outDir, '404.html')));
    expect((await raw('GET', '/no-such-page/')).body.toString()).toContain('<h1');
  });

  it('survives a malformed request line and a client that hangs up mid-request', async () => {
    const garbage = await send(Buffer.from('\x16\x03\x01\x02\x00\x01\x00\r\n\r\n', 'latin1'));
    expect(garbage.status).toBe(400);
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET /rss.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        socket.destroy();
        resolve();
      });
    });
    expect((await raw('GET', '/')).status).toBe(200);
  });

  it('serves a file once more with the same bytes it has on disk', async () => {
    const page = await raw('GET', '/essays/no-such-essay/');
    const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    expect(hash(page.body)).toBe(hash(readFileSync(join(root, '404.html'))));
  });
});
