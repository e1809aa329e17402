/** Where the widget reads essays unless `src` says otherwise. */
export const defaultSource = 'https://workingnotes.dev/widget/latest.json';

export interface Options {
  count: number;
  tag: string | undefined;
  /** The JSON URL; its origin is the only one links may point to. */
  source: string;
  /** `static`: show the essays already inside the element and make no request at all. */
  offline: boolean;
  headingLevel: 2 | 3 | 4 | 5 | 6;
  label: string;
  theme: 'auto' | 'light' | 'dark';
  timeout: number;
}

type Read = (name: string) => string | null;

/**
 * Reads the element's attributes. A bad value never throws: it falls back to the default, and the
 * element logs one warning naming the attribute, the value and what it used instead.
 */
export function readOptions(read: Read, warn: (message: string) => void): Options {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value)) {
      problems.push(`${name}="${raw}" is not a whole number; using ${fallback}`);
      return fallback;
    }
    if (value < min || value > max) {
      const clamped = Math.min(max, Math.max(min, value));
      problems.push(`${name}="${raw}" is outside ${min}-${max}; using ${clamped}`);
      return clamped;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = read(name);
    if (raw === null) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}="${raw}" is not one of ${allowed.join(', ')}; using ${fallback}`);
    return fallback;
  };

  const rawTag = read('tag');
  let tag: string | undefined;
  if (rawTag !== null && rawTag !== '') {
    if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(rawTag)) tag = rawTag;
    else
      problems.push(
        `tag="${rawTag}" is not a tag name (lowercase words joined by hyphens); showing every tag`,
      );
  }

  let source: string = defaultSource;
  const rawSource = read('src');
  if (rawSource !== null) {
    try {
      const url = new URL(rawSource, globalThis.location?.href);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
      source = url.href;
    } catch {
      problems.push(`src="${rawSource}" is not an http(s) URL; using ${defaultSource}`);
    }
  }

  const level = integer('heading-level', 2, 2, 6) as Options['headingLevel'];
  const label = (read('label') ?? '').trim() || 'Latest essays';
  const options: Options = {
    count: integer('count', 5, 1, 20),
    tag,
    source,
    offline: read('static') !== null,
    headingLevel: level,
    label: label.slice(0, 80),
    theme: oneOf('theme', ['auto', 'light', 'dark'] as const, 'auto'),
    timeout: integer('timeout', 8000, 1000, 30000),
  };
  if (problems.length > 0) warn(`<latest-essays>: ${problems.join('; ')}.`);
  return options;
}
