import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../../scripts/run-tool.mjs';
import { packageRoot, temporaryDir } from './helpers.js';

/** A tool from this package's devDependencies. */
export const bin = (name: string) => join(packageRoot, 'node_modules', '.bin', name);

export { run };

/** Packs this package as `npm publish` would (`pnpm pack`) and returns the tarball's path. */
export function packTarball(): string {
  const packDir = temporaryDir('pack');
  run('pnpm', ['pack', '--pack-destination', packDir], packageRoot);
  return join(packDir, readdirSync(packDir).find((file) => file.endsWith('.tgz')) ?? '');
}

/**
 * A fresh project outside the repository with the packed tarball installed by npm into its
 * node_modules, as an npm user gets it, plus any other registry packages named.
 */
export function consumerProject(prefix: string, tarball: string, others: string[] = []): string {
  const project = temporaryDir(prefix);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: prefix, private: true, type: 'module' }),
  );
  run(
    'npm',
    [
      'install',
      tarball,
      ...others,
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
    ],
    project,
  );
  return project;
}
