import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { imageSize } from 'image-size';
import { essayPath } from '../site.js';
import { escapeHtml } from './html.js';
import { diagramHtml } from './markup.js';

export type ImageResult =
  | { ok: true; html: string; asset: string }
  | { ok: false; expected: string; found: string };

const raster = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif']);

/**
 * Turns `![alt](./file "caption")` into markup. SVG diagrams are inlined so they inherit the
 * page's colours and follow the theme toggle; raster images get their intrinsic width and height
 * so the page reserves their space before they load. An image alone in its paragraph becomes a
 * figure, and its title, when it has one, the figure's visible caption.
 */
export function renderImage(
  essayDir: string,
  slug: string,
  src: string,
  alt: string,
  alone: boolean,
  caption?: string,
): ImageResult {
  if (/^[a-z]+:/i.test(src) || src.startsWith('/')) {
    return {
      ok: false,
      expected: 'an image stored beside index.md, linked relatively (./diagram.svg)',
      found: src,
    };
  }
  const asset = normalize(src).replace(/^(\.\/)+/, '');
  if (asset.startsWith('..'))
    return { ok: false, expected: 'an image inside the essay folder', found: src };
  if (!alt.trim())
    return { ok: false, expected: 'alt text that describes the image', found: 'empty alt text' };
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(essayDir, asset));
  } catch {
    return {
      ok: false,
      expected: `an image file at ${join(essayDir, asset)}`,
      found: 'no such file',
    };
  }
  const url = `${essayPath(slug)}${asset}`;
  const extension = extname(asset).toLowerCase();
  let html: string;
  if (extension === '.svg') {
    const svg = inlineSvg(
      bytes.toString('utf8'),
      url,
      alt,
      `${slug}-${asset.replace(/\W+/g, '-')}`,
    );
    if (!svg.ok) return svg;
    html = svg.html;
  } else if (raster.has(extension)) {
    const size = safeSize(bytes);
    if (!size)
      return { ok: false, expected: 'a readable image', found: `${asset} could not be measured` };
    html = `<img src="${escapeHtml(url)}" alt="${escapeHtml(alt)}" width="${size.width}" height="${size.height}" loading="lazy" decoding="async">`;
  } else {
    return { ok: false, expected: 'an .svg, .png, .jpg, .gif, .webp or .avif image', found: asset };
  }
  if (!alone) return { ok: true, html, asset };
  const figcaption = caption?.trim()
    ? `<figcaption>${escapeHtml(caption.trim())}</figcaption>`
    : '';
  return { ok: true, html: `<figure>${html}${figcaption}</figure>`, asset };
}

function safeSize(bytes: Buffer): { width: number; height: number } | undefined {
  try {
    const { width, height } = imageSize(bytes);
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

type SvgResult = { ok: true; html: string } | { ok: false; expected: string; found: string };

function inlineSvg(source: string, url: string, alt: string, idPrefix: string): SvgResult {
  const svg = source
    .replace(/<\?xml[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[\s\S]*?>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  const unsafe = /<script|<foreignObject|\son[a-z]+\s*=|(?:href|src)\s*=\s*["'](?!#)/i.exec(svg);
  if (unsafe)
    return {
      ok: false,
      expected: 'an SVG without scripts, event handlers or external references',
      found: unsafe[0].trim(),
    };
  // Inlined SVG falls under the page's CSP (style-src 'self'), which drops inline styles, so a
  // diagram coloured that way would render black in production and correctly nowhere else.
  const styled = /<style\b|\sstyle\s*=\s*["'][^"']*["']?/i.exec(svg);
  if (styled)
    return {
      ok: false,
      expected: 'an SVG coloured with presentation attributes (fill, stroke), not style',
      found: styled[0].trim(),
    };
  const open = /^<svg\b([^>]*)>/i.exec(svg);
  if (!open)
    return { ok: false, expected: 'an SVG document starting with <svg>', found: svg.slice(0, 40) };
  const attributes = open[1] ?? '';
  if (!/\bviewBox\s*=/.test(attributes))
    return { ok: false, expected: 'an SVG with a viewBox', found: `<svg${attributes}>` };
  // Ids are page-global once inlined; prefix them so two diagrams on a page cannot collide.
  const ids = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? ''));
  let body = svg.slice(open[0].length);
  for (const id of ids) {
    const safe = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    body = body
      .replace(new RegExp(`\\sid="${safe}"`, 'g'), ` id="${idPrefix}-${id}"`)
      .replace(new RegExp(`url\\(#${safe}\\)`, 'g'), `url(#${idPrefix}-${id})`)
      .replace(new RegExp(`href="#${safe}"`, 'g'), `href="#${idPrefix}-${id}"`);
  }
  const kept = attributes
    .replace(/\s(?:xmlns(?::\w+)?|role|aria-label|aria-labelledby|version|id)\s*=\s*"[^"]*"/g, '')
    .trim();
  const html = diagramHtml(url, alt, kept, body.replace(/>\s+</g, '><'));
  return { ok: true, html };
}
