// The source's view of `#loaders`, the module the compiler writes to dist/loaders.js: one
// literal import('./posts/<slug>.js') per published essay (see src/compiler/emit/modules.ts).
// Mapped here by tsconfig.json for the same reason as meta.d.ts beside it.
import type { Loaders } from '../runtime/types.js';

export declare const loaders: Loaders;
