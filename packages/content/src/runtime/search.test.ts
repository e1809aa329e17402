import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFixture } from '../../test/helpers.js';
import { type SearchIndex, search, snippet } from './search.js';

let index: SearchIndex;
beforeAll(async () => {
  index = JSON.parse(readFileSync(join(await compileFixture('good'), 'search-index.json'), 'utf8'));
});

describe('search', () => {
  it('finds a word that appears only in an essay body', () => {
    expect(search(index, 'zeppelin').map((result) => result.slug)).toEqual(['first-essay']);
  });

  it('matches prefixes, so results appear while typing', () => {
    expect(search(index, 'zepp').map((result) => result.slug)).toEqual(['first-essay']);
  });

  it('requires every word to match', () => {
    expect(search(index, 'budgets').map((result) => result.slug)).toEqual(['second-essay']);
    expect(search(index, 'budgets zeppelin')).toEqual([]);
  });

  it('ranks a title match above a body mention', () => {
    expect(search(index, 'fixture essay').map((result) => result.slug)[0]).toBe('first-essay');
    expect(search(index, 'second').map((result) => result.slug)[0]).toBe('second-essay');
  });

  it('ignores case and accents, and never returns drafts', () => {
    expect(search(index, 'ZÉPPELIN')).toHaveLength(1);
    expect(search(index, 'quokka')).toEqual([]);
    expect(search(index, '   ')).toEqual([]);
  });
});

describe('search as readers type', () => {
  // A hand-made index, so each rule is checked on exactly the words it is about.
  const typed: SearchIndex = {
    version: 1,
    docs: [
      ['retries', 'Retries', 'On retrying safely.', '2026-01-02', { idempotency: 4, retry: 2 }],
      ['clusters', 'Clusters', 'On clusters.', '2026-01-01', { kubernetes: 3, nodes: 1, api: 1 }],
    ],
  };

  it('finds a word through its stem: idempotent finds idempotency', () => {
    expect(search(typed, 'idempotent').map((result) => result.slug)).toEqual(['retries']);
  });

  it('forgives a typo: kubernets and idempotncy still find their essays', () => {
    expect(search(typed, 'kubernets').map((result) => result.slug)).toEqual(['clusters']);
    expect(search(typed, 'idempotncy').map((result) => result.slug)).toEqual(['retries']);
  });

  it('does not stretch short words: a three-letter miss matches nothing', () => {
    expect(search(typed, 'apu')).toEqual([]);
    expect(search(typed, 'api').map((result) => result.slug)).toEqual(['clusters']);
  });

  it('ranks the exact word above a typo of another', () => {
    const index: SearchIndex = {
      version: 1,
      docs: [
        ['near', 'Near', '', '2026-01-02', { token: 1 }],
        ['exact', 'Exact', '', '2026-01-01', { tokens: 1 }],
      ],
    };
    expect(search(index, 'tokens')[0]?.slug).toBe('exact');
  });

  it('names the indexed words each result matched', () => {
    expect(search(typed, 'idempotent retries')[0]?.terms.sort()).toEqual(['idempotency', 'retry']);
  });
});

describe('snippet', () => {
  const text =
    'Queues are easy to start with. Much later, a worker crashes after charging a card, and the retry charges it again. An idempotency key stops the second charge, because the provider remembers the key and returns the first answer.';

  it('picks the passage where the matched words sit together and marks them', () => {
    const found = snippet(text, ['idempotency', 'key'], 90);
    expect(found?.text).toContain('idempotency key');
    const marked = found?.marks.map(([start, end]) => found.text.slice(start, end));
    expect(marked?.[0]).toBe('idempotency');
    expect(new Set(marked)).toEqual(new Set(['idempotency', 'key']));
  });

  it('cuts at word boundaries and says where it cut', () => {
    const found = snippet(text, ['provider'], 60);
    expect(found?.text.startsWith('…')).toBe(true);
    expect(found?.text).toMatch(/^…\S/);
    expect(found?.text.endsWith('…') || found?.text.endsWith('answer.')).toBe(true);
  });

  it('returns nothing when no word matches', () => {
    expect(snippet(text, ['zeppelin'])).toBeUndefined();
  });
});
