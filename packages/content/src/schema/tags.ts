/**
 * Every tag an essay may carry. The list is closed on purpose: a typo in frontmatter fails the
 * build instead of quietly creating a tag page with one essay on it, and every tag
 * on it is carried by at least three essays (a test holds that), so no tag page is a dead end.
 */
export const tags = [
  'ai',
  'algorithms',
  'apis',
  'architecture',
  'clean-code',
  'databases',
  'distributed-systems',
  'engineering',
  'homelab',
  'infrastructure',
  'kubernetes',
  'nodejs',
  'performance',
  'personal',
  'platform',
  'product',
  'reliability',
  'saas',
  'typescript',
] as const;

/** A tag from the closed list, for example `'kubernetes'`. */
export type Tag = (typeof tags)[number];

const tagSet: ReadonlySet<string> = new Set(tags);

/** True when `value` is one of the known tags. */
export function isTag(value: string): value is Tag {
  return tagSet.has(value);
}
