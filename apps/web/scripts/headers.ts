import type { Output } from './outputs.js';

/** Compiles a `_headers` pattern: `*` matches anything, `:name` one path segment. */
export function patternRegExp(pattern: string): RegExp {
  const source = pattern
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/:\w+/g, '[^/]+');
  return new RegExp(`^${source}$`);
}

/**
 * The response headers, written once into `_headers` (read by Netlify and Cloudflare Pages) and
 * applied by `pnpm preview` and `pnpm dev`, so the tests and the writer see what production sends.
 * The security headers go on every path (`/*`); each output of the table (scripts/outputs.ts) adds
 * its Content-Type, Cache-Control and any header of its own under its pattern. No header name is
 * set by two rules that match the same path, because hosts differ in how they merge duplicates.
 */

export interface PolicyOptions {
  /** SHA-256 sources of the inline scripts (the theme setter and the speculation rules). */
  scriptHashes: readonly string[];
  /** In dev only: the nonce Vite's client puts on the styles of its error overlay. */
  styleNonce?: string;
}

/**
 * The Content-Security-Policy: nothing runs, loads or frames that is not ours. `forMeta` leaves
 * out what a `<meta>` tag cannot carry (`frame-ancestors`; browsers ignore it there and warn).
 */
export function contentSecurityPolicy(
  { scriptHashes, styleNonce }: PolicyOptions,
  forMeta = false,
): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`,
    `style-src 'self'${styleNonce ? ` 'nonce-${styleNonce}'` : ''}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // No HTML string may become DOM or script, and no script may make a policy to allow one.
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
    'upgrade-insecure-requests',
  ]
    .filter((directive) => !(forMeta && directive.startsWith('frame-ancestors')))
    .join('; ');
}

/** What every response carries, whatever its path. */
export function securityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  };
}

/** The headers an output's own rule sets. */
export function outputHeaders(output: Output): Record<string, string> {
  return {
    ...(typeof output.type === 'string' && { 'Content-Type': output.type }),
    'Cache-Control': output.cache,
    ...output.headers,
  };
}

export type Rule = [pattern: string, headers: Record<string, string>];

/** The rules, in file order: the security headers, then one rule per output. */
export function headerRules(outputs: readonly Output[], options: PolicyOptions): Rule[] {
  const rules: Rule[] = [['/*', securityHeaders(options)]];
  const seen = new Map<string, string>();
  for (const output of outputs) {
    const earlier = seen.get(output.pattern);
    if (earlier)
      throw new Error(`"${output.name}" and "${earlier}" share the pattern ${output.pattern}`);
    seen.set(output.pattern, output.name);
    const own = outputHeaders(output);
    // A pattern inside an earlier rule's (tried as a path: `/essays/:slug/index.md` is one of
    // `/essays/:slug/:file`) already gets that rule's headers: a header is not set twice, and
    // must not be set to something else.
    for (const [pattern, headers] of rules) {
      if (output.pattern.includes('*') || !patternRegExp(pattern).test(output.pattern)) continue;
      for (const [name, value] of Object.entries(headers)) {
        if (!(name in own)) continue;
        if (own[name] !== value)
          throw new Error(
            `"${output.name}" (${output.pattern}) wants ${name}: ${own[name]}, but ${pattern} gives it ${value}`,
          );
        delete own[name];
      }
    }
    rules.push([output.pattern, own]);
  }
  return rules;
}

export function headersFile(rules: readonly Rule[]): string {
  return `${rules.map(([path, headers]) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n')).join('\n')}\n`;
}

export interface ParsedRule {
  pattern: RegExp;
  source: string;
  headers: [string, string][];
}

/** Parses `_headers` into rules, in file order. */
export function parseHeaders(text: string): ParsedRule[] {
  const rules: ParsedRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: patternRegExp(line.trim()), source: line.trim(), headers: [] });
    } else {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      rules.at(-1)?.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/** The headers for `path`: every matching rule applies, in file order. */
export function headersFor(rules: readonly ParsedRule[], path: string): Map<string, string> {
  return merged(rules.filter((rule) => rule.pattern.test(path)));
}

/** The headers of rules that all match, later ones winning, by lower-case name. */
function merged(matching: readonly ParsedRule[]): Map<string, string> {
  const result = new Map<string, string>();
  for (const rule of matching)
    for (const [name, value] of rule.headers) result.set(name.toLowerCase(), value);
  return result;
}

/**
 * Checks the `_headers` text against the files the table says exist: each gets its output's
 * Content-Type and Cache-Control, and no header is set by two matching rules. Returns the
 * problems, one line each; the build fails on any.
 */
export function checkHeaders(
  text: string,
  files: readonly { path: string; output: Output }[],
): string[] {
  const rules = parseHeaders(text);
  const problems: string[] = [];
  // The same few outputs for thousands of files: each output's headers are made once.
  const expected = new Map<Output, [string, string][]>();
  for (const { path, output } of files) {
    const matching = rules.filter((rule) => rule.pattern.test(path));
    const names = matching.flatMap((rule) => rule.headers.map(([name]) => name.toLowerCase()));
    const twice = names.filter((name, index) => names.indexOf(name) !== index);
    if (twice.length > 0)
      problems.push(
        `${path}: ${[...new Set(twice)].join(', ')} set by more than one of ${matching.map((rule) => rule.source).join(', ')}`,
      );
    const headers = merged(matching);
    let wanted = expected.get(output);
    if (!wanted) {
      wanted = Object.entries(outputHeaders(output));
      expected.set(output, wanted);
    }
    for (const [name, value] of wanted)
      if (headers.get(name.toLowerCase()) !== value)
        problems.push(`${path}: ${name} is ${headers.get(name.toLowerCase())}, not ${value}`);
  }
  return problems;
}
