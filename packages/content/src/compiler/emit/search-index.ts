import type { SearchIndex } from '../../runtime/search.js';
import { tokenize } from '../../runtime/tokenize.js';
import type { RenderedEssay } from '../render-essay.js';

/** A word in a title says more about an essay than the same word deep in its body. */
const fieldWeights = { title: 8, description: 3, heading: 3, body: 1 } as const;

/** One essay's weighted words; computed in the worker that renders it and cached with it. */
export function termWeights(fields: {
  title: string;
  description: string;
  headings: readonly { text: string }[];
  text: string;
}): [string, number][] {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of tokenize(text)) weights.set(word, (weights.get(word) ?? 0) + weight);
  };
  add(fields.title, fieldWeights.title);
  add(fields.description, fieldWeights.description);
  for (const heading of fields.headings) add(heading.text, fieldWeights.heading);
  add(fields.text, fieldWeights.body);
  return [...weights];
}

export function buildSearchIndex(published: readonly RenderedEssay[]): SearchIndex {
  const terms: Record<string, number[]> = {};
  published.forEach((essay, doc) => {
    for (const [word, weight] of essay.terms) {
      let postings = terms[word];
      if (!postings) {
        postings = [];
        terms[word] = postings;
      }
      postings.push(doc, weight);
    }
  });
  return {
    version: 1,
    docs: published.map((essay) => [
      essay.slug,
      essay.frontmatter.title,
      essay.frontmatter.description,
      essay.frontmatter.date,
    ]),
    terms,
  };
}
