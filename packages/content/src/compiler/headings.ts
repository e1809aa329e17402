import GithubSlugger from 'github-slugger';

/** One entry of an essay's outline: the table of contents reads these. */
export interface Heading {
  depth: 2 | 3 | 4;
  id: string;
  text: string;
}

/** Heading ids follow GitHub's rule, so an anchor copied from a GitHub preview still works. */
export function createHeadingIds(): (text: string) => string {
  const slugger = new GithubSlugger();
  return (text) => slugger.slug(text);
}

export function isOutlineDepth(depth: number): depth is Heading['depth'] {
  return depth === 2 || depth === 3 || depth === 4;
}
