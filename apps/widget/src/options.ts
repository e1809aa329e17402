/**
 * The one table of the element's attributes. The element reads its attributes through it, and the
 * build generates from it the `.d.ts` for DOM, React and Solid hosts, the Custom Elements Manifest
 * and the README's options table (scripts/api.ts), so a fact about an option is written once.
 *
 * Descriptions exist only for those generators: the bundle is built with `__DOCS__` false, so the
 * minifier folds each `__DOCS__ ? '…' : ''` to an empty string and no prose reaches the script.
 */
declare const __DOCS__: boolean;

/** Where the widget reads essays unless `src` says otherwise. */
export const defaultSource = 'https://workingnotes.dev/widget/latest.json';

interface Common {
  /** The attribute, as written in markup. */
  name: string;
  description: string;
}
export type Option =
  | (Common & { kind: 'integer'; default: number; min: number; max: number })
  | (Common & { kind: 'enum'; default: string; values: readonly string[] })
  | (Common & { kind: 'tag' | 'text' | 'url'; default: string; max?: number })
  | (Common & { kind: 'boolean'; default: false });

export const optionTable = {
  count: {
    name: 'count',
    kind: 'integer',
    default: 5,
    min: 1,
    max: 20,
    description: __DOCS__ ? 'How many essays to show.' : '',
  },
  tag: {
    name: 'tag',
    kind: 'tag',
    default: '',
    description: __DOCS__
      ? 'Only essays with this tag, such as `kubernetes`; empty shows all.'
      : '',
  },
  headingLevel: {
    name: 'heading-level',
    kind: 'integer',
    default: 2,
    min: 2,
    max: 6,
    description: __DOCS__ ? 'The heading level, so the list fits your outline.' : '',
  },
  label: {
    name: 'label',
    kind: 'text',
    default: 'Latest essays',
    max: 80,
    description: __DOCS__ ? 'The heading text.' : '',
  },
  theme: {
    name: 'theme',
    kind: 'enum',
    default: 'auto',
    values: ['auto', 'light', 'dark'],
    description: __DOCS__
      ? '`auto` inherits your colours; `light` and `dark` use the site’s own.'
      : '',
  },
  offline: {
    name: 'static',
    kind: 'boolean',
    default: false,
    description: __DOCS__
      ? 'Show the essays already inside the element, styled, with no request.'
      : '',
  },
  source: {
    name: 'src',
    kind: 'url',
    default: defaultSource,
    description: __DOCS__ ? 'The data URL; only links on its origin are shown.' : '',
  },
  timeout: {
    name: 'timeout',
    kind: 'integer',
    default: 8000,
    min: 1000,
    max: 30000,
    description: __DOCS__ ? 'Milliseconds before the request is abandoned.' : '',
  },
} as const satisfies Record<string, Option>;

type Table = typeof optionTable;
type Value<O> = O extends { kind: 'integer'; min: infer Min; max: infer Max }
  ? Min extends 2
    ? Max extends 6
      ? 2 | 3 | 4 | 5 | 6
      : number
    : number
  : O extends { kind: 'enum'; values: readonly (infer V)[] }
    ? V
    : O extends { kind: 'boolean' }
      ? boolean
      : O extends { kind: 'tag' }
        ? string | undefined
        : string;

/** The options an element runs with, one per row of the table. */
export type Options = { -readonly [K in keyof Table]: Value<Table[K]> };

type Read = (name: string) => string | null;

const tagPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Reads the element's attributes through the table. A bad value never throws: a number outside
 * its range is clamped to the nearest end, any other bad value falls back to the default, and the
 * element logs one warning naming each attribute, its value and what it used instead.
 */
export function readOptions(read: Read, warn: (message: string) => void): Options {
  const problems: string[] = [];
  const options: Record<string, unknown> = {};
  for (const [key, option] of Object.entries(optionTable) as [string, Option][]) {
    const raw = read(option.name);
    let value: unknown = option.default;
    const bad = (why: string, used: unknown = option.default) => {
      problems.push(`${option.name}="${raw}" ${why}; using ${used}`);
      return used;
    };
    if (option.kind === 'boolean') value = raw !== null;
    else if (raw !== null)
      switch (option.kind) {
        case 'integer': {
          const number = Number(raw);
          if (!Number.isInteger(number) || raw.trim() === '') value = bad('is not a whole number');
          else if (number < option.min || number > option.max)
            value = bad(
              `is outside ${option.min}-${option.max}`,
              Math.min(option.max, Math.max(option.min, number)),
            );
          else value = number;
          break;
        }
        case 'enum':
          value = option.values.includes(raw)
            ? raw
            : bad(`is not one of ${option.values.join(', ')}`);
          break;
        case 'tag':
          if (raw === '') value = undefined;
          else if (tagPattern.test(raw)) value = raw;
          else {
            problems.push(
              `${option.name}="${raw}" is not a tag name (lowercase words joined by hyphens); showing every tag`,
            );
            value = undefined;
          }
          break;
        case 'text':
          value = raw.trim().slice(0, option.max) || option.default;
          break;
        case 'url':
          try {
            const url = new URL(raw, globalThis.location?.href);
            if (url.protocol !== 'https:' && url.protocol !== 'http:') throw 0;
            value = url.href;
          } catch {
            value = bad('is not an http(s) URL');
          }
      }
    else if (option.kind === 'tag') value = undefined;
    options[key] = value;
  }
  if (problems.length > 0) warn(`<latest-essays>: ${problems.join('; ')}.`);
  return options as Options;
}
