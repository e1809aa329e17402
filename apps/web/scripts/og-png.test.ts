import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeIndexedPng, encodeRgbaPng, Palette } from './og-png.js';

/** A width x height RGBA image whose pixel i is colour(i). */
function image(width: number, height: number, colour: (i: number) => number[]): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set(colour(i), i * 4);
  return rgba;
}

describe('the cards’ PNG encoder', () => {
  it('a palette image decodes to the pixels it was given, translucent ones too', () => {
    const rgba = image(40, 30, (i) =>
      i % 7 === 0 ? [255, 0, 0, 128] : i < 600 ? [253, 252, 250, 255] : [31, 35, 40, 255],
    );
    const indices = new Uint8Array(40 * 30);
    const palette = new Palette();
    expect(palette.indexPixels(rgba, 40, indices, 40)).toBe(true);
    expect(palette.colours).toHaveLength(3);
    const decoded = PNG.sync.read(encodeIndexedPng(indices, palette, 40, 30));
    expect(Buffer.compare(decoded.data, Buffer.from(rgba))).toBe(0);
  });

  it('a 257th colour is refused, and the image is written as RGBA instead', () => {
    const rgba = image(17, 17, (i) => [i % 256, i >> 8, 0, 255]);
    const palette = new Palette();
    expect(palette.indexPixels(rgba, 17, new Uint8Array(17 * 17), 17)).toBe(false);
    const decoded = PNG.sync.read(encodeRgbaPng(rgba, 17, 17));
    expect(Buffer.compare(decoded.data, Buffer.from(rgba))).toBe(0);
  });

  it('a palette built on another keeps its indices, so parts index like the whole', () => {
    const base = new Palette();
    base.indexPixels(
      image(2, 1, (i) => (i ? [1, 2, 3, 255] : [4, 5, 6, 255])),
      2,
      new Uint8Array(2),
      2,
    );
    const derived = new Palette(base);
    const indices = new Uint8Array(3);
    derived.indexPixels(
      image(
        3,
        1,
        (i) =>
          [
            [4, 5, 6, 255],
            [7, 8, 9, 255],
            [1, 2, 3, 255],
          ][i] ?? [],
      ),
      3,
      indices,
      3,
    );
    expect([...indices]).toEqual([0, 2, 1]);
    expect(base.colours).toHaveLength(2); // the base is left as it was
  });
});
