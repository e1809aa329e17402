/**
 * The events the element fires, as a table the build turns into typings and the manifest. Names
 * carry the element's own prefix: React 19 attaches an `on…` prop on a custom element as a plain
 * listener for the rest of the name, except for names it reserves for its own delegated events,
 * such as `load` and `error`, which therefore never reached a React handler.
 */
declare const __DOCS__: boolean;

export const eventTable = {
  load: {
    name: 'latest-essays-load',
    /** The old name, still fired alongside until 0.3.0. */
    legacy: 'load',
    detail: '{ count: number }',
    description: __DOCS__ ? 'The list rendered; `detail.count` essays are shown.' : '',
  },
  error: {
    name: 'latest-essays-error',
    legacy: 'error',
    detail: '{ reason: string }',
    description: __DOCS__
      ? 'The data could not be used and the fallback stays; `detail.reason` says why.'
      : '',
  },
} as const;

export interface EventDetails {
  load: { count: number };
  error: { reason: string };
}

/** Fires the event under its name and, for one more minor version, under its old name. */
export function fire<K extends keyof EventDetails>(
  target: EventTarget,
  key: K,
  detail: EventDetails[K],
): void {
  const event = eventTable[key];
  target.dispatchEvent(new CustomEvent(event.name, { detail }));
  target.dispatchEvent(new CustomEvent(event.legacy, { detail }));
}
