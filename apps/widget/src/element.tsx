import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { type Essay, loadEssays, readFallback } from './data.js';
import { type Options, readOptions } from './options.js';
import { stylesheet } from './styles.js';
import { LatestEssays } from './view.js';

type State = 'fallback' | 'loading' | 'ready' | 'error';

/**
 * `<latest-essays>`: the newest Working Notes essays, rendered in a shadow root.
 *
 * The links inside the element are the fallback: they stay visible without JavaScript, while the
 * data loads, and whenever anything fails. The shadow root is attached only after Solid has
 * rendered once into a detached node, so a host that blocks `innerHTML` (Trusted Types) keeps the
 * fallback instead of an empty box.
 *
 * @element latest-essays
 * @attr {number} count - How many essays, 1 to 20 (default 5).
 * @attr {string} tag - Only essays with this tag.
 * @attr {string} src - The JSON feed URL (default https://workingnotes.dev/widget/latest.json).
 * @attr {boolean} static - Show the fallback essays styled, with no network request.
 * @attr {number} heading-level - 2 to 6, so the heading fits the host's outline (default 2).
 * @attr {string} label - The heading text (default "Latest essays").
 * @attr {"auto"|"light"|"dark"} theme - auto inherits the host's colours (default).
 * @attr {number} timeout - Milliseconds before the request is abandoned, 1000 to 30000 (default 8000).
 * @fires load - The list rendered; `detail.count` essays.
 * @fires error - The data could not be used; the fallback stays. `detail.reason` says why.
 * @csspart container - Wraps heading and list.
 * @csspart heading - The heading.
 * @csspart list - The ordered list.
 * @csspart item - One essay.
 * @csspart link - The essay's link.
 * @csspart date - The essay's date.
 * @cssprop --latest-essays-link - Link colour.
 * @cssprop --latest-essays-muted - Date colour.
 * @cssprop --latest-essays-background - Background with theme="light" or "dark".
 * @cssprop --latest-essays-indent - List indent (default 40px, the browser's).
 */
export class LatestEssaysElement extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    try {
      this.#start();
    } catch (error) {
      this.#fail(error);
    }
  }

  #start(): void {
    const options = readOptions(
      (name) => this.getAttribute(name),
      (message) => console.warn(message),
    );
    if (options.theme !== 'auto') this.setAttribute('theme', options.theme);
    const [essays, setEssays] = createSignal<Essay[] | undefined>(undefined);
    const mount = document.createElement('div');
    // Throws where the host enforces Trusted Types; the catch above leaves the fallback alone.
    render(
      () => <LatestEssays options={options} essays={essays} formatDate={dateFormatter(this)} />,
      mount,
    );
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [stylesheet()];
    // The mount itself moves in: Solid keeps updating the node it rendered into.
    shadow.append(mount);

    const origin = new URL(options.source).origin;
    const show = (list: Essay[]) => {
      const chosen = select(list, options);
      if (chosen.length === 0)
        throw new Error(options.tag ? `no essays tagged ${options.tag}` : 'no essays in the data');
      setEssays(chosen);
      this.#setState('ready');
      this.dispatchEvent(new CustomEvent('load', { detail: { count: chosen.length } }));
    };

    if (options.offline) {
      show(readFallback(this, origin));
      return;
    }
    this.#setState('loading');
    loadEssays(options.source, options.timeout)
      .then(show)
      .catch((error: unknown) => this.#fail(error));
  }

  #fail(error: unknown): void {
    this.#setState('error');
    const reason = error instanceof Error ? error.message : String(error);
    this.dispatchEvent(new CustomEvent('error', { detail: { reason } }));
  }

  #setState(state: State): void {
    this.dataset.state = state;
  }
}

function select(list: readonly Essay[], options: Options): Essay[] {
  const filtered = options.tag
    ? list.filter((essay) => essay.tags.includes(options.tag as string))
    : list;
  return filtered.slice(0, options.count);
}

/** Dates in the language of the nearest `lang` attribute, as the host page is written. */
function dateFormatter(element: Element): (day: string) => string {
  const lang = element.closest('[lang]')?.getAttribute('lang') || undefined;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
  }
  return (day) => format.format(new Date(`${day}T00:00:00Z`));
}
