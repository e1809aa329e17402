import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { fontFiles } from './og-fonts.js';
import { encodePng } from './og-png.js';

/**
 * One Open Graph card drawn from its text alone: satori lays the JSX out and turns the text into
 * paths (SVG), resvg paints it (1200x630 RGBA), scripts/og-png.ts encodes the PNG. What decides
 * the picture is this file, og-png.ts, the fonts (og-fonts.ts) and the two libraries; the cache
 * key hashes all of them (scripts/og-pipeline.ts).
 *
 * Runs in a worker of the pool (scripts/og-worker.ts, bundled) during a build, and in the calling
 * thread for a few cards: the dev server's one card a request asks for, a rebuild's edited ones.
 */
export interface CardText {
  /** The site's name, drawn above the title in the accent colour. */
  site: string;
  title: string;
  /** Date and reading time, or the site's host on the default card. */
  footer: string;
}

export const width = 1200;
export const height = 630;

// Read once per thread and passed as the same array every time, so satori parses them once.
const fonts = fontFiles.map(({ weight, file }) => ({
  name: 'Inter',
  weight,
  style: 'normal' as const,
  data: readFileSync(file),
}));

function card({ site, title, footer }: CardText) {
  return (
    <div
      style={{
        width,
        height,
        display: 'flex',
        flexDirection: 'column',
        background: '#fdfcfa',
        color: '#1f2328',
        fontFamily: 'Inter',
      }}
    >
      {/* The accent bar, a plain rectangle: drawn as a CSS border it cost resvg a clip and a mask. */}
      <div style={{ height: 16, flexShrink: 0, background: '#1d5fbf' }} />
      <div
        style={{
          flexGrow: 1,
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          padding: 72,
        }}
      >
        <div style={{ fontSize: 30, fontWeight: 700, color: '#1d5fbf' }}>{site}</div>
        <div
          style={{
            fontSize: title.length > 60 ? 60 : 72,
            fontWeight: 700,
            lineHeight: 1.1,
            letterSpacing: -1,
          }}
        >
          {title}
        </div>
        <div style={{ fontSize: 28, color: '#59606a' }}>{footer}</div>
      </div>
    </div>
  );
}

// satori draws text as paths, so resvg needs no fonts: not scanning the system's saves ~7 ms a card.
const resvgOptions = { font: { loadSystemFonts: false } };

/** The card as SVG text (satori's output). */
export function cardSvg(text: CardText): Promise<string> {
  return satori(card(text), { width, height, fonts });
}

/** The card as PNG bytes. */
export async function renderCard(text: CardText): Promise<Buffer> {
  const image = new Resvg(await cardSvg(text), resvgOptions).render();
  // `pixels` copies the image into a Buffer, memory V8 counts: it prompts the collections that
  // also free the rendered image's own 3 MB, which V8 does not see (scripts/og-images.ts).
  return encodePng(image.pixels, image.width, image.height);
}
