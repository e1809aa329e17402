import { LatestEssaysElement } from './element.js';

/**
 * Defines `<latest-essays>` unless a copy of this script (or another version) already did, so a
 * page that includes the script twice keeps working.
 */
if (typeof customElements !== 'undefined' && !customElements.get('latest-essays')) {
  customElements.define('latest-essays', LatestEssaysElement);
}

export type { Essay } from './data.js';
export type { Options } from './options.js';
export { LatestEssaysElement };
