import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * After both Vite builds: copy the hand-written host types, write the Subresource Integrity hash
 * the embed snippet uses, and print the size budget, failing the build past the hard cap.
 */
const root = dirname(dirname(fileURLToPath(import.meta.url)));
// OUT_DIR: the folder scripts/atomic-build.mjs builds into before swapping it into dist/.
const dist = process.env.OUT_DIR ? resolve(process.env.OUT_DIR) : join(root, 'dist');
for (const file of ['index.d.ts', 'react.d.ts', 'solid.d.ts'])
  cpSync(join(root, 'types', file), join(dist, file === 'index.d.ts' ? 'types.d.ts' : file));
// The React and Solid entries import the element types from ./index.js; point them at types.d.ts.
for (const file of ['react.d.ts', 'solid.d.ts']) {
  const path = join(dist, file);
  writeFileSync(path, readFileSync(path, 'utf8').replace("'./index.js'", "'./types.js'"));
}

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
};
const script = readFileSync(join(dist, 'latest-essays.iife.js'));
const gzip = gzipSync(script, { level: 9 }).length;
const integrity = `sha384-${createHash('sha384').update(script).digest('base64')}`;
writeFileSync(
  join(dist, 'integrity.json'),
  `${JSON.stringify({ version, file: 'latest-essays.iife.js', integrity, bytes: script.length, gzip }, null, 2)}\n`,
);

const target = 8 * 1024;
const cap = 10 * 1024;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
console.log(
  `widget: latest-essays.iife.js ${kb(script.length)}, ${kb(gzip)} gzip (target ${kb(target)}, hard cap ${kb(cap)})`,
);
if (gzip > cap) {
  console.error(`widget: over the hard cap by ${kb(gzip - cap)}`);
  process.exitCode = 1;
} else if (gzip > target) {
  console.warn(`widget: over the ${kb(target)} target by ${kb(gzip - target)}`);
}
