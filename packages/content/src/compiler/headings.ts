import GithubSlugger from 'github-slugger';
import type { Heading } from './essay.js';

/** Heading ids follow GitHub's rule, so an anchor copied from a GitHub preview still works. */
export function createHeadingIds(): (text: string) => string {
  const slugger = new GithubSlugger();
  return (text) => slugger.slug(text);
}

export function isOutlineDepth(depth: number): depth is Heading['depth'] {
  return depth === 2 || depth === 3 || depth === 4;
}
