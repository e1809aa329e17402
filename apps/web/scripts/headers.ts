/**
 * The response headers, written once into `_headers` (read by Netlify and Cloudflare Pages) and
 * applied by `pnpm preview`, so the tests see what production sends. No header name appears in two
 * rules that match the same path, because hosts differ in how they merge duplicates.
 */
export function headersFile(scriptHashes: readonly string[]): string {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const rules: [string, Record<string, string>][] = [
    [
      '/*',
      {
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
      },
    ],
    ['/assets/*', { 'Cache-Control': 'public, max-age=31536000, immutable' }],
    ['/og/*', { 'Cache-Control': 'public, max-age=86400' }],
    [
      '/rss.xml',
      {
        'Content-Type': 'application/rss+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=600',
      },
    ],
    [
      '/atom.xml',
      {
        'Content-Type': 'application/atom+xml; charset=utf-8',
        'Cache-Control': 'public, max-age=600',
      },
    ],
    [
      '/feed.json',
      {
        'Content-Type': 'application/feed+json; charset=utf-8',
        'Cache-Control': 'public, max-age=600',
      },
    ],
    ['/search-index.json', { 'Cache-Control': 'public, max-age=600' }],
    // The widget runs on other sites: its script and data are readable cross-origin, without credentials.
    [
      '/widget/:version/*',
      {
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    ],
    [
      '/widget/latest-essays.js',
      {
        'Cache-Control': 'public, max-age=300',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    ],
    [
      '/widget/latest.json',
      {
        'Content-Type': 'application/feed+json; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
        'Access-Control-Allow-Origin': '*',
        'Cross-Origin-Resource-Policy': 'cross-origin',
      },
    ],
    ['/essays/*', { 'Cache-Control': 'public, max-age=0, must-revalidate' }],
    ['/tags/*', { 'Cache-Control': 'public, max-age=0, must-revalidate' }],
    ['/archive/*', { 'Cache-Control': 'public, max-age=0, must-revalidate' }],
    ['/', { 'Cache-Control': 'public, max-age=0, must-revalidate' }],
  ];
  return `${rules.map(([path, headers]) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n')).join('\n')}\n`;
}

/** Parses `_headers` into rules, in file order. */
export function parseHeaders(text: string): { pattern: RegExp; headers: [string, string][] }[] {
  const rules: { pattern: RegExp; headers: [string, string][] }[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      // `*` matches anything, `:name` one path segment, as Netlify and Cloudflare Pages read them.
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/:\w+/g, '[^/]+');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [] });
    } else {
      const colon = line.indexOf(':');
      rules.at(-1)?.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/** The headers for `path`: every matching rule applies, in file order. */
export function headersFor(
  rules: ReturnType<typeof parseHeaders>,
  path: string,
): Map<string, string> {
  const result = new Map<string, string>();
  for (const rule of rules)
    if (rule.pattern.test(path))
      for (const [name, value] of rule.headers) result.set(name.toLowerCase(), value);
  return result;
}
