import {
  openSearch,
  type Searcher,
  type SearchResult,
  snippet,
} from '@working-notes/content/search';
import { searchPath } from '../site/public-paths.js';

/**
 * The search dialog, built on first use with DOM calls only (no HTML strings, so it runs under
 * Trusted Types). Results show the date and the passage where the words matched; arrow keys move
 * through them, Enter opens one, Escape closes and gives focus back to what opened the dialog.
 */
let dialog: HTMLDialogElement | undefined;
let searcher: Searcher | undefined;
let opener: Element | null = null;
const passages = new Map<string, Promise<string>>();
/** How long a results list must stay before its passages are fetched, in milliseconds. */
const snippetDelay = 200;
const dates = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * The sharded index: the manifest first, then only the shards of the words typed and the small
 * file of each result shown. A manifest read before a deploy names shards that are gone; the search
 * that meets one starts over with a fresh manifest once.
 */
function loadSearcher(): Searcher {
  searcher ??= openSearch((path) =>
    fetch(`${searchPath}${path}`).then((response) => {
      if (!response.ok) throw new Error(`search: ${path}: HTTP ${response.status}`);
      return response.json();
    }),
  );
  return searcher;
}

async function find(query: string): Promise<SearchResult[]> {
  try {
    return await loadSearcher().search(query, 8);
  } catch {
    searcher = undefined;
    return loadSearcher().search(query, 8);
  }
}

/** Reads the manifest while the reader types the first word. */
function warmUp(): void {
  void loadSearcher()
    .preload()
    .catch(() => undefined);
}

/** An essay's text for snippets, from the Markdown the site publishes beside every essay. */
function essayText(slug: string): Promise<string> {
  let text = passages.get(slug);
  if (!text) {
    text = fetch(`/essays/${slug}/index.md`)
      .then((response) => (response.ok ? response.text() : ''))
      .then((markdown) =>
        markdown
          .replace(/^---\n[\s\S]*?\n---\n/, '')
          .replace(/^```[\s\S]*?^```/gm, ' ')
          .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
          .replace(/^#+\s+/gm, '')
          .replace(/[*_`>|]/g, ''),
      )
      .catch(() => '');
    passages.set(slug, text);
  }
  return text;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function build(): HTMLDialogElement {
  const input = element('input', {
    id: 'search-dialog-input',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Search every essay',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': 'search-dialog-results',
    'aria-autocomplete': 'list',
    'aria-describedby': 'search-dialog-status',
  });
  const root = element(
    'dialog',
    { class: 'search-dialog', 'aria-labelledby': 'search-dialog-title' },
    element(
      'form',
      { method: 'dialog', role: 'search', class: 'search-dialog-form' },
      element('h2', { id: 'search-dialog-title', class: 'visually-hidden' }, 'Search the essays'),
      element('label', { for: 'search-dialog-input', class: 'visually-hidden' }, 'Search words'),
      input,
      element('button', { type: 'button', class: 'control', 'data-close': '' }, 'Close'),
    ),
    element('p', {
      id: 'search-dialog-status',
      class: 'search-status',
      role: 'status',
      'aria-live': 'polite',
    }),
    element('ol', {
      id: 'search-dialog-results',
      class: 'search-results',
      role: 'listbox',
      'aria-label': 'Results',
    }),
  );
  input.addEventListener('input', () => void update(root, input.value));
  input.addEventListener('keydown', (event) => onKey(root, input, event));
  root.querySelector('[data-close]')?.addEventListener('click', () => root.close());
  root.addEventListener('click', (event) => {
    if (event.target === root) root.close();
  });
  root.addEventListener('close', () => {
    if (opener instanceof HTMLElement) opener.focus();
  });
  document.body.append(root);
  return root;
}

function options(root: HTMLDialogElement): HTMLAnchorElement[] {
  return [...root.querySelectorAll<HTMLAnchorElement>('.search-results a')];
}

function select(root: HTMLDialogElement, input: HTMLInputElement, next: number): void {
  const links = options(root);
  for (const [position, link] of links.entries())
    link.setAttribute('aria-selected', String(position === next));
  const chosen = links[next];
  if (chosen) {
    input.setAttribute('aria-activedescendant', chosen.id);
    chosen.scrollIntoView({ block: 'nearest' });
  } else input.removeAttribute('aria-activedescendant');
}

function onKey(root: HTMLDialogElement, input: HTMLInputElement, event: KeyboardEvent): void {
  const links = options(root);
  const current = links.findIndex((link) => link.getAttribute('aria-selected') === 'true');
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    if (links.length === 0) return;
    const step = event.key === 'ArrowDown' ? 1 : -1;
    select(root, input, (current + step + links.length) % links.length);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    const chosen = links[current] ?? links[0];
    if (chosen) location.assign(chosen.href);
  } else if (event.key === 'Escape') {
    // A search field's own Escape only clears it; readers expect Escape to close the dialog.
    event.preventDefault();
    root.close();
  }
}

/** `text` with the `marks` ranges wrapped in <mark>, as DOM nodes. */
function highlighted(text: string, marks: readonly [number, number][]): (Node | string)[] {
  const parts: (Node | string)[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    parts.push(text.slice(at, start), element('mark', {}, text.slice(start, end)));
    at = end;
  }
  parts.push(text.slice(at));
  return parts;
}

function resultItem(result: SearchResult, position: number): HTMLLIElement {
  const passage = element('p', { class: 'search-snippet' }, result.description);
  const link = element(
    'a',
    {
      href: `/essays/${result.slug}/`,
      id: `search-result-${position}`,
      role: 'option',
      'aria-selected': String(position === 0),
    },
    element('span', { class: 'search-title' }, result.title),
    element(
      'time',
      { datetime: result.date, class: 'search-date' },
      dates.format(new Date(`${result.date}T00:00:00Z`)),
    ),
    passage,
  );
  // The passage arrives after the essay's text does; until then the description stands in. It is
  // asked for once the reader pauses: a list the next letter replaces fetches no essay at all.
  setTimeout(() => {
    if (!passage.isConnected) return;
    void essayText(result.slug).then((text) => {
      const found = text ? snippet(text, result.terms, 160) : undefined;
      if (found && passage.isConnected)
        passage.replaceChildren(...highlighted(found.text, found.marks));
    });
  }, snippetDelay);
  return element('li', { role: 'presentation' }, link);
}

let latest = 0;
async function update(root: HTMLDialogElement, query: string): Promise<void> {
  const status = root.querySelector('.search-status') as HTMLElement;
  const list = root.querySelector('.search-results') as HTMLOListElement;
  const input = root.querySelector('input') as HTMLInputElement;
  const ticket = ++latest;
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = '';
    input.setAttribute('aria-expanded', 'false');
    return;
  }
  let results: SearchResult[];
  try {
    results = await find(query);
  } catch {
    searcher = undefined;
    status.textContent = 'Search is unavailable right now. The archive lists every essay.';
    return;
  }
  if (ticket !== latest) return;
  list.replaceChildren(...results.map(resultItem));
  input.setAttribute('aria-expanded', String(results.length > 0));
  select(root, input, 0);
  status.textContent =
    results.length === 0
      ? `No essay matches “${query}”.`
      : `${results.length} ${results.length === 1 ? 'essay' : 'essays'} found. Enter opens the first; arrow keys move.`;
}

/** Opens the search dialog, building it on first use; `query` pre-fills the box. */
export function openSearchDialog(query: string): void {
  opener = document.activeElement;
  dialog ??= build();
  const input = dialog.querySelector('input') as HTMLInputElement;
  input.value = query;
  dialog.showModal();
  input.focus();
  warmUp();
  void update(dialog, query);
}
