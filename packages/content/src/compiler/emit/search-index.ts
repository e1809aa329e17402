import type { SearchDoc } from '../../runtime/search.js';
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
  const head: SearchDoc = [fields.slug, fields.title, fields.description, fields.date];
  return `${JSON.stringify(head).slice(0, -1)},${wordsJson(weights)}]`;
}

/**
 * `JSON.stringify(Object.fromEntries(weights))`, the entry's last field, without building the
 * object: with hundreds of keys it is a dictionary, slow to fill and to serialise. An object lists
 * keys that are array indices ("2024") first, in numeric order, then the rest in insertion order;
 * this keeps that order, so the bytes are the same. Words are letters and digits only (see
 * `tokenize`), which JSON writes as they are.
 */
export function wordsJson(weights: ReadonlyMap<string, number>): string {
  const indices: string[] = [];
  let rest = '';
  for (const [word, weight] of weights) {
    if (isArrayIndex(word)) indices.push(word);
    else rest += `,"${word}":${weight}`;
  }
  if (indices.length === 0) return `{${rest.slice(1)}}`;
  indices.sort((a, b) => Number(a) - Number(b));
  const first = indices.map((word) => `"${word}":${weights.get(word)}`).join(',');
  return `{${first}${rest}}`;
}

/** Whether an object would treat `key` as an array index: digits, no leading zero, below 2^32 - 1. */
function isArrayIndex(key: string): boolean {
  const code = key.charCodeAt(0);
  if (code < 0x30 || code > 0x39) return false;
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}

/** The index file, a `SearchIndex`: the published essays' entries, newest first. */
export function searchIndexJson(published: readonly RenderedEssay[]): string {
  return `{"version":1,"docs":[${published.map((essay) => essay.searchEntry).join(',')}]}`;
}
