import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type PostMeta, site } from '@working-notes/content';
import { webRoot } from './paths.js';

const require = createRequire(import.meta.url);
// Inter ships in the repo's dependencies (npm's @fontsource/inter); nothing is fetched at build.
const fonts = [400, 700].map((weight) => ({
  name: 'Inter',
  weight: weight as 400 | 700,
  style: 'normal' as const,
  data: readFileSync(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`)),
}));

const cacheDir = join(webRoot, 'node_modules', '.cache', 'og-images');

function card(title: string, footer: string) {
  return (
    <div
      style={{
        width: 1200,
        height: 630,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 72,
        background: '#fdfcfa',
        color: '#1f2328',
        fontFamily: 'Inter',
        borderTop: '16px solid #1d5fbf',
      }}
    >
      <div style={{ fontSize: 30, fontWeight: 700, color: '#1d5fbf' }}>{site.title}</div>
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
  );
}

/** One link-preview card: its URL path and its text. */
export interface OgCard {
  path: string;
  title: string;
  footer: string;
}

/** The site's default card, then one per essay. */
export function ogCards(posts: readonly PostMeta[]): OgCard[] {
  return [
    {
      path: '/og/default.png',
      title: site.description.split(',')[0] ?? site.title,
      footer: new URL(site.url).host,
    },
    ...posts.map((post) => ({
      path: `/og/${post.slug}.png`,
      title: post.title,
      footer: `${post.date} · ${post.readingTime} min read`,
    })),
  ];
}

/**
 * A 1200x630 PNG for link previews. Cached by the card's text, so a rebuild re-renders only the
 * cards whose title or date changed (satori and resvg take ~100 ms a card).
 */
export async function renderOgCard({ title, footer }: OgCard): Promise<Buffer> {
  const key = createHash('sha1').update(`v1|${title}|${footer}`).digest('hex');
  const cached = join(cacheDir, `${key}.png`);
  if (!existsSync(cached)) {
    // Loaded on the first card to draw: together they take most of a second to import, which
    // every build would pay, and every page worker, though the cards are usually cached.
    const [{ default: satori }, { Resvg }] = await Promise.all([
      import('satori'),
      import('@resvg/resvg-js'),
    ]);
    const svg = await satori(card(title, footer), { width: 1200, height: 630, fonts });
    mkdirSync(cacheDir, { recursive: true });
    // Written beside and renamed, so a build killed mid-write never leaves half a card cached.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, new Resvg(svg).render().asPng());
    renameSync(partial, cached);
  }
  return readFileSync(cached);
}
