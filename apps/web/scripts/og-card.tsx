import { readFileSync } from 'node:fs';
import satori from 'satori';
import { fontFiles } from './og-fonts.js';

/**
 * The Open Graph card's template, drawn from its text alone: satori lays the JSX out and turns the
 * text into paths (SVG); scripts/og-render.ts paints it with resvg and scripts/og-png.ts encodes
 * the PNG. What decides the picture is these files, og-svg.ts, the fonts (og-fonts.ts) and the
 * libraries; the cache key hashes all of them (scripts/og-pipeline.ts).
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
        {/* A fixed height (satori's own for one line of it), so the title's place does not depend
            on this text, which each card is laid out without (ownText below). */}
        <div style={{ height: 36, fontSize: 30, fontWeight: 700, color: '#1d5fbf' }}>{site}</div>
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

/** The card as SVG text (satori's output). */
export function cardSvg(text: CardText): Promise<string> {
  return satori(card(text), { width, height, fonts });
}

/**
 * What every card of a site shares: the card with the text that changes from card to card left
 * out. scripts/og-render.ts paints it once and, per card, only what this leaves out. A part added
 * to the template that varies by card is to be blanked here too, else each card is painted
 * whole (correct, and slower).
 */
export function backgroundText({ site }: CardText): CardText {
  return { site, title: '', footer: '' };
}

/**
 * The text a card is laid out with: its own, without what `backgroundText` keeps, which satori
 * would otherwise turn into the same paths for every card (a fifth of its work on a short title).
 * What is left out must not move what stays: hence the site line's fixed height.
 */
export function ownText({ title, footer }: CardText): CardText {
  return { site: '', title, footer };
}
