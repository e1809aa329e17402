/**
 * The theme toggle. The saved choice is applied before first paint by the inline head script;
 * this only handles the button. Without a saved choice the system preference rules.
 */
const root = document.documentElement;
const dark = matchMedia('(prefers-color-scheme: dark)');

function current(): 'light' | 'dark' {
  const chosen = root.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return dark.matches ? 'dark' : 'light';
}

function reflect(button: HTMLButtonElement): void {
  button.setAttribute('aria-pressed', String(current() === 'dark'));
}

export function setUpThemeToggle(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    reflect(button);
    dark.addEventListener('change', () => reflect(button));
    button.addEventListener('click', () => {
      const next = current() === 'dark' ? 'light' : 'dark';
      root.dataset.theme = next;
      try {
        localStorage.setItem('theme', next);
      } catch {
        // Storage can be blocked; the choice then lasts for this page only.
      }
      reflect(button);
    });
  }
}
