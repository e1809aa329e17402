import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { get, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { posts } from '@working-notes/content';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDir } from '../scripts/paths.js';
import { serveStatic } from '../scripts/static-server.js';

/**
 * What a browser receives from the preview server for a page of text: compressed once at the
 * highest setting and kept (scripts/precompressed.ts), with the right headers for caches, and
 * never a stale copy after a rebuild. Raw responses, so nothing decodes them on the test's behalf.
 */
let root: string;
let server: Server;
let url: string;
const chrome = 'gzip, deflate, br, zstd';
const longest = [...posts]
  .map((post) => post.path)
  .sort(
    (a, b) =>
      statSync(join(outDir, b, 'index.html')).size - statSync(join(outDir, a, 'index.html')).size,
  )[0] as string;

beforeAll(async () => {
  root = join(mkdtempSync(join(tmpdir(), 'compressed-')), 'dist');
  cpSync(outDir, root, { recursive: true });
  ({ server, url } = await serveStatic(root));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  rmSync(join(root, '..'), { recursive: true, force: true });
});

function request(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    get(`${url}${path}`, { headers, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    }).on('error', reject);
  });
}

const file = (path: string) =>
  readFileSync(join(root, path.endsWith('/') ? `${path}index.html` : path));

describe('compressed responses from the preview server', () => {
  it('sends the longest essay as Brotli that decodes to the file, smaller than before', async () => {
    const page = await request(longest, { 'Accept-Encoding': chrome });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers.vary).toContain('Accept-Encoding');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-length']).toBe(String(page.body.length));
    expect(brotliDecompressSync(page.body).equals(file(longest))).toBe(true);
    // What the server sent before, compressing each response at quality 6.
    const before = brotliCompressSync(file(longest), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 6 },
    }).length;
    expect(page.body.length).toBeLessThan(before * 0.95);
    // The CSP and the other rules of _headers still apply.
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('gives gzip to a client without Brotli, and the plain file to one that asks for it', async () => {
    const gzipped = await request(longest, { 'Accept-Encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).equals(file(longest))).toBe(true);
    const plain = await request(longest, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(file(longest))).toBe(true);
    const refused = await request(longest, { 'Accept-Encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('answers HEAD and conditional requests for the compressed copy as for the file', async () => {
    const page = await request('/', { 'Accept-Encoding': chrome });
    const plain = await request('/', { 'Accept-Encoding': 'identity' });
    const etag = String(page.headers.etag);
    expect(etag).not.toBe(String(plain.headers.etag));
    expect(page.headers['last-modified']).toBe(plain.headers['last-modified']);
    const again = await request('/', { 'Accept-Encoding': chrome, 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await request('/', { 'Accept-Encoding': chrome }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(page.body.length));
    expect(head.body.length).toBe(0);
  });

  it('compresses a rebuilt page again instead of sending the old copy', async () => {
    const path = '/archive/';
    expect(brotliDecompressSync((await request(path, { 'Accept-Encoding': chrome })).body)).toEqual(
      file(path),
    );
    const rebuilt = Buffer.concat([file(path), Buffer.from('<!-- rebuilt -->\n')]);
    writeFileSync(join(root, 'archive', 'index.html'), rebuilt);
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, 'archive', 'index.html'), later, later);
    const page = await request(path, { 'Accept-Encoding': chrome });
    expect(brotliDecompressSync(page.body).equals(rebuilt)).toBe(true);
  });

  it('leaves byte ranges, images and tiny files uncompressed', async () => {
    const range = await request(longest, { 'Accept-Encoding': chrome, Range: 'bytes=0-99' });
    expect(range.status).toBe(206);
    expect(range.headers['content-encoding']).toBeUndefined();
    expect(range.body.equals(file(longest).subarray(0, 100))).toBe(true);
    const image = await request('/og/default.png', { 'Accept-Encoding': chrome });
    expect(image.status).toBe(200);
    expect(image.headers['content-encoding']).toBeUndefined();
    const robots = await request('/robots.txt', { 'Accept-Encoding': chrome });
    expect(file('/robots.txt').length).toBeLessThan(1024);
    expect(robots.headers['content-encoding']).toBeUndefined();
    expect(robots.body.equals(file('/robots.txt'))).toBe(true);
  });
});
