import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtures, packageRoot, temporaryDir } from '../../test/helpers.js';
import { markdownItEngine } from './engines/markdown-it.js';
import { parseEssaySource } from './frontmatter.js';
import { createHighlighter, type Highlighter } from './highlight.js';
import { checkSamples, completeSamples } from './samples.js';

const typeRoots = [join(packageRoot, 'node_modules', '@types')];
let highlighter: Highlighter;
beforeAll(async () => {
  highlighter = await createHighlighter();
});

function samplesOf(file: string, slug: string) {
  const split = parseEssaySource(file, readFileSync(file, 'utf8'));
  const body = markdownItEngine.render(
    { slug, file, dir: join(file, '..'), body: split.body, bodyLine: split.bodyLine },
    highlighter,
  );
  return completeSamples(body.code);
}

describe('the sample checker', () => {
  it('extracts complete blocks and passes a sample that compiles', () => {
    const samples = samplesOf(join(fixtures, 'good', 'first-essay', 'index.md'), 'first-essay');
    expect(samples.map((sample) => sample.name)).toEqual(['sample-1.ts']);
    expect(
      checkSamples(samples, temporaryDir('sample-ok'), 'first-essay/index.md', typeRoots),
    ).toEqual([]);
  });

  it('fails a sample with a type error, pointing at the essay line', () => {
    const samples = [{ name: 'broken.ts', code: 'export const n: number = "four";\n', line: 20 }];
    const problems = checkSamples(samples, temporaryDir('sample-bad'), 'x/index.md', typeRoots);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^x\/index\.md:21: Type 'string' is not assignable to type 'number'/,
    );
  });

  it('lets named blocks import each other', () => {
    const samples = [
      {
        name: 'hash.ts',
        code: "import { createHash } from 'node:crypto';\nexport const sha = (s: string): string => createHash('sha256').update(s).digest('hex');\n",
        line: 1,
      },
      {
        name: 'sample-2.ts',
        code: "import { sha } from './hash.js';\nconsole.log(sha('a').length);\n",
        line: 9,
      },
    ];
    expect(checkSamples(samples, temporaryDir('sample-import'), 'x/index.md', typeRoots)).toEqual(
      [],
    );
  });
});

const essaysDir = join(packageRoot, 'essays');
const withSamples = (existsSync(essaysDir) ? readdirSync(essaysDir) : []).filter((slug) => {
  const file = join(essaysDir, slug, 'index.md');
  return (
    existsSync(file) && /```(?:ts|typescript)[^\n]*\bcomplete\b/.test(readFileSync(file, 'utf8'))
  );
});

describe.runIf(withSamples.length > 0)('every complete TypeScript sample in the essays', () => {
  it.each(withSamples)('%s type-checks', (slug) => {
    const file = join(essaysDir, slug, 'index.md');
    const samples = samplesOf(file, slug);
    expect(samples.length).toBeGreaterThan(0);
    expect(
      checkSamples(
        samples,
        join(temporaryDir('samples'), slug),
        `essays/${slug}/index.md`,
        typeRoots,
      ),
    ).toEqual([]);
  });
});
