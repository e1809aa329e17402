import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export interface Sample {
  /** Module file name inside the essay's sample folder, such as `block.ts` or `sample-3.ts`. */
  name: string;
  code: string;
  line: number;
}

/**
 * The TypeScript blocks an essay marks `complete`. `file=name.ts` names the module so other
 * blocks of the same essay can import it as `./name.js`.
 */
export function completeSamples(
  code: readonly { lang: string; meta: string; value: string; line: number }[],
): Sample[] {
  return code
    .filter(
      (block) =>
        (block.lang === 'ts' || block.lang === 'typescript') &&
        /(?:^|\s)complete(?:\s|$)/.test(block.meta),
    )
    .map((block, index) => ({
      name: /(?:^|\s)file=([\w.-]+\.ts)(?:\s|$)/.exec(block.meta)?.[1] ?? `sample-${index + 1}.ts`,
      code: block.value,
      line: block.line,
    }));
}

/** The settings samples compile under: as strict as the project's own code. */
export const sampleCompilerOptions: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitReturns: true,
  verbatimModuleSyntax: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2023,
  lib: ['lib.es2023.d.ts'],
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Writes an essay's samples into `dir` as an ES module package and type-checks them together.
 * Returns one readable line per diagnostic, pointing at the essay's own line numbers.
 */
export function checkSamples(
  samples: readonly Sample[],
  dir: string,
  essayFile: string,
  typeRoots: string[],
): string[] {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  const lineOf = new Map<string, number>();
  const files = samples.map((sample) => {
    const path = join(dir, sample.name);
    writeFileSync(path, sample.code);
    lineOf.set(path, sample.line);
    return path;
  });
  const program = ts.createProgram(files, { ...sampleCompilerOptions, typeRoots });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const blockLine = lineOf.get(diagnostic.file.fileName);
    // +1 for the fence line above the code, +1 because TypeScript counts lines from 0.
    const where =
      blockLine === undefined ? diagnostic.file.fileName : `${essayFile}:${blockLine + 1 + line}`;
    return `${where}: ${message}`;
  });
}
