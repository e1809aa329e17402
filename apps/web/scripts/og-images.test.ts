import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { type OgCard, renderOgCard, renderOgCards } from './og-images.js';
import { drawingPipeline, drawingSources } from './og-pipeline.js';
import * as painter from './og-render.js';
import { webRoot } from './paths.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'wn-og-test-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const card = (index: number, title = `Essay number ${index} on leases`): OgCard => ({
  path: `/og/essay-${index}.png`,
  site: 'Working Notes',
  title,
  footer: '2026-03-14 · 7 min read',
});

/** Decoded by pngjs, which checks every chunk's CRC and the zlib stream. */
const decode = (file: string) => PNG.sync.read(readFileSync(file));

/** Pixels clearly darker than the card's background (#fdfcfa) in rows [top, bottom). */
function ink(png: PNG, top: number, bottom: number): number {
  let count = 0;
  for (let y = top; y < bottom; y++)
    for (let x = 0; x < png.width; x++) {
      const at = (y * png.width + x) * 4;
      if ((png.data[at] ?? 255) + (png.data[at + 1] ?? 255) + (png.data[at + 2] ?? 255) < 600)
        count++;
    }
  return count;
}
const rows = (png: PNG, top: number, bottom: number) =>
  png.data.subarray(top * png.width * 4, bottom * png.width * 4);

describe('Open Graph cards', () => {
  it('a card is a valid 1200x630 PNG with its title, and its footer inside the picture', async () => {
    const short = card(1, 'Leases');
    const long = card(2, 'You Are Already Writing a Durable Execution Engine, Slowly');
    const { files } = await renderOgCards([short, long], { cacheDir });
    const [a, b] = [short, long].map((each) => decode(files.get(each.path) ?? ''));
    if (!a || !b) throw new Error('no cards');
    expect([a.width, a.height, b.width, b.height]).toEqual([1200, 630, 1200, 630]);
    // The accent bar on top, the background at the bottom right corner.
    expect([...a.data.subarray((8 * 1200 + 600) * 4, (8 * 1200 + 600) * 4 + 3)]).toEqual([
      0x1d, 0x5f, 0xbf,
    ]);
    expect([...a.data.subarray((629 * 1200 + 1199) * 4, (629 * 1200 + 1199) * 4 + 3)]).toEqual([
      0xfd, 0xfc, 0xfa,
    ]);
    // The same site name above, a different title in the middle: two lines of it hold more ink.
    expect(Buffer.compare(rows(a, 80, 140), rows(b, 80, 140))).toBe(0);
    expect(Buffer.compare(rows(a, 180, 480), rows(b, 180, 480))).not.toBe(0);
    expect(ink(a, 180, 480)).toBeGreaterThan(5000);
    expect(ink(b, 180, 480)).toBeGreaterThan(ink(a, 180, 480) * 4);
    // The date and reading time are drawn above the bottom edge (they used to fall below it).
    expect(ink(a, 500, 600)).toBeGreaterThan(1000);
  });

  it('the dev server draws one card in its own process, the same bytes as the build', async () => {
    const one = card(3);
    const drawn = await renderOgCard(one, { cacheDir: join(cacheDir, 'dev') });
    const { files } = await renderOgCards([one], { cacheDir: join(cacheDir, 'build') });
    expect(Buffer.compare(drawn, readFileSync(files.get(one.path) ?? ''))).toBe(0);
  });

  it('a changed title draws that card again and only that one', async () => {
    const dir = join(cacheDir, 'edit');
    // Enough cards to go to the pool of workers rather than the main thread.
    const before = Array.from({ length: 40 }, (_, index) => card(index));
    const cold = await renderOgCards(before, { cacheDir: dir });
    expect([cold.rendered, cold.cacheHits, cold.workers > 0]).toEqual([40, 0, true]);

    const after = before.map((each, index) =>
      index === 7 ? { ...each, title: 'A retitled essay about leases' } : each,
    );
    const edited = await renderOgCards(after, { cacheDir: dir });
    expect([edited.rendered, edited.cacheHits]).toEqual([1, 39]);
    for (const [path, file] of edited.files)
      if (path === '/og/essay-7.png') expect(file).not.toBe(cold.files.get(path));
      else expect(file).toBe(cold.files.get(path));
    const [old, retitled] = [cold, edited].map((run) =>
      decode(run.files.get('/og/essay-7.png') ?? ''),
    );
    expect(Buffer.compare(rows(old as PNG, 180, 480), rows(retitled as PNG, 180, 480))).not.toBe(0);
  });

  it('the cache survives a rebuild: a new process draws nothing', async () => {
    const dir = join(cacheDir, 'rebuild');
    const cards = Array.from({ length: 30 }, (_, index) => card(index));
    expect((await renderOgCards(cards, { cacheDir: dir })).rendered).toBe(30);
    const module = fileURLToPath(new URL('./og-images.ts', import.meta.url));
    const again = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { renderOgCards } = await import(${JSON.stringify(module)});
         const run = await renderOgCards(${JSON.stringify(cards)}, { cacheDir: ${JSON.stringify(dir)} });
         console.log(JSON.stringify({ rendered: run.rendered, cacheHits: run.cacheHits }));`,
      ],
      { cwd: webRoot, encoding: 'utf8' },
    );
    expect(JSON.parse(again)).toEqual({ rendered: 0, cacheHits: 30 });
  });

  it('a card painted in parts has the pixels of the card painted whole', async () => {
    const texts = [
      card(1, 'Leases'),
      card(2, 'You Are Already Writing a Durable Execution Engine, Slowly'),
      // Over 60 characters: the smaller title, on three lines.
      card(3, 'Backpressure is a contract between every producer and every consumer of a queue'),
      card(4, 'Café, naïve façades — and “quotes”'),
      card(5, 'Supercalifragilisticexpialidociouslyoverlongwordthatcannotwrap'),
      { ...card(6, 'No footer at all'), footer: '' },
      { ...card(7, 'Another site'), site: 'Notes From Elsewhere' },
    ];
    for (const text of texts) {
      const parts = PNG.sync.read(await painter.renderCard(text));
      expect(painter.lastPainting, text.title).toBe('layered');
      const whole = PNG.sync.read(await painter.renderCardWhole(text));
      expect(Buffer.compare(parts.data, whole.data), text.title).toBe(0);
    }
  });

  it('a card is a palette PNG of a few dozen kilobytes', async () => {
    const png = await painter.renderCard(
      card(8, 'You Are Already Writing a Durable Execution Engine, Slowly'),
    );
    expect(png[25]).toBe(3); // IHDR's colour type: indexed
    expect(png.length).toBeLessThan(40_000);
  });

  it('the cache key covers the drawing code: the template, the painter, the encoder and the fonts', async () => {
    const { workerFile, hash } = await drawingPipeline();
    const hashed = drawingSources().map((file) => basename(file));
    expect(hashed).toEqual(
      expect.arrayContaining([
        'og-card.tsx',
        'og-render.ts',
        'og-svg.ts',
        'og-png.ts',
        'og-fonts.ts',
      ]),
    );
    // What the workers run is built from those files (esbuild refuses any other local import).
    const bundle = readFileSync(workerFile, 'utf8');
    expect(bundle).toContain('#1d5fbf'); // the template's accent colour
    expect(bundle).toContain('IDAT'); // the PNG encoder
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
