import { describe, expect, it } from 'vitest';
import { tokenize } from '../../runtime/tokenize.js';
import { searchEntry, wordsJson } from './search-index.js';

describe('the search entry of an essay', () => {
  it('writes the words as JSON.stringify writes the same object, numbers first', () => {
    const words = tokenize(
      'Deploy 2024 then 10 and 007, 4294967295 and 4294967294; Résumé naïve 中文字 ٣٤ 10 again 2024',
    );
    const weights = new Map<string, number>();
    for (const word of words) weights.set(word, (weights.get(word) ?? 0) + 3);
    expect(wordsJson(weights)).toBe(JSON.stringify(Object.fromEntries(weights)));
    expect(wordsJson(new Map())).toBe('{}');
    expect(wordsJson(new Map([['12', 1]]))).toBe('{"12":1}');
  });

  it('is the slug, title, description, date and word weights as one JSON array', () => {
    const entry = searchEntry({
      slug: 'a-quote',
      title: 'A "quoted" title, 2024',
      description: 'Line\nbreak and a backslash \\',
      date: '2024-01-02',
      headings: [{ text: 'Leases and 2024' }],
      text: 'Leases renew; the lease 2024 expires.',
    });
    expect(JSON.parse(entry)).toEqual([
      'a-quote',
      'A "quoted" title, 2024',
      'Line\nbreak and a backslash \\',
      '2024-01-02',
      {
        '2024': 12,
        quoted: 8,
        title: 8,
        line: 3,
        break: 3,
        backslash: 3,
        leases: 4,
        renew: 1,
        lease: 1,
        expires: 1,
      },
    ]);
    expect(entry).toBe(JSON.stringify(JSON.parse(entry)));
  });
});
