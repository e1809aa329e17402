import { constants, crc32, deflateSync, type ZlibOptions } from 'node:zlib';

/**
 * PNG encoding with Node's zlib, for the cards.
 *
 * A card holds few colours: resvg's anti-aliasing blends each ink into the background in a few
 * dozen steps, so a card has about 80 colours in all. It is written as a palette image (one byte
 * a pixel, a third of RGB's), which keeps every pixel exact and makes the file and the work of
 * deflating it about a third. An image with more than 256 colours is written as RGBA.
 *
 * A row equal to the one above (the plain background: most rows) is written with the "Up" filter,
 * so zlib sees a row of zeros, which it compresses almost for free; any other row goes unfiltered.
 */

/** A colour as one number: its four bytes R, G, B, A read as one word in the machine's order. */
export type Rgba = number;

const colourBytes = new Uint8Array(4);
const colourWord = new Uint32Array(colourBytes.buffer);

/**
 * The colours of an image as it is built, each with its index: at most 256. Indices are given in
 * the order colours are first met, so the same pixels always give the same palette and the same
 * bytes.
 */
export class Palette {
  readonly colours: Rgba[];
  private readonly indexOf: Map<Rgba, number>;

  constructor(base?: Palette) {
    this.colours = base ? [...base.colours] : [];
    this.indexOf = new Map(base?.indexOf);
  }

  /**
   * Writes the index of every pixel of an RGBA image (`width` pixels a row) into `indices`, a
   * one-byte-a-pixel image `stride` pixels wide, from pixel `at` on. False when a 257th colour
   * turned up: `indices` is then partly written, and the image needs RGBA.
   */
  indexPixels(
    rgba: Uint8Array,
    width: number,
    indices: Uint8Array,
    stride: number,
    at = 0,
  ): boolean {
    // One 32-bit word a pixel, in the machine's byte order; resvg's buffers are word-aligned.
    const words =
      rgba.byteOffset % 4 === 0
        ? new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length / 4)
        : new Uint32Array(Uint8Array.from(rgba).buffer);
    const height = words.length / width;
    let last = -1;
    let lastIndex = 0;
    for (let y = 0; y < height; y++) {
      let to = at + y * stride;
      for (let from = y * width, end = from + width; from < end; from++) {
        const colour = words[from] as number;
        if (colour !== last) {
          let index = this.indexOf.get(colour);
          if (index === undefined) {
            if (this.colours.length === 256) return false;
            index = this.colours.length;
            this.colours.push(colour);
            this.indexOf.set(colour, index);
          }
          last = colour;
          lastIndex = index;
        }
        indices[to++] = lastIndex;
      }
    }
    return true;
  }
}

/** A palette image: one byte a pixel, each an index into `palette`. */
export function encodeIndexedPng(
  indices: Uint8Array,
  palette: Palette,
  width: number,
  height: number,
): Buffer {
  if (indices.length !== width * height)
    throw new Error(`encodeIndexedPng: ${indices.length} bytes is not ${width}x${height} pixels`);
  const { colours } = palette;
  const plte = Buffer.allocUnsafe(colours.length * 3);
  const alpha = Buffer.allocUnsafe(colours.length);
  colours.forEach((colour, index) => {
    colourWord[0] = colour;
    plte.set(colourBytes.subarray(0, 3), index * 3);
    alpha[index] = colourBytes[3] as number;
  });
  // tRNS lists alpha up to the last translucent entry; an opaque card carries none.
  let translucent = alpha.length;
  while (translucent > 0 && alpha[translucent - 1] === 255) translucent--;
  // Z_RLE: only runs of one byte, which is what a palette card is; smaller and faster than level 3.
  return png(
    width,
    height,
    3,
    filterRows(indices, width, height),
    { level: 9, strategy: constants.Z_RLE },
    [
      chunk('PLTE', plte),
      ...(translucent > 0 ? [chunk('tRNS', alpha.subarray(0, translucent))] : []),
    ],
  );
}

/** A truecolour image with alpha, for the rare picture that does not fit a palette. */
export function encodeRgbaPng(rgba: Uint8Array, width: number, height: number): Buffer {
  if (rgba.length !== width * height * 4)
    throw new Error(`encodeRgbaPng: ${rgba.length} bytes is not ${width}x${height} RGBA pixels`);
  return png(width, height, 6, filterRows(rgba, width * 4, height), { level: 3 }, []);
}

/** Each row behind its filter byte: Up for a row equal to the one above (all zeros), else None. */
function filterRows(pixels: Uint8Array, stride: number, height: number): Buffer {
  const size = height * (stride + 1);
  // One buffer per thread, reused: a fresh one each card cost more in page faults than the copy.
  if (rows.length < size) rows = Buffer.allocUnsafe(size);
  const image = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    const row = image.subarray(y * stride, (y + 1) * stride);
    if (y > 0 && row.equals(image.subarray((y - 1) * stride, y * stride))) {
      rows[at] = 2; // Up: each byte minus the one above, all zeros here
      rows.fill(0, at + 1, at + 1 + stride);
    } else {
      rows[at] = 0; // None
      rows.set(row, at + 1);
    }
  }
  return rows.subarray(0, size);
}

let rows = Buffer.alloc(0);
const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(
  width: number,
  height: number,
  colourType: 3 | 6,
  filtered: Buffer,
  deflate: ZlibOptions,
  extra: Buffer[],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel, or per palette index
  header[9] = colourType;
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    ...extra,
    chunk('IDAT', deflateSync(filtered, deflate)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
