import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { optionsTable } from '../scripts/api.js';
import { type Option, optionTable } from '../src/options.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Manifest {
  modules: {
    path: string;
    declarations: {
      tagName: string;
      attributes: { name: string; default?: string; type: { text: string } }[];
      events: { name: string; type: { text: string } }[];
      members: { name: string }[];
    }[];
    exports: { kind: string; name: string; declaration: { module: string } }[];
  }[];
}

describe('what the package says about itself', () => {
  const manifest = JSON.parse(read('dist/custom-elements.json')) as Manifest;
  const module = manifest.modules[0];
  const declaration = module?.declarations[0];

  it('the manifest names the shipped module and exports the element definition', () => {
    const pkg = JSON.parse(read('package.json')) as { exports: Record<string, unknown> };
    expect(module?.path).toBe('dist/latest-essays.js');
    expect(JSON.stringify(pkg.exports['.'])).toContain(`./${module?.path}`);
    expect(module?.exports).toContainEqual(
      expect.objectContaining({ kind: 'custom-element-definition', name: 'latest-essays' }),
    );
    expect(declaration?.tagName).toBe('latest-essays');
  });

  it('the manifest lists every attribute with its default, events with typed detail, no private members', () => {
    const options = Object.values(optionTable) as Option[];
    expect(declaration?.attributes.map((attribute) => attribute.name)).toEqual(
      options.map((option) => option.name),
    );
    expect(declaration?.attributes.find((a) => a.name === 'count')?.default).toBe('5');
    expect(declaration?.attributes.find((a) => a.name === 'theme')?.type.text).toBe(
      '"auto" | "light" | "dark"',
    );
    expect(declaration?.events.find((e) => e.name === 'latest-essays-load')?.type.text).toBe(
      'CustomEvent<{ count: number }>',
    );
    expect(declaration?.events.find((e) => e.name === 'latest-essays-error')?.type.text).toBe(
      'CustomEvent<{ reason: string }>',
    );
    expect(JSON.stringify(manifest)).not.toMatch(/"name":\s*"#/);
  });

  it('the README’s options table is the one the table generates', () => {
    expect(read('README.md')).toContain(`<!-- options -->\n${optionsTable()}\n<!-- /options -->`);
  });

  it('the typings carry each attribute and the element’s typed listeners', () => {
    const types = read('dist/types.d.ts');
    for (const option of Object.values(optionTable) as Option[])
      expect(types).toContain(`'${option.name}'?:`);
    expect(types).toContain("'latest-essays-load': LatestEssaysLoadEvent;");
    expect(types).toContain('addEventListener<K extends keyof LatestEssaysEventMap>');
    expect(read('dist/react.d.ts')).toContain(
      "'onlatest-essays-load'?: (event: LatestEssaysLoadEvent) => void;",
    );
  });
});
