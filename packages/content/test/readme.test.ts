import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from './helpers.js';
import { bin, consumerProject, packTarball, run } from './packed.js';

/**
 * Every code example in the README, verbatim, as a reader would paste it into a project that
 * installed the packed tarball: type-checked under both supported resolution modes, then run
 * in Node. A README that drifts from the package fails here.
 */
const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
const fences = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
  lang: match[1] ?? '',
  code: match[2] ?? '',
}));
const examples = fences.filter((fence) => fence.lang === 'ts');

let project: string;

beforeAll(() => {
  project = consumerProject('readme', packTarball());
  for (const [index, example] of examples.entries())
    writeFileSync(join(project, `example-${index + 1}.mts`), example.code);
});

describe('the README', () => {
  it('shows code only as TypeScript examples, and the one install command', () => {
    expect(fences.map((fence) => fence.lang).filter((lang) => lang !== 'ts')).toEqual(['bash']);
    expect(fences.find((fence) => fence.lang === 'bash')?.code).toBe(
      'npm install @working-notes/content\n',
    );
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each([
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('type-checks every example with moduleResolution %s', (name, resolution) => {
    writeFileSync(
      join(project, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: {
          ...resolution,
          strict: true,
          noEmit: true,
          target: 'es2022',
          lib: ['es2022'],
          types: ['node'],
          typeRoots: [join(packageRoot, 'node_modules', '@types')],
          skipLibCheck: true,
        },
        files: examples.map((_, index) => `example-${index + 1}.mts`),
      }),
    );
    expect(() => run(bin('tsc'), ['-p', `tsconfig.${name}.json`], project)).not.toThrow();
  });

  it.each(examples.map((example, index) => [index + 1, example.code.split('\n')[0]]))(
    'runs example %i in Node (%s)',
    async (number) => {
      const source = readFileSync(join(project, `example-${number}.mts`), 'utf8');
      const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'node20' });
      writeFileSync(join(project, `example-${number}.mjs`), code);
      const printed = run('node', [`example-${number}.mjs`], project);
      expect(printed.trim().length).toBeGreaterThan(0);
    },
  );
});
