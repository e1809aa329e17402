import { type Accessor, createRenderEffect } from 'solid-js';
import type { Essay } from './data.js';
import type { Options } from './options.js';

interface ViewProps {
  options: Options;
  /** Undefined until essays are ready: the host's own fallback links show through the slot. */
  essays: Accessor<Essay[] | undefined>;
  formatDate: (day: string) => string;
  /** The element, whose light-DOM fallback the list takes its layout from. */
  host: Element;
}

/**
 * Renders into the shadow root: a bare slot (no box of its own, so attaching the shadow root moves
 * nothing) until essays are ready, then the list. Solid's signals drive it; its nodes are built
 * with `createElement` and text nodes, never from HTML strings. (Solid's compiled JSX templates
 * parse HTML through `innerHTML`, which a host enforcing Trusted Types blocks, and its `insert`
 * reconciler is more than one swap needs.)
 */
export function renderView(root: ShadowRoot, props: ViewProps): void {
  const slot = document.createElement('slot');
  let pairs: Pair[] = [];
  createRenderEffect(() => {
    const essays = props.essays();
    pairs = [];
    // Once the list shows, the slot stays, hidden: a fallback assigned to no slot has no computed
    // style at all, and the list reads the fallback's layout again after a resize.
    slot.hidden = Boolean(essays);
    root.replaceChildren(...(essays ? [list(essays, props, pairs)] : []), slot);
  });
  // The host's stylesheet may lay the fallback out differently at another width (a media query,
  // a font size in vw): copy its layout again after the window is resized.
  let frame = 0;
  addEventListener('resize', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      for (const [from, to] of pairs) mirror(from, to, props.host);
    });
  });
}

/** A node of the list and the fallback node it takes its layout from. */
type Pair = [Element | null | undefined, HTMLElement];

/**
 * The properties that decide where a box goes and how big it is. The list copies them from the
 * fallback as the host's stylesheet laid it out, so the swap from fallback to list changes no size
 * on any host: a page that resets lists, unsets everything or restyles headings sees its own
 * layout kept. Colours are not copied; those stay the theme's.
 */
const layout =
  'display box-sizing float vertical-align margin-top margin-right margin-bottom margin-left padding-top padding-right padding-bottom padding-left border-top-width border-right-width border-bottom-width border-left-width border-top-style border-right-style border-bottom-style border-left-style font-family font-size font-weight font-style font-stretch font-variant-caps line-height letter-spacing word-spacing text-transform text-indent text-align white-space-collapse text-wrap-mode list-style-type list-style-position'.split(
    ' ',
  );

function mirror(from: Element | null | undefined, to: HTMLElement, host: Element): void {
  if (!from) return;
  const style = getComputedStyle(from);
  for (const name of layout) {
    const value = style.getPropertyValue(name);
    // A host that hides its fallback has not asked for the list to be hidden.
    if (value && !(name === 'display' && value === 'none')) to.style.setProperty(name, value);
  }
  // An indent set for the widget wins over the fallback's.
  const indent =
    to.localName === 'ol' && getComputedStyle(host).getPropertyValue('--latest-essays-indent');
  if (indent) to.style.setProperty('padding-inline-start', indent);
}

/**
 * The snippet's shape: heading, ordered list, link and date per item, with a space wherever the
 * snippet has white space, so even a host that makes every element inline sees the same run of
 * text. Titles are text nodes, never HTML.
 */
function list(essays: readonly Essay[], props: ViewProps, pairs: Pair[]): Node {
  const { host, options } = props;
  /** One node of the list, with its part, its class, and the layout of its fallback twin. */
  const make = (
    tag: string,
    part: string,
    from: Element | null | undefined,
    ...children: (Node | string)[]
  ) => {
    const node = document.createElement(tag);
    node.setAttribute('part', part);
    node.className = part;
    node.append(...children);
    mirror(from, node, host);
    pairs.push([from, node]);
    return node;
  };
  const heading = host.querySelector('h1, h2, h3, h4, h5, h6');
  const items = host.querySelectorAll('li');
  const dates = new Map<string, string>();
  for (const time of host.querySelectorAll('li time[datetime]'))
    dates.set(time.getAttribute('datetime') ?? '', time.textContent ?? '');
  const rows: (Node | string)[] = [' '];
  essays.forEach((essay, index) => {
    const like = items[Math.min(index, items.length - 1)];
    const link = make('a', 'link', like?.querySelector('a'), essay.title);
    link.setAttribute('href', essay.url);
    // A day the fallback already spells keeps its wording, so the swap re-flows no text; others
    // are written in the page's language.
    const date = make(
      'time',
      'date',
      like?.querySelector('time'),
      dates.get(essay.date) ?? props.formatDate(essay.date),
    );
    date.setAttribute('datetime', essay.date);
    rows.push(make('li', 'item', like, link, ' ', date), ' ');
  });
  return make(
    'div',
    'container',
    null,
    ' ',
    make(`h${options.headingLevel}`, 'heading', heading, options.label),
    ' ',
    make('ol', 'list', host.querySelector('ol, ul'), ...rows),
    ' ',
  );
}
