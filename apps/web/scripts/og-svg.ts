/**
 * Reads satori's SVG as a list of painted elements, each with a box that holds every pixel it can
 * touch, so scripts/og-render.ts can repaint one part of a card without the rest.
 *
 * Only the shapes satori writes for this kind of template are understood: rectangles, and paths
 * in absolute M, L, Q, C and Z commands (text drawn as outlines), grouped in bare `<g>`s and
 * filled, never stroked, transformed, clipped, masked or filtered. The masks satori writes for
 * each box are definitions nothing refers to. Anything else (an image, a border drawn with a clip,
 * a shadow, a `url(#…)` reference) makes `paintedElements` answer undefined, and the card is then
 * painted whole: slower, never wrong.
 */
export interface Painted {
  /** The element's markup, exactly as satori wrote it. */
  markup: string;
  /** Left, top, right and bottom in pixels: no paint falls outside. */
  box: Box;
}
export type Box = readonly [left: number, top: number, right: number, bottom: number];

export interface ParsedSvg {
  width: number;
  height: number;
  elements: Painted[];
}

const tag = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"]*")*)\s*(\/?)>/y;
const attribute = /([a-zA-Z:-]+)="([^"]*)"/g;
/** Tags that define something to refer to and paint nothing by themselves. */
const definitions = new Set(['mask', 'clipPath', 'defs', 'linearGradient', 'radialGradient']);
/** Attributes a painted element may carry: anything else could paint outside its geometry. */
const plainAttributes = new Set([
  'x',
  'y',
  'width',
  'height',
  'd',
  'fill',
  'fill-opacity',
  'opacity',
]);

/** satori's SVG as painted elements, or undefined when it holds something this does not read. */
export function paintedElements(svg: string): ParsedSvg | undefined {
  if (svg.includes('url(#')) return undefined;
  tag.lastIndex = 0;
  const root = tag.exec(svg);
  if (root?.[2] !== 'svg' || root[1] || root[4]) return undefined;
  const rootAttributes = attributesOf(root[3] ?? '');
  const width = Number(rootAttributes.width);
  const height = Number(rootAttributes.height);
  if (rootAttributes.viewBox !== `0 0 ${width} ${height}`) return undefined;

  const elements: Painted[] = [];
  let at = tag.lastIndex;
  let start = at; // where the current top-level element's markup begins
  let depth = 0;
  let skipping = false; // inside a top-level definition
  let box: [number, number, number, number] | undefined;
  for (;;) {
    tag.lastIndex = at;
    const match = tag.exec(svg);
    if (!match) return undefined; // text between tags, or markup this does not read
    at = tag.lastIndex;
    const [, closing, name = '', attributes = '', selfClosing] = match;
    if (closing) {
      if (depth === 0) {
        // The root's closing tag: nothing may follow it.
        return name === 'svg' && at === svg.length ? { width, height, elements } : undefined;
      }
      depth--;
    } else {
      if (depth === 0) {
        start = match.index;
        skipping = definitions.has(name);
        box = undefined;
      }
      if (!skipping) {
        const shape = shapeBox(name, attributes);
        if (shape === undefined) return undefined;
        if (shape) box = box ? union(box, shape) : [...shape];
      }
      if (!selfClosing) depth++;
    }
    if (depth === 0 && !skipping && box) {
      elements.push({ markup: svg.slice(start, at), box });
      box = undefined;
    }
  }
}

/**
 * The box a tag paints into: null for a group (its children paint), undefined for a tag or an
 * attribute this does not read.
 */
function shapeBox(name: string, attributes: string): Box | null | undefined {
  const values = attributesOf(attributes);
  for (const key of Object.keys(values)) if (!plainAttributes.has(key)) return undefined;
  if (name === 'g') return null;
  if (name === 'rect') {
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((key) => Number(values[key] ?? 0));
    if (![x, y, w, h].every(Number.isFinite)) return undefined;
    return [x as number, y as number, (x as number) + (w as number), (y as number) + (h as number)];
  }
  if (name === 'path' && values.d !== undefined)
    return values.d.trim() === '' ? null : pathBox(values.d);
  return undefined;
}

/**
 * The box of every point in an absolute M/L/Q/C/Z path: a Bézier curve lies inside the hull of
 * its control points, so their box holds the curve.
 */
export function pathBox(d: string): Box | undefined {
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  let odd = false; // the next number is a y
  let i = 0;
  const end = d.length;
  while (i < end) {
    const c = d.charCodeAt(i);
    if (c === 32 || c === 44) {
      i++; // space, comma
    } else if (c === 77 || c === 76 || c === 81 || c === 67 || c === 90) {
      // M L Q C Z: every coordinate that follows comes in x y pairs
      if (odd) return undefined;
      i++;
    } else if (c === 45 || c === 46 || (c >= 48 && c <= 57)) {
      // A decimal number, read here: slicing and converting each one took most of the time.
      const negative = c === 45;
      let j = negative ? i + 1 : i;
      let value = 0;
      let scale = 0; // digits after the point, as a power of ten; 0 before the point
      let digits = 0;
      for (; j < end; j++) {
        const n = d.charCodeAt(j);
        if (n >= 48 && n <= 57) {
          value = value * 10 + (n - 48);
          if (scale) scale *= 10;
          digits++;
        } else if (n === 46 && !scale) {
          scale = 1;
        } else break;
      }
      if (digits === 0) return undefined;
      if (scale > 1) value /= scale;
      if (negative) value = -value;
      if (odd) {
        if (value < top) top = value;
        if (value > bottom) bottom = value;
      } else {
        if (value < left) left = value;
        if (value > right) right = value;
      }
      odd = !odd;
      i = j;
    } else {
      return undefined; // a relative command, an arc, an exponent: not what satori writes
    }
  }
  if (odd || left > right) return undefined;
  return [left, top, right, bottom];
}

function attributesOf(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [, key, value] of text.matchAll(attribute)) if (key) values[key] = value ?? '';
  return values;
}

function union(a: [number, number, number, number], b: Box): [number, number, number, number] {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
