import type { Slug } from '@working-notes/content';

/**
 * The essays the home page leads with: the long-form flagships, in the order a new reader should
 * meet them. Typed as slugs, so a renamed essay fails the type check instead of vanishing.
 */
export const featuredSlugs = [
  'status-is-a-distributed-system',
  'you-are-already-writing-a-durable-execution-engine',
  'the-harness-is-the-hard-part',
  'evidence-before-certainty',
] as const satisfies readonly Slug[];
