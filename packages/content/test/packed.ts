import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, temporaryDir } from './helpers.js';

/** A tool from this package's devDependencies. */
export const bin = (name: string) => join(packageRoot, 'node_modules', '.bin', name);

/** Runs a tool; on failure the error carries its output, so a red test says what the tool said. */
export function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

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
