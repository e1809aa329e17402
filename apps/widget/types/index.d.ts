/** `<latest-essays>`, the element this package defines. */
export declare class LatestEssaysElement extends HTMLElement {}

/** The element's attributes, for typed markup in any framework. */
export interface LatestEssaysAttributes {
  /** How many essays, 1 to 20. Default 5. */
  count?: number | `${number}`;
  /** Only essays with this tag. */
  tag?: string;
  /** The JSON feed URL. Default https://workingnotes.dev/widget/latest.json. */
  src?: string;
  /** Show the fallback essays styled, with no network request. */
  static?: boolean | '';
  /** 2 to 6, so the heading fits the host's outline. Default 2. */
  'heading-level'?: 2 | 3 | 4 | 5 | 6 | `${2 | 3 | 4 | 5 | 6}`;
  /** The heading text. Default "Latest essays". */
  label?: string;
  /** `auto` inherits the host's colours. Default auto. */
  theme?: 'auto' | 'light' | 'dark';
  /** Milliseconds before the request is abandoned, 1000 to 30000. Default 8000. */
  timeout?: number | `${number}`;
}

/** Fired when the list rendered. */
export type LatestEssaysLoadEvent = CustomEvent<{ count: number }>;
/** Fired when the data could not be used; the fallback links stay. */
export type LatestEssaysErrorEvent = CustomEvent<{ reason: string }>;

declare global {
  interface HTMLElementTagNameMap {
    'latest-essays': LatestEssaysElement;
  }
}
