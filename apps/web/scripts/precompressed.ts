import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import compressible from 'compressible';
import { contentType } from 'mime-types';
import Negotiator from 'negotiator';
import send from 'send';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * A static file compressed once, at the highest setting, and kept, as a host can do for files
 * that only change with a deploy; the preview server used to compress every response again at a
 * speed setting. Brotli's quality 11 takes about 75 ms for the longest essay page, far too slow
 * for each request, and makes it 12% smaller than quality 6 (11,987 against 13,632 bytes): small
 * enough to arrive in the first round trip of a new connection (ten TCP segments, 14,600 bytes),
 * which is what Lighthouse's simulated load, and a reader on a slow phone, wait for.
 *
 * Each variant is written to a folder under the system's temporary folder, keyed by the file's
 * path, inode, size and mtime, so a rebuilt file is compressed again on its next request. The file
 * is then sent by `send`, which answers HEAD and conditional requests as it does for every other
 * file. Anything this cannot do (a byte range, an encoding the client refuses, an error) falls
 * through to the caller's own path, which serves the file as before.
 */
export function precompressedFiles(): (
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  fallback: () => void,
) => void {
  let folder: string | undefined;
  const pending = new Map<string, Promise<string | undefined>>();
  /** The key of each file's newest variant per encoding, so a rebuilt file's old copy goes. */
  const current = new Map<string, string>();

  const variant = (file: string, encoding: 'br' | 'gzip'): Promise<string | undefined> => {
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats?.isFile() || stats.size < 1024) return Promise.resolve(undefined);
    const key = createHash('sha1')
      .update(`${file}\0${stats.ino}\0${stats.size}\0${stats.mtimeMs}\0${encoding}`)
      .digest('hex');
    const known = pending.get(key);
    if (known) return known;
    const previous = current.get(`${file}\0${encoding}`);
    if (previous) {
      void pending.get(previous)?.then((old) => old && rmSync(old, { force: true }));
      pending.delete(previous);
    }
    current.set(`${file}\0${encoding}`, key);
    const made = (async () => {
      const bytes = readFileSync(file);
      const packed =
        encoding === 'br'
          ? await brotli(bytes, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
              },
            })
          : await gzipped(bytes, { level: constants.Z_BEST_COMPRESSION });
      // Not worth a second copy; and the variant's size then always differs from the file's, which
      // keeps send's ETag (size and mtime) different from the plain file's.
      if (packed.length >= bytes.length) return undefined;
      if (!folder) {
        folder = mkdtempSync(join(tmpdir(), 'working-notes-compressed-'));
        const made = folder;
        process.once('exit', () => rmSync(made, { recursive: true, force: true }));
      }
      mkdirSync(folder, { recursive: true });
      // The original's extension, so send names the same Content-Type as for the plain file.
      const path = join(folder, `${key}${extname(file)}`);
      writeFileSync(`${path}.part`, packed);
      // The original's mtime, so Last-Modified and If-Modified-Since mean the same for both.
      utimesSync(`${path}.part`, stats.atime, stats.mtime);
      renameSync(`${path}.part`, path);
      return path;
    })().catch(() => {
      // A failure is not remembered: the next request tries again. A file not worth compressing
      // is (undefined), until it changes.
      pending.delete(key);
      return undefined;
    });
    pending.set(key, made);
    return made;
  };

  return (request, response, file, fallback) => {
    const type = String(response.getHeader('Content-Type') ?? contentType(extname(file)) ?? '');
    // Brotli where the client rates it as high as gzip, as compression chooses (negotiator 0.6.4
    // takes that preference as a second argument, which its types do not declare yet).
    const negotiator = new Negotiator(request);
    const negotiate = negotiator.encoding as (
      available: string[],
      preferred: string[],
    ) => string | undefined;
    const encoding = negotiate.call(negotiator, ['br', 'gzip', 'identity'], ['br', 'gzip']);
    if (
      request.headers.range ||
      (encoding !== 'br' && encoding !== 'gzip') ||
      !type ||
      !compressible(type)
    ) {
      fallback();
      return;
    }
    let path: Promise<string | undefined>;
    try {
      path = variant(file, encoding);
    } catch {
      fallback();
      return;
    }
    path.then((compressed) => {
      if (!compressed || response.headersSent || response.destroyed) {
        if (!response.headersSent) fallback();
        return;
      }
      response.setHeader('Content-Type', type);
      response.setHeader('Content-Encoding', encoding);
      response.setHeader('Vary', 'Accept-Encoding');
      send(request, compressed, {
        acceptRanges: false,
        cacheControl: false,
        dotfiles: 'allow',
        etag: true,
      })
        .on('error', () => {
          // The variant went missing (its folder was cleaned): forget it and serve the file.
          pending.clear();
          if (response.headersSent) response.destroy();
          else {
            response.removeHeader('Content-Encoding');
            fallback();
          }
        })
        .pipe(response);
    });
  };
}
