// Not shipped to readers: the page the search benchmark (scripts/search-bench.ts) drives in
// Chromium, bundled by Vite into the benchmarked site. Each call starts cold, as a reader opening
// search for the first time, and resolves when the first result's title and date are known: what
// the dialog then shows at once. Rendering is left out: it is the same for all three.
import { openSearch, type SearchIndex, search } from '@working-notes/content/search';

type Mode = 'sharded' | 'whole' | 'pagefind';

interface PagefindResult {
  data(): Promise<{ url: string; meta: { title?: string } }>;
}
interface Pagefind {
  init(): Promise<void>;
  search(query: string): Promise<{ results: PagefindResult[] }>;
}

const json = (path: string) =>
  fetch(path).then((response) => {
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.json();
  });

/**
 * Opens search as the dialog does (starting to load what it loads on open), lets the reader
 * type, then runs the query. Typing is `typingMs` of nothing, then the whole query at once; or,
 * with `letterMs`, one letter every `letterMs`, a search at each as the dialog runs one per
 * input event. `first` is the top result's path, `ms` the time from the query's last letter to
 * when that result could be shown (title and date known).
 */
async function benchQuery(mode: Mode, query: string, shown = 8, typingMs = 0, letterMs = 0) {
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let find: (text: string) => Promise<string | undefined>;
  let rest: Promise<unknown> = Promise.resolve();
  if (mode === 'sharded') {
    const searcher = openSearch((path) => json(`/search/${path}`));
    void searcher.preload().catch(() => undefined);
    find = async (text) => {
      const results = await searcher.search(text, shown);
      // The snippets: the dialog fetches each result's Markdown after showing the list.
      rest = Promise.all(results.map((result) => fetch(`/essays/${result.slug}/index.md`)));
      return results[0] && `/essays/${results[0].slug}/`;
    };
  } else if (mode === 'whole') {
    const loading = json('/search-index.json') as Promise<SearchIndex>;
    find = async (text) => {
      const results = search(await loading, text, shown);
      rest = Promise.all(results.map((result) => fetch(`/essays/${result.slug}/index.md`)));
      return results[0] && `/essays/${results[0].slug}/`;
    };
  } else {
    const loading = import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`).then(
      async (module: Pagefind) => {
        await module.init();
        return module;
      },
    );
    find = async (text) => {
      const { results } = await (await loading).search(text);
      // Pagefind's own fragment of each result holds its title and excerpt: no further fetch.
      const [top, ...others] = results.slice(0, shown);
      const data = top ? await top.data() : undefined;
      rest = Promise.all(others.map((result) => result.data()));
      return data?.url;
    };
  }
  if (letterMs > 0) {
    for (let length = 1; length < query.length; length++) {
      await wait(letterMs);
      void find(query.slice(0, length)).catch(() => undefined);
    }
    await wait(letterMs);
  } else await wait(typingMs);
  const started = performance.now();
  const first = await find(query);
  const ms = performance.now() - started;
  await rest;
  return { ms, first };
}

Object.assign(window, { benchQuery });
