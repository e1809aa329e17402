/** One essay as the widget shows it. */
export interface Essay {
  title: string;
  url: string;
  /** `YYYY-MM-DD` */
  date: string;
  tags: string[];
}

/** Responses over this size are refused before parsing: the real document is about 3 KB. */
const maxBytes = 64 * 1024;

/**
 * Checks the JSON Feed subset the site publishes and keeps only well-formed items whose link is on
 * the blog's own origin (parsed origins are compared, so `https://workingnotes.dev.example.com` is
 * another site), so a tampered feed cannot send readers elsewhere. When every item links elsewhere
 * the error says how many there were and which origin was expected, so a host serving a mirror
 * learns why its list is empty.
 */
export function parseFeed(value: unknown, origin: string): Essay[] {
  if (
    typeof value !== 'object' ||
    value === null ||
    !Array.isArray((value as { items?: unknown }).items)
  ) {
    throw new Error('not a feed: expected an object with an items array');
  }
  const items = (value as { items: unknown[] }).items.slice(0, 50);
  const essays: Essay[] = [];
  let elsewhere = 0;
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const { title, url, date_published: date, tags } = item as Record<string, unknown>;
    if (
      typeof title !== 'string' ||
      !title.trim() ||
      typeof url !== 'string' ||
      typeof date !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}/.test(date)
    )
      continue;
    let link: URL;
    try {
      link = new URL(url);
    } catch {
      continue;
    }
    if (link.origin !== origin) {
      elsewhere++;
      continue;
    }
    essays.push({
      title: title.trim().slice(0, 200),
      url: link.href,
      date: date.slice(0, 10),
      tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
    });
  }
  if (essays.length === 0 && elsewhere > 0)
    throw new Error(
      `none of the data's ${items.length} items links to ${origin}, the origin of the data`,
    );
  return essays;
}

const requests = new Map<string, Promise<Essay[]>>();

/**
 * Every element on the page with the same source shares one request. No cookies or credentials
 * are sent, and the request gives up after `timeout` milliseconds.
 */
export function loadEssays(source: string, timeout: number): Promise<Essay[]> {
  let request = requests.get(source);
  if (!request) {
    request = fetchFeed(source, timeout);
    requests.set(source, request);
    // A failed request may be retried by an element added later.
    request.catch(() => requests.delete(source));
  }
  return request;
}

async function fetchFeed(source: string, timeout: number): Promise<Essay[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await fetch(source, {
      mode: 'cors',
      credentials: 'omit',
      signal: controller.signal,
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes)
      throw new Error('response too large');
    const text = await response.text();
    if (text.length > maxBytes) throw new Error('response too large');
    return parseFeed(JSON.parse(text), new URL(source).origin);
  } finally {
    clearTimeout(timer);
  }
}

/** The essays already inside the element, from the snippet's fallback links. */
export function readFallback(host: Element, origin: string): Essay[] {
  const items = [...host.querySelectorAll('li')].map((item) => {
    const link = item.querySelector<HTMLAnchorElement>('a[href]');
    return {
      title: link?.textContent ?? '',
      url: link?.href,
      date_published: item.querySelector('time')?.getAttribute('datetime'),
    };
  });
  return parseFeed({ items }, origin);
}
