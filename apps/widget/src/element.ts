import { createRoot, createSignal } from 'solid-js';
import { type Essay, loadEssays, readFallback } from './data.js';
import { fire } from './events.js';
import { type Option, type Options, optionTable, readOptions } from './options.js';
import { stylesheet } from './styles.js';
import { renderView } from './view.js';

type State = 'fallback' | 'loading' | 'ready' | 'error';

/**
 * `<latest-essays>`: the newest Working Notes essays, rendered in a shadow root.
 *
 * The links inside the element are the fallback: they stay visible without JavaScript, while the
 * data loads, and whenever anything fails. The shadow root holds only a slot until the list is
 * ready, and the list takes the layout the host gave the fallback, so neither step moves the page.
 * Its attributes, events, parts and custom properties are listed in the README, generated from
 * the tables in options.ts and events.ts.
 */
export class LatestEssaysElement extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    this.#started = true;
    // A framework may have set a property before this script defined the element; that value
    // sits on the instance, hiding the accessor. Pass it through the accessor to its attribute.
    // getOwnPropertyDescriptor, not Object.hasOwn: the bundle targets browsers older than that.
    for (const property of Object.keys(properties))
      if (Object.getOwnPropertyDescriptor(this, property)) {
        const value = (this as unknown as Record<string, unknown>)[property];
        delete (this as unknown as Record<string, unknown>)[property];
        (this as unknown as Record<string, unknown>)[property] = value;
      }
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
    const shadow = this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [stylesheet()];
    // The element lives as long as the page: its root is never disposed.
    createRoot(() =>
      renderView(shadow, { options, essays, formatDate: dateFormatter(this), host: this }),
    );

    const origin = new URL(options.source).origin;
    const show = (list: Essay[]) => {
      const chosen = select(list, options);
      if (chosen.length === 0)
        throw new Error(options.tag ? `no essays tagged ${options.tag}` : 'no essays in the data');
      setEssays(chosen);
      this.#setState('ready');
      fire(this, 'load', { count: chosen.length });
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
    fire(this, 'error', { reason });
  }

  #setState(state: State): void {
    this.dataset.state = state;
  }
}

/**
 * One property per attribute, from the same table, reflecting to the attribute: Solid sets
 * properties on custom elements, and React 19 does once the element is defined.
 */
const properties: Record<string, Option> = {};
for (const option of Object.values(optionTable) as Option[]) {
  const property = option.name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  properties[property] = option;
  Object.defineProperty(LatestEssaysElement.prototype, property, {
    configurable: true,
    get(this: Element) {
      return option.kind === 'boolean'
        ? this.hasAttribute(option.name)
        : this.getAttribute(option.name);
    },
    set(this: Element, value: unknown) {
      if (value === null || value === undefined || value === false)
        this.removeAttribute(option.name);
      else this.setAttribute(option.name, value === true ? '' : String(value));
    },
  });
}

function select(list: readonly Essay[], options: Options): Essay[] {
  const filtered = options.tag
    ? list.filter((essay) => essay.tags.includes(options.tag as string))
    : list;
  return filtered.slice(0, options.count);
}

/**
 * Dates in the language of the nearest `lang` attribute, as the host page is written. The format
 * is made on the first date that needs it: the first Intl formatter a page makes costs about 36 ms
 * of its main thread (145 ms at Lighthouse's 4x slowdown, one long task), and a list whose
 * fallback already shows every date, as the Embed page's does, never needs one.
 */
function dateFormatter(element: Element): (day: string) => string {
  const lang = element.closest('[lang]')?.getAttribute('lang') || undefined;
  let format: Intl.DateTimeFormat | undefined;
  return (day) => {
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
      } catch {
        format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
      }
    }
    return format.format(new Date(`${day}T00:00:00Z`));
  };
}
