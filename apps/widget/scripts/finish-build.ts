import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import { manifest, optionsTable, reactDts, solidDts, typesDts } from './api.js';

/**
 * After both Vite builds: write the typings and the Custom Elements Manifest generated from the
 * option and event tables, refresh the README's options table, write the Subresource Integrity
 * hash the embed snippet uses, and print both builds' sizes against their budgets, failing the
 * build past either.
 */
const root = dirname(dirname(fileURLToPath(import.meta.url)));
// OUT_DIR: the folder scripts/atomic-build.mjs builds into before swapping it into dist/.
const dist = process.env.OUT_DIR ? resolve(process.env.OUT_DIR) : join(root, 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
};

writeFileSync(join(dist, 'types.d.ts'), typesDts());
writeFileSync(join(dist, 'react.d.ts'), reactDts());
writeFileSync(join(dist, 'solid.d.ts'), solidDts());
writeFileSync(join(dist, 'custom-elements.json'), manifest(version));
// The IIFE exports nothing; importing it defines the element, as importing the ESM build does.
writeFileSync(
  join(dist, 'iife.d.ts'),
  "// The script-tag build: importing it defines <latest-essays>.\nimport './types.js';\nexport {};\n",
);
const snippetSource = readFileSync(join(root, 'src', 'snippet.ts'), 'utf8');
writeFileSync(
  join(dist, 'snippet.d.ts'),
  ts.transpileDeclaration(snippetSource, { compilerOptions: { strict: true } }).outputText,
);

const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const markers = /<!-- options -->\n[\s\S]*?<!-- \/options -->/;
if (!markers.test(readme))
  throw new Error('README.md: no <!-- options --> markers for the options table');
const updated = readme.replace(
  markers,
  () => `<!-- options -->\n${optionsTable()}\n<!-- /options -->`,
);
if (updated !== readme) writeFileSync(readmePath, updated);

const script = readFileSync(join(dist, 'latest-essays.iife.js'));
const gzipOf = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const integrity = `sha384-${createHash('sha384').update(script).digest('base64')}`;
writeFileSync(
  join(dist, 'integrity.json'),
  `${JSON.stringify({ version, file: 'latest-essays.iife.js', integrity, bytes: script.length, gzip: gzipOf(script) }, null, 2)}\n`,
);

/** Gzip budgets (level 9): the IIFE is what every host page downloads; the ESM build is the same code. */
const budgets = [
  { file: 'latest-essays.iife.js', budget: 8 * 1024, aim: 6 * 1024 },
  { file: 'latest-essays.js', budget: 8 * 1024, aim: 6 * 1024 },
  { file: 'snippet.js', budget: 1024, aim: 1024 },
];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
for (const { file, budget, aim } of budgets) {
  const bytes = readFileSync(join(dist, file));
  const gzip = gzipOf(bytes);
  console.log(
    `widget: ${file} ${bytes.length} B (${kb(bytes.length)}), ${gzip} B (${kb(gzip)}) gzip; budget ${kb(budget)}, aim ${kb(aim)}`,
  );
  if (gzip > budget) {
    console.error(`widget: ${file} is over its budget by ${kb(gzip - budget)}`);
    process.exitCode = 1;
  }
}
