import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileFixture } from '../../test/helpers.js';
import { type SearchIndex, search } from './search.js';

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
