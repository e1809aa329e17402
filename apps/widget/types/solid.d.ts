// Solid JSX for <latest-essays>: `import type {} from '@working-notes/widget/solid'`.
import type { JSX } from 'solid-js';
import type { LatestEssaysAttributes, LatestEssaysElement } from './index.js';

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'latest-essays': JSX.HTMLAttributes<LatestEssaysElement> & LatestEssaysAttributes;
    }
  }
}
