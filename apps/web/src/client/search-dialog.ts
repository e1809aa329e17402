import { type SearchIndex, search } from '@working-notes/content/search';
import { searchIndexPath } from '../site/public-paths.js';

let dialog: HTMLDialogElement | undefined;
let index: Promise<SearchIndex> | undefined;

function loadIndex(): Promise<SearchIndex> {
  index ??= fetch(searchIndexPath).then((response) => {
    if (!response.ok) throw new Error(`search index: HTTP ${response.status}`);
    return response.json() as Promise<SearchIndex>;
  });
  return index;
}

/** An element with attributes and children, built node by node: no HTML string reaches the DOM. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function build(): HTMLDialogElement {
  const element = h('dialog', { class: 'search-dialog', 'aria-labelledby': 'search-dialog-title' });
  const input = h('input', {
    id: 'search-dialog-input',
    type: 'search',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Search every essay',
    'aria-describedby': 'search-dialog-status',
  });
  element.append(
    h(
      'form',
      { method: 'dialog', role: 'search', class: 'search-dialog-form' },
      h('h2', { id: 'search-dialog-title', class: 'visually-hidden' }, 'Search the essays'),
      h('label', { for: 'search-dialog-input', class: 'visually-hidden' }, 'Search words'),
      input,
      h('button', { type: 'submit', value: 'close', class: 'control' }, 'Close'),
    ),
    h('p', {
      id: 'search-dialog-status',
      class: 'search-status',
      role: 'status',
      'aria-live': 'polite',
    }),
    h('ol', { class: 'search-results' }),
  );
  input.addEventListener('input', () => void update(element, input.value));
  // A search field's own Escape only clears it; readers expect Escape to close the dialog.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      element.close();
    }
  });
  element.addEventListener('click', (event) => {
    if (event.target === element) element.close();
  });
  document.body.append(element);
  return element;
}

async function update(element: HTMLDialogElement, query: string): Promise<void> {
  const status = element.querySelector('.search-status') as HTMLElement;
  const list = element.querySelector('.search-results') as HTMLOListElement;
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  let results: ReturnType<typeof search>;
  try {
    results = search(await loadIndex(), query, 12);
  } catch {
    index = undefined;
    status.textContent = 'Search is unavailable right now. The archive lists every essay.';
    return;
  }
  list.replaceChildren(
    ...results.map((result) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `/essays/${result.slug}/`;
      link.textContent = result.title;
      const description = document.createElement('p');
      description.textContent = result.description;
      item.append(link, description);
      return item;
    }),
  );
  status.textContent =
    results.length === 0
      ? `No essay matches “${query}”.`
      : `${results.length} ${results.length === 1 ? 'essay' : 'essays'} found.`;
}

/** Opens the search dialog, building it on first use; `query` pre-fills the box. */
export function openSearchDialog(query: string): void {
  dialog ??= build();
  const input = dialog.querySelector('input') as HTMLInputElement;
  input.value = query;
  dialog.showModal();
  input.focus();
  void loadIndex().catch(() => undefined);
  void update(dialog, query);
}
