import { describe, expect, it } from 'vitest';
import { defaultSource, readOptions } from './options.js';

const read = (attributes: Record<string, string>) => {
  const warnings: string[] = [];
  const options = readOptions(
    (name) => attributes[name] ?? null,
    (message) => warnings.push(message),
  );
  return { options, warnings };
};

describe('reading attributes', () => {
  it('uses defaults when nothing is set, without a warning', () => {
    expect(read({})).toEqual({
      options: {
        count: 5,
        tag: undefined,
        source: defaultSource,
        offline: false,
        headingLevel: 2,
        label: 'Latest essays',
        theme: 'auto',
        timeout: 8000,
      },
      warnings: [],
    });
  });

  it('clamps numbers to their range and says so once, naming every problem', () => {
    const { options, warnings } = read({
      count: '99',
      'heading-level': '1',
      theme: 'neon',
      tag: 'Not A Tag',
    });
    expect(options).toMatchObject({ count: 20, headingLevel: 2, theme: 'auto', tag: undefined });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('count="99" is outside 1-20; using 20');
    expect(warnings[0]).toContain('theme="neon" is not one of auto, light, dark');
    expect(warnings[0]).toContain('tag="Not A Tag"');
  });

  it('rejects a non-http source and keeps the default', () => {
    const { options, warnings } = read({ src: 'javascript:alert(1)' });
    expect(options.source).toBe(defaultSource);
    expect(warnings[0]).toContain('is not an http(s) URL');
  });

  it('accepts static mode, a tag, a label and a heading level', () => {
    expect(
      read({ static: '', tag: 'kubernetes', label: '  From the blog ', 'heading-level': '4' })
        .options,
    ).toMatchObject({
      offline: true,
      tag: 'kubernetes',
      label: 'From the blog',
      headingLevel: 4,
    });
  });
});
