// The source's view of `#meta`, the module the compiler writes to dist/meta.js (see
// src/compiler/emit/modules.ts). tsconfig.json maps `#meta` here, so the package type-checks and
// builds its declarations before any essay is compiled. The published declarations keep the
// `#meta` import, which resolves through package.json to the generated dist/meta.d.ts, where
// `Slug` is the union of the published slugs.
import type { PostMeta } from '../runtime/types.js';

/** Any string while the source is checked; the published slugs once compiled. */
export type Slug = string;
export declare const posts: readonly PostMeta[];
