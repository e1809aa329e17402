import { describe, expect, it } from 'vitest';
import { cardSvg } from './og-card.js';
import { paintedElements, pathBox } from './og-svg.js';

const svg = (body: string) =>
  `<svg width="100" height="50" viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg">${body}</svg>`;

describe("reading satori's SVG", () => {
  it('a path box holds every point of the path, control points included', () => {
    expect(pathBox('M10 20L30.5 20Q40 -5 50 20C60 21 61.25 44 12 40Z')).toEqual([
      10, -5, 61.25, 44,
    ]);
    expect(pathBox('M1 2L3')).toBeUndefined(); // an x without its y
    expect(pathBox('m1 2l3 4')).toBeUndefined(); // relative commands are not read
  });

  it('reads rectangles and grouped paths, and skips the masks nothing refers to', () => {
    const parsed = paintedElements(
      svg(
        '<mask id="m"><rect x="0" y="0" width="100" height="50" fill="#fff"/></mask>' +
          '<rect x="0" y="0" width="100" height="16" fill="#1d5fbf"/>' +
          '<g><path fill="#1f2328" d="M10 20L30 20L30 40Z"/></g>',
      ),
    );
    expect(parsed?.elements.map(({ box }) => box)).toEqual([
      [0, 0, 100, 16],
      [10, 20, 30, 40],
    ]);
    expect(parsed?.elements[1]?.markup).toBe(
      '<g><path fill="#1f2328" d="M10 20L30 20L30 40Z"/></g>',
    );
  });

  it('answers undefined for what could paint outside its shape, so the card is painted whole', () => {
    for (const body of [
      '<g mask="url(#m)"><path d="M0 0L1 1Z"/></g>', // a reference
      '<path transform="rotate(45)" d="M0 0L1 1Z"/>',
      '<path stroke="#000" d="M0 0L1 1Z"/>',
      '<image href="a.png" x="0" y="0" width="10" height="10"/>',
      '<text x="0" y="10">words</text>',
    ])
      expect(paintedElements(svg(body)), body).toBeUndefined();
  });

  it("reads the card's own SVG: the background, the bar and one path per text", async () => {
    const parsed = paintedElements(
      await cardSvg({ site: 'Working Notes', title: 'Leases', footer: '2026-03-14 · 7 min read' }),
    );
    expect(parsed?.elements).toHaveLength(5);
    const [background, bar, site, title, footer] = parsed?.elements.map(({ box }) => box) ?? [];
    expect(background).toEqual([0, 0, 1200, 630]);
    expect(bar).toEqual([0, 0, 1200, 16]);
    // Top to bottom, inside the 72-pixel padding.
    for (const box of [site, title, footer]) {
      expect(box?.[0]).toBeGreaterThanOrEqual(72);
      expect(box?.[2]).toBeLessThanOrEqual(1128);
    }
    expect(site?.[3]).toBeLessThan(title?.[1] ?? 0);
    expect(title?.[3]).toBeLessThan(footer?.[1] ?? 0);
  });
});
