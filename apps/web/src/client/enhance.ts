import { setUpCopyButtons } from './copy.js';
import { setUpThemeToggle } from './theme.js';
import { setUpContentsHighlight } from './toc.js';

/**
 * The only script reading pages load: theme toggle, copy buttons, the contents highlight and the
 * search opener. The search dialog and its index download on first use, never before.
 */
setUpThemeToggle();
setUpCopyButtons();
setUpContentsHighlight();

async function openSearch(query = ''): Promise<void> {
  const { openSearchDialog } = await import('./search-dialog.js');
  openSearchDialog(query);
}

for (const button of document.querySelectorAll('[data-search-open]')) {
  button.addEventListener('click', () => void openSearch());
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-search-form]')) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void openSearch(String(new FormData(form).get('q') ?? ''));
  });
}

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement | null;
  const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
  const shortcut =
    (event.key === '/' && !typing) ||
    (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey));
  if (shortcut && !event.defaultPrevented) {
    event.preventDefault();
    void openSearch();
  }
});
