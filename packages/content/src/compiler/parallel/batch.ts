import type { MarkdownEngine } from '../engines/index.js';
import type { EssayOutcome, EssaySource } from '../essay.js';
import { answerWithoutGrammar, blockKey, type Highlighter, recording } from '../highlight.js';
import { renderEssay } from '../render.js';
import { highlightAhead } from './highlight-ahead.js';
import { parsePlainFrontmatter } from './plain-frontmatter.js';

/**
 * Renders a batch of essays as `renderEssay` does one, with the two per-batch speed-ups: their
 * code blocks highlighted together first (see highlightAhead), and frontmatter of the common
 * shape read without the YAML parser (see plain-frontmatter). The output is the same. Each
 * rendered essay keeps the blocks it asked for, for the render cache (`highlighted`).
 */
export function renderBatch(
  essays: readonly EssaySource[],
  engine: MarkdownEngine,
  highlighter: Highlighter,
): EssayOutcome[] {
  const ahead = highlightAhead(
    essays.map((essay) => essay.source),
    highlighter,
  );
  return essays.map((essay) => {
    const asked = recording(ahead);
    const outcome = renderEssay(essay, engine, asked, { plainFrontmatter: parsePlainFrontmatter });
    if (outcome.ok) outcome.essay.highlighted = [...asked.answers];
    return outcome;
  });
}

/**
 * Renders essays with blocks highlighted elsewhere (by a worker, or kept in the render cache), on
 * a thread that has not loaded Shiki. An essay that asks for a block not among them (one the
 * scan in highlight-ahead.ts misses, inside a list, say) is not rendered: its index is in
 * `missing`, for a thread with a highlighter.
 */
export function renderFromBlocks(
  essays: readonly EssaySource[],
  engine: MarkdownEngine,
  blocks: ReadonlyMap<string, string | undefined>,
): { outcomes: (EssayOutcome | undefined)[]; missing: number[] } {
  const missing: number[] = [];
  const outcomes = essays.map((essay, index) => {
    let missed = false;
    const known: Highlighter = {
      highlight(code, language) {
        const key = blockKey(code, language);
        if (blocks.has(key)) return blocks.get(key);
        const plain = answerWithoutGrammar(code, language);
        if (!plain) missed = true;
        return plain?.html;
      },
    };
    const [outcome] = renderBatch([essay], engine, known);
    if (!missed) return outcome;
    missing.push(index);
    return undefined;
  });
  return { outcomes, missing };
}
