/**
 * The theme button: system, then light, then dark, then system again. The saved choice is applied
 * before first paint by the inline head script; "system" is the absence of a saved choice, so the
 * page follows the operating system with no script at all.
 */
const root = document.documentElement;
const order = ['system', 'light', 'dark'] as const;
type Choice = (typeof order)[number];

function current(): Choice {
  const chosen = root.dataset.theme;
  return chosen === 'light' || chosen === 'dark' ? chosen : 'system';
}

function apply(choice: Choice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem('theme');
    else localStorage.setItem('theme', choice);
  } catch {
    // Storage can be blocked; the choice then lasts for this page only.
  }
}

function describe(button: HTMLButtonElement): void {
  const choice = current();
  const next = order[(order.indexOf(choice) + 1) % order.length];
  const label = `Theme: ${choice}. Switch to ${next}`;
  button.title = label;
  const text = button.querySelector('[data-theme-label]');
  if (text) text.textContent = label;
}

export function setUpThemeToggle(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    describe(button);
    button.addEventListener('click', () => {
      apply(order[(order.indexOf(current()) + 1) % order.length] ?? 'system');
      describe(button);
    });
  }
}
