import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type CompileOptions, Compiler } from './compiler/compile.js';
import { ContentError, OutputError } from './compiler/errors.js';

/**
 * The compile command's builds, as `pnpm compile` prints them: what cli.ts runs, and what the
 * whole-site command (apps/web/scripts/build-site.mjs) runs in its own process, which then starts
 * compiling about a tenth of a second sooner than a compile process of its own would.
 */
export interface CompileCommand {
  /** Builds once and prints the summary, or what is wrong with the essays: true when it built. */
  build(): Promise<boolean>;
  close(): Promise<void>;
}

export function compileCommand(options: CompileOptions): CompileCommand {
  const compiler = new Compiler(options);
  return {
    async build() {
      try {
        const stats = await compiler.build();
        console.log(
          `content: ${stats.published} essays published (${plural(stats.essays - stats.published, 'draft')}), ${stats.rendered} rendered, ${stats.filesWritten} files written in ${stats.milliseconds.toFixed(0)} ms`,
        );
        console.log(
          `content: ${sizeOf(options.outDir, 'meta.js')} metadata index, ${sizeOf(options.outDir, 'search-index.json')} search index`,
        );
        // For the site benchmark (apps/web/scripts/bench.ts): this step's figures, one JSON line.
        if (process.env.WORKING_NOTES_REPORT)
          appendFileSync(
            process.env.WORKING_NOTES_REPORT,
            `${JSON.stringify({ step: 'compile', ...stats, maxRssKb: process.resourceUsage().maxRSS })}\n`,
          );
        return true;
      } catch (error) {
        if (error instanceof ContentError || error instanceof OutputError) {
          console.error(`\n${error.message}\n`);
          return false;
        }
        throw error;
      }
    },
    close: () => compiler.close(),
  };
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * What a consumer downloads for one output file: raw and gzip-compressed, in KB. Above 1 MB only
 * the raw size: gzip took 0.35 s for the 6.4 MB whole search index of 5000 essays, on every
 * rebuild, for one line of output.
 */
function sizeOf(outDir: string, file: string): string {
  const bytes = readFileSync(join(outDir, file));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return bytes.length > 1024 * 1024
    ? kb(bytes.length)
    : `${kb(bytes.length)} (${kb(gzipSync(bytes).length)} gzip)`;
}
