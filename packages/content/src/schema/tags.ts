/**
 * Every tag an essay may carry. The list is closed on purpose: a typo in frontmatter fails the
 * build instead of quietly creating a tag page with one essay on it.
 */
export const tags = [
  'agents',
  'ai',
  'algorithms',
  'apis',
  'architecture',
  'billing',
  'blockchain',
  'career',
  'clean-code',
  'concurrency',
  'databases',
  'distributed-systems',
  'domain-modeling',
  'engineering',
  'guara-cloud',
  'homelab',
  'incidents',
  'infrastructure',
  'javascript',
  'kubernetes',
  'microservices',
  'nodejs',
  'performance',
  'personal',
  'platform',
  'product',
  'productivity',
  'python',
  'queues',
  'reliability',
  'saas',
  'scalability',
  'search',
  'security',
  'storage',
  'tooling',
  'typescript',
] as const;

/** A tag from the closed list, for example `'kubernetes'`. */
export type Tag = (typeof tags)[number];

const tagSet: ReadonlySet<string> = new Set(tags);

/** True when `value` is one of the known tags. */
export function isTag(value: string): value is Tag {
  return tagSet.has(value);
}
