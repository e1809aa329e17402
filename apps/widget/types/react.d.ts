// React 19 JSX for <latest-essays>: `import type {} from '@working-notes/widget/react'`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LatestEssaysAttributes, LatestEssaysElement } from './index.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'latest-essays': DetailedHTMLProps<HTMLAttributes<LatestEssaysElement>, LatestEssaysElement> &
        LatestEssaysAttributes;
    }
  }
}
