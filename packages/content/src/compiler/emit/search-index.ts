import type { SearchEntry } from '../../runtime/search.js';
import { tokenize } from '../../runtime/tokenize.js';
import type { RenderedEssay } from '../essay.js';

/** A word in a title says more about an essay than the same word deep in its body. */
const fieldWeights = { title: 8, description: 3, heading: 3, body: 1 } as const;

interface SearchFields {
  slug: string;
  title: string;
  description: string;
  date: string;
  headings: readonly { text: string }[];
  text: string;
}

/**
 * One essay's entry in the search index, serialised by the worker that renders the essay and
 * cached with it, so a rebuild joins strings instead of re-tokenising the corpus.
 */
export function searchEntry(fields: SearchFields): string {
  // A Map, not an object: hundreds of distinct words would push an object into slow dictionary mode.
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of tokenize(text)) weights.set(word, (weights.get(word) ?? 0) + weight);
  };
  add(fields.title, fieldWeights.title);
  add(fields.description, fieldWeights.description);
  for (const heading of fields.headings) add(heading.text, fieldWeights.heading);
  add(fields.text, fieldWeights.body);
  const entry: SearchEntry = [
    fields.slug,
    fields.title,
    fields.description,
    fields.date,
    Object.fromEntries(weights),
  ];
  return JSON.stringify(entry);
}

/** The index file, a `SearchIndex`: the published essays' entries, newest first. */
export function searchIndexJson(published: readonly RenderedEssay[]): string {
  return `{"version":1,"docs":[${published.map((essay) => essay.searchEntry).join(',')}]}`;
}
