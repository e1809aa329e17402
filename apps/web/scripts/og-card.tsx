import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { encodePng } from './og-png.js';

/**
 * One Open Graph card drawn from its text alone: satori lays the JSX out and turns the text into
 * paths (SVG), resvg paints it (1200x630 RGBA), scripts/og-png.ts encodes the PNG. Everything
 * that decides the picture is in this file, og-png.ts, the two fonts and the two libraries, and
 * the cache key (`pipelineHash` in og-images.ts) hashes all of them.
 *
 * Runs in a worker of the pool (scripts/og-worker.ts) during a build and in the dev server's own
 * process for the one card a request asks for.
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

const require = createRequire(import.meta.url);
/** Inter ships in the repo's dependencies (npm's @fontsource/inter); nothing is fetched at build. */
export const fontFiles = [400, 700].map((weight) => ({
  weight: weight as 400 | 700,
  file: require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`),
}));
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
  const png = encodePng(image.pixels, image.width, image.height);
  releasePixels();
  return png;
}

/**
 * resvg keeps each rendered 1200x630 image (3 MB) in native memory that V8 does not count, so
 * nothing prompts a collection and a thousand cards held 3.4 GB. A young-generation collection
 * every few cards lets the finalisers free them; it costs about 0.1 ms a card.
 */
let collect: ((options: { type: 'minor' | 'major' }) => void) | undefined;
let sinceCollect = 0;
function releasePixels(): void {
  if (++sinceCollect < 2) return;
  sinceCollect = 0;
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc');
  }
  collect?.({ type: 'minor' });
}
