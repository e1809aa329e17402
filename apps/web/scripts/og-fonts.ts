import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The cards' two fonts: Inter from npm's @fontsource/inter, in the repo's dependencies, so
 * nothing is fetched at build. Their bytes are part of the cards' cache key (og-pipeline.ts).
 */
export const fontFiles = [400, 700].map((weight) => ({
  weight: weight as 400 | 700,
  file: require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`),
}));
