import { type Accessor, For, type JSX, Show } from 'solid-js';
import type { Essay } from './data.js';
import type { Options } from './options.js';

interface ViewProps {
  options: Options;
  /** Undefined until essays are ready: the host's own fallback links show through the slot. */
  essays: Accessor<Essay[] | undefined>;
  formatDate: (day: string) => string;
}

/**
 * The same structure as the snippet's fallback (heading, ordered list, link and date per item), so
 * the swap from fallback to list keeps its shape. Titles are text nodes, never HTML.
 */
export function LatestEssays(props: ViewProps) {
  return (
    <Show when={props.essays()} fallback={<slot />}>
      {(essays) => (
        <div part="container">
          <Heading level={props.options.headingLevel} text={props.options.label} />
          <ol class="list" part="list">
            <For each={essays()}>
              {(essay) => (
                <li part="item">
                  <a class="link" part="link" href={essay.url}>
                    {essay.title}
                  </a>{' '}
                  <time class="date" part="date" datetime={essay.date}>
                    {props.formatDate(essay.date)}
                  </time>
                </li>
              )}
            </For>
          </ol>
        </div>
      )}
    </Show>
  );
}

/**
 * The level is fixed for an element's life, so a plain switch beats solid-js/web's Dynamic, which
 * would bring Solid's whole attribute-spreading code into the bundle.
 */
function Heading(props: { level: Options['headingLevel']; text: string }): JSX.Element {
  switch (props.level) {
    case 3:
      return <h3 part="heading">{props.text}</h3>;
    case 4:
      return <h4 part="heading">{props.text}</h4>;
    case 5:
      return <h5 part="heading">{props.text}</h5>;
    case 6:
      return <h6 part="heading">{props.text}</h6>;
    default:
      return <h2 part="heading">{props.text}</h2>;
  }
}
