import { isMap, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Frontmatter, frontmatterExample, frontmatterSchema } from '../schema/frontmatter.js';
import { type ContentIssue, describeFound } from './errors.js';
import { parsePlainFrontmatter } from './plain-frontmatter.js';

export interface SplitEssay {
  /** Frontmatter as parsed and validated, or undefined when it had problems. */
  frontmatter: Frontmatter | undefined;
  body: string;
  /** 1-based line of the file where the body starts, so body problems report file lines. */
  bodyLine: number;
  issues: ContentIssue[];
}

const fence = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits an essay into validated frontmatter and body, collecting every frontmatter problem. */
export function parseEssaySource(file: string, source: string): SplitEssay {
  const match = fence.exec(source);
  if (!match) {
    return {
      frontmatter: undefined,
      body: source,
      bodyLine: 1,
      issues: [
        {
          file,
          line: 1,
          column: 1,
          field: 'frontmatter',
          expected: 'the file to start with a frontmatter block between two --- lines',
          found: describeFound(source.split('\n', 1)[0]),
          example: frontmatterExample,
        },
      ],
    };
  }
  const yamlText = match[1] ?? '';
  const bodyLine = countLines(match[0]) + 1;
  const body = source.slice(match[0].length);
  // The common shape needs no YAML parser; anything else, and any invalid value, takes the full
  // path below, which knows where each problem is.
  const plain = parsePlainFrontmatter(yamlText);
  if (plain) {
    const result = frontmatterSchema.safeParse(plain);
    if (result.success) return { frontmatter: result.data, body, bodyLine, issues: [] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // Frontmatter starts on line 2 of the file, after the opening fence.
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + 1, column: pos.col };
  };

  if (doc.errors.length > 0) {
    return {
      frontmatter: undefined,
      body,
      bodyLine,
      issues: doc.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        field: 'frontmatter',
        expected: 'valid YAML',
        found: error.message.split('\n', 1)[0] ?? error.code,
        example: frontmatterExample,
      })),
    };
  }

  const data: unknown = doc.toJS();
  if (!isMap(doc.contents)) {
    return {
      frontmatter: undefined,
      body,
      bodyLine,
      issues: [
        {
          file,
          line: 2,
          column: 1,
          field: 'frontmatter',
          expected: 'a YAML mapping of fields',
          found: describeFound(data),
          example: frontmatterExample,
        },
      ],
    };
  }

  const result = frontmatterSchema.safeParse(data);
  if (result.success) return { frontmatter: result.data, body, bodyLine, issues: [] };

  const issues = result.error.issues.map((issue): ContentIssue => {
    const path = issuePath(issue);
    const node = path.length > 0 ? doc.getIn(path, true) : undefined;
    const keyNode =
      doc.contents && isMap(doc.contents) ? findKey(doc.contents, path[0]) : undefined;
    const offset = isNode(node) && node.range ? node.range[0] : keyNode;
    const position = offset === undefined ? { line: bodyLine - 1, column: 1 } : at(offset);
    const value = path.length > 0 ? getPath(data, path) : data;
    const near = issue.code === 'invalid_value' ? nearest(value, issue.values) : undefined;
    return {
      file,
      ...position,
      field: path.length > 0 ? path.join('.') : 'frontmatter',
      expected: expectedFor(issue),
      found: `${describeFound(value)}${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
      example: frontmatterExample,
    };
  });
  return { frontmatter: undefined, body, bodyLine, issues };
}

function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  // An unrecognised key is reported on the object; point at the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) return [...path, issue.keys[0]];
  return path;
}

/** The allowed value closest to a typo, when it is close enough to be what the writer meant. */
function nearest(found: unknown, allowed: readonly unknown[]): string | undefined {
  if (typeof found !== 'string') return undefined;
  let best: { value: string; distance: number } | undefined;
  for (const value of allowed) {
    if (typeof value !== 'string') continue;
    const distance = editDistance(found.toLowerCase(), value);
    if (!best || distance < best.distance) best = { value, distance };
  }
  // One edit in four characters still reads as a typo; more is a different word.
  return best && best.distance <= Math.max(1, Math.floor(best.value.length / 4))
    ? best.value
    : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function expectedFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `only the known fields (title, description, date, updated, tags, series, draft); remove "${issue.keys.join('", "')}"`;
  }
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `a value of type ${issue.expected}`;
  }
  return issue.message;
}

function findKey(
  map: import('yaml').YAMLMap,
  key: string | number | undefined,
): number | undefined {
  if (key === undefined) return undefined;
  for (const pair of map.items) {
    if (isNode(pair.key) && (pair.key as { value?: unknown }).value === key && pair.key.range) {
      return pair.key.range[0];
    }
  }
  return undefined;
}

function getPath(data: unknown, path: readonly (string | number)[]): unknown {
  let current: unknown = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}
