import { Resvg } from '@resvg/resvg-js';
import { backgroundText, type CardText, cardSvg, height, ownText, width } from './og-card.js';
import { encodeIndexedPng, encodeRgbaPng, Palette } from './og-png.js';
import { type Box, type Painted, type ParsedSvg, paintedElements } from './og-svg.js';

/**
 * A card's PNG, painting only what differs from card to card.
 *
 * What the cards share, the background, the accent bar and the site's name, is painted once per
 * thread: the card with its title and footer blanked (`backgroundText` in scripts/og-card.tsx),
 * kept as palette indices. Each card is laid out by satori with its own text only (`ownText`:
 * the template keeps everything else where it was), and resvg paints only the boxes of the
 * elements the background lacks (the title, the footer), each from the elements that reach into
 * it; those pixels are written over a copy of the background's. Painting a box from the same
 * elements at the same place gives the same pixels as painting the whole card
 * (scripts/og-images.test.ts compares the two pixel for pixel), at about a fifth of the area.
 *
 * A card whose SVG this cannot split (scripts/og-svg.ts), whose background this cannot index, or
 * whose own elements reach into a shared one it was laid out without, is painted whole.
 */

// satori draws text as paths, so resvg needs no fonts: not scanning the system's saves ~7 ms a card.
const resvgOptions = { font: { loadSystemFonts: false } };

/** The card as PNG bytes. */
export async function renderCard(text: CardText): Promise<Buffer> {
  const [svg, background] = await Promise.all([cardSvg(ownText(text)), backgroundOf(text)]);
  return (background && paintLayered(svg, background)) ?? paintWhole(await cardSvg(text));
}

/** The card painted whole by resvg: the reference the layered painting must match. */
export async function renderCardWhole(text: CardText): Promise<Buffer> {
  return paintWhole(await cardSvg(text));
}

/** How the last card of this thread was painted, for the tests. */
export let lastPainting: 'layered' | 'whole' | undefined;

interface Background {
  svg: ParsedSvg;
  indices: Uint8Array;
  palette: Palette;
  rgba: Buffer;
}

/**
 * By the blank card's text, which decides its SVG and so its pixels; a few kept, in case a build
 * draws cards of more than one site.
 */
const backgrounds = new Map<string, Promise<Background | undefined>>();

function backgroundOf(text: CardText): Promise<Background | undefined> {
  const blank = backgroundText(text);
  const key = JSON.stringify(blank);
  let background = backgrounds.get(key);
  if (!background) {
    background = cardSvg(blank).then(paintBackground);
    if (backgrounds.size >= 4) backgrounds.delete(backgrounds.keys().next().value as string);
    backgrounds.set(key, background);
  }
  return background;
}

function paintBackground(svg: string): Background | undefined {
  const parsed = paintedElements(svg);
  if (!parsed || parsed.width !== width || parsed.height !== height) return undefined;
  const rgba = paintRgba(svg);
  const indices = new Uint8Array(width * height);
  const palette = new Palette();
  if (!palette.indexPixels(rgba, width, indices, width)) return undefined;
  return { svg: parsed, indices, palette, rgba };
}

function paintLayered(svg: string, background: Background): Buffer | undefined {
  const card = paintedElements(svg);
  if (!card || card.width !== width || card.height !== height) return undefined;
  const shared = new Set(background.svg.elements.map(({ markup }) => markup));
  const variable = card.elements.filter(({ markup }) => !shared.has(markup));
  const regions = merged(variable.map(({ box }) => pixelBox(box)));
  // The background's elements the card was laid out without (the site's name) must stay clear
  // of what is painted: else their order with the card's own would matter.
  const drawn = new Set(card.elements.map(({ markup }) => markup));
  for (const { markup, box } of background.svg.elements)
    if (!drawn.has(markup) && regions.some((region) => meet(pixelBox(box), region)))
      return undefined;
  const pictures = regions.map((region) => ({
    region,
    rgba: paintRgba(regionSvg(card.elements, region), region[2] - region[0]),
  }));

  indices.set(background.indices);
  const palette = new Palette(background.palette);
  const fits = pictures.every(({ region, rgba }) =>
    palette.indexPixels(rgba, region[2] - region[0], indices, width, region[1] * width + region[0]),
  );
  lastPainting = 'layered';
  if (fits) return encodeIndexedPng(indices, palette, width, height);
  // More than 256 colours: the same pixels as RGBA.
  const rgba = Buffer.from(background.rgba);
  for (const { region, rgba: part } of pictures) {
    const [left, top, right] = region;
    const stride = (right - left) * 4;
    for (let y = 0; y * stride < part.length; y++)
      rgba.set(part.subarray(y * stride, (y + 1) * stride), ((top + y) * width + left) * 4);
  }
  return encodeRgbaPng(rgba, width, height);
}

/** One index buffer per thread, reused. */
const indices = new Uint8Array(width * height);

function paintWhole(svg: string): Buffer {
  lastPainting = 'whole';
  const rgba = paintRgba(svg);
  const whole = new Uint8Array(width * height);
  const palette = new Palette();
  return palette.indexPixels(rgba, width, whole, width)
    ? encodeIndexedPng(whole, palette, width, height)
    : encodeRgbaPng(rgba, width, height);
}

/**
 * resvg's RGBA pixels. `pixels` copies the image into a Buffer, memory V8 counts: it prompts the
 * collections that also free the rendered image's own memory, which V8 does not see
 * (scripts/og-images.ts). `expectedWidth` guards against resvg sizing the picture otherwise.
 */
function paintRgba(svg: string, expectedWidth = width): Buffer {
  const image = new Resvg(svg, resvgOptions).render();
  if (image.width !== expectedWidth)
    throw new Error(`resvg painted ${image.width} pixels wide, not ${expectedWidth}`);
  return image.pixels;
}

type Region = [left: number, top: number, right: number, bottom: number];

const meet = (a: Region, b: Region) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Whole pixels around a box, one more on each side for anti-aliasing's rounding, inside the
 * card.
 */
function pixelBox([left, top, right, bottom]: Box): Region {
  return [
    Math.max(0, Math.floor(left) - 1),
    Math.max(0, Math.floor(top) - 1),
    Math.min(width, Math.ceil(right) + 1),
    Math.min(height, Math.ceil(bottom) + 1),
  ];
}

/** Overlapping regions joined into their union, so no pixel is painted twice; empty ones left out. */
function merged(boxes: Region[]): Region[] {
  const regions = boxes.filter(([left, top, right, bottom]) => right > left && bottom > top);
  for (let joined = true; joined; ) {
    joined = false;
    for (let i = 0; i < regions.length && !joined; i++)
      for (let j = i + 1; j < regions.length && !joined; j++) {
        const [a, b] = [regions[i] as Region, regions[j] as Region];
        if (!meet(a, b)) continue;
        regions[i] = [
          Math.min(a[0], b[0]),
          Math.min(a[1], b[1]),
          Math.max(a[2], b[2]),
          Math.max(a[3], b[3]),
        ];
        regions.splice(j, 1);
        joined = true;
      }
  }
  return regions;
}

/** An SVG of one region of the card: the elements that reach into it, in the card's order. */
function regionSvg(elements: readonly Painted[], [left, top, right, bottom]: Region): string {
  const inside = elements
    .filter(({ box }) => {
      const [l, t, r, b] = pixelBox(box);
      return l < right && r > left && t < bottom && b > top;
    })
    .map(({ markup }) => markup)
    .join('');
  const [w, h] = [right - left, bottom - top];
  return `<svg width="${w}" height="${h}" viewBox="${left} ${top} ${w} ${h}" xmlns="http://www.w3.org/2000/svg">${inside}</svg>`;
}
