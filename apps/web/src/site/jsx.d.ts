// The widget's element, rendered as markup on the Embed page.
import type {} from '@working-notes/widget/react';
