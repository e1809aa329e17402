import type { PostMeta } from '@working-notes/content';

/** A series: essays sharing a `series` name, oldest first, as readers take them in. */
export interface Series {
  name: string;
  /** The URL segment, such as `building-guara-cloud`. */
  slug: string;
  path: string;
  parts: readonly PostMeta[];
}

export function seriesSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every series in a newest-first list, newest series first, its parts oldest first. */
export function allSeries(posts: readonly PostMeta[]): Series[] {
  const byName = new Map<string, PostMeta[]>();
  for (const post of posts) {
    if (post.series === undefined) continue;
    byName.set(post.series, [post, ...(byName.get(post.series) ?? [])]);
  }
  return [...byName].map(([name, parts]) => {
    const slug = seriesSlug(name);
    return { name, slug, path: `/series/${slug}/`, parts };
  });
}

/** Where an essay sits in its series: the series, and its 1-based place in it. */
export function placeInSeries(
  series: readonly Series[],
  slug: string,
): { series: Series; part: number } | undefined {
  for (const entry of series) {
    const index = entry.parts.findIndex((part) => part.slug === slug);
    if (index !== -1) return { series: entry, part: index + 1 };
  }
  return undefined;
}
