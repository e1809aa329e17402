import {
  type Document,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  parseDocument,
  type YAMLError,
  type YAMLMap,
} from 'yaml';
import type { z } from 'zod';
import { type Frontmatter, frontmatterExample, frontmatterSchema } from '../schema/frontmatter.js';
import { type ContentIssue, describeFound } from './errors.js';
import { nearest } from './suggest.js';

export interface SplitEssay {
  /** Frontmatter as parsed and validated, or undefined when it had problems. */
  frontmatter: Frontmatter | undefined;
  body: string;
  /** 1-based line of the file where the body starts, so body problems report file lines. */
  bodyLine: number;
  issues: ContentIssue[];
}

const fence = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const opening = /^---[ \t]*\r?$/;

/** The fields an essay may have, in the order the format lists them. */
const knownFields = ['title', 'description', 'date', 'updated', 'tags', 'series', 'draft'];
/** Free-text fields, where an unquoted " #" cuts the value short without a word of warning. */
const textFields = new Set(['title', 'description', 'series']);

/**
 * Reads frontmatter of one common shape without the YAML parser, or returns undefined to leave
 * it to the parser. It must give what the parser gives whenever it answers.
 */
export type PlainFrontmatterReader = (yaml: string) => Record<string, unknown> | undefined;

/**
 * Splits an essay into validated frontmatter and body, collecting every frontmatter problem.
 * `plain` may read the common shape more quickly; anything it declines, and anything invalid,
 * goes through the YAML parser, which knows where each problem is.
 */
export function parseEssaySource(
  file: string,
  text: string,
  plain?: PlainFrontmatterReader,
): SplitEssay {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const match = fence.exec(source);
  if (!match) {
    const firstLine = source.split('\n', 1)[0] ?? '';
    const unclosed = opening.test(firstLine);
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
          expected: unclosed
            ? 'a closing --- line after the last frontmatter field (the block opened here is never closed)'
            : 'the file to start with a frontmatter block between two --- lines',
          found: unclosed ? 'no closing --- line in the file' : describeFound(firstLine),
          example: frontmatterExample,
        },
      ],
    };
  }
  const yamlText = match[1] ?? '';
  const bodyLine = countLines(match[0]) + 1;
  const body = source.slice(match[0].length);
  const quick = plain?.(yamlText);
  if (quick) {
    const result = frontmatterSchema.safeParse(quick);
    if (result.success) return { frontmatter: result.data, body, bodyLine, issues: [] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // Frontmatter starts on line 2 of the file, after the opening fence.
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + 1, column: pos.col };
  };
  const lines = yamlText.split('\n').map((line) => line.replace(/\r$/, ''));

  if (doc.errors.length > 0) {
    const seen = new Set<number>();
    const issues: ContentIssue[] = [];
    for (const error of doc.errors) {
      const issue = yamlIssue(file, lines, error, at(error.pos[0]));
      // One message per line: a single mistake can upset the parser several times over.
      if (seen.has(issue.line)) continue;
      seen.add(issue.line);
      issues.push(issue);
    }
    // The other fields are still checked, so one build reports their problems too: the lines of
    // each field the parser choked on are blanked (spaces, so every position stays put) and the
    // rest parsed again. A field missing from what is left may be the blanking's doing, so
    // missing and unknown fields are not reported here.
    const raw = yamlText.split('\n');
    const blanked = [...raw];
    for (const issue of issues) {
      let start = Math.max(0, Math.min(issue.line - 2, lines.length - 1));
      while (start > 0 && !fieldLine.test(lines[start] ?? '')) start--;
      for (let i = start; i < lines.length && (i === start || !fieldLine.test(lines[i] ?? '')); i++)
        blanked[i] = ' '.repeat(raw[i]?.length ?? 0);
    }
    const rest = parseDocument(blanked.join('\n'), { prettyErrors: false, uniqueKeys: true });
    if (rest.errors.length === 0 && isMap(rest.contents)) {
      const broken = new Set(issues.map((issue) => issue.field));
      for (const issue of validate(file, yamlText, rest, rest.contents, at, bodyLine).issues) {
        const field = issue.field.split('.')[0] ?? '';
        if (broken.has(field) || !knownFields.includes(field)) continue;
        if (issue.found === describeFound(undefined)) continue;
        issues.push(issue);
      }
    }
    return { frontmatter: undefined, body, bodyLine, issues };
  }

  if (!isMap(doc.contents)) {
    const data: unknown = doc.toJS();
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
          expected: 'a YAML mapping of fields, one "field: value" per line',
          found: describeFound(data),
          example: frontmatterExample,
        },
      ],
    };
  }
  const { frontmatter, issues } = validate(file, yamlText, doc, doc.contents, at, bodyLine);
  return { frontmatter, body, bodyLine, issues };
}

/** The frontmatter checked against the schema, with every problem at its field's place. */
function validate(
  file: string,
  yamlText: string,
  doc: Document.Parsed,
  contents: YAMLMap,
  at: (offset: number) => { line: number; column: number },
  bodyLine: number,
): { frontmatter: Frontmatter | undefined; issues: ContentIssue[] } {
  const data: unknown = doc.toJS();
  const issues = cutByComment(file, yamlText, contents, at);

  const result = frontmatterSchema.safeParse(data);
  if (result.success) return { frontmatter: issues.length === 0 ? result.data : undefined, issues };

  const unknownKeys = new Map<string, string>();
  for (const issue of result.error.issues)
    if (issue.code === 'unrecognized_keys')
      for (const key of issue.keys) {
        const near = nearest(key, knownFields);
        if (near && !Object.hasOwn(data as object, near)) unknownKeys.set(key, near);
      }
  const reported = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One message per unknown key, each on its own line.
      for (const key of issue.keys)
        issues.push(unknownFieldIssue(file, contents, key, at, unknownKeys.has(key)));
      continue;
    }
    const path = issuePath(issue);
    const field = String(path[0] ?? '');
    // A misspelt field is reported once, on the misspelling, not again as a missing field.
    if (
      path.length === 1 &&
      [...unknownKeys.values()].includes(field) &&
      getPath(data, path) === undefined
    )
      continue;
    const value = path.length > 0 ? getPath(data, path) : data;
    const node = path.length > 0 ? doc.getIn(path, true) : undefined;
    const keyNode = findKey(contents, path[0]);
    const offset = isNode(node) && node.range ? node.range[0] : keyNode;
    const position = offset === undefined ? { line: bodyLine - 1, column: 1 } : at(offset);
    if (field === 'tags' && path.length === 1 && typeof value === 'string') {
      // `tags: apis, reliability` is one string to YAML; say so once, with the list it meant.
      if (reported.has('tags')) continue;
      reported.add('tags');
      const words = value.split(/[\s,]+/).filter(Boolean);
      issues.push({
        file,
        ...position,
        field: 'tags',
        expected: `a list of tags in square brackets: tags: [${words.join(', ')}]`,
        found: `${describeFound(value)}, a single piece of text`,
        example: frontmatterExample,
      });
      continue;
    }
    if (value === undefined && path.length === 1) {
      issues.push({
        file,
        ...position,
        field,
        expected: `a ${field} field; add a "${field}:" line above the closing ---`,
        found: describeFound(value),
        example: frontmatterExample,
      });
      continue;
    }
    const near = issue.code === 'invalid_value' ? nearest(value, issue.values) : undefined;
    issues.push({
      file,
      ...position,
      field: path.length > 0 ? path.join('.') : 'frontmatter',
      expected: expectedFor(issue),
      found: `${describeFound(value)}${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
      example: frontmatterExample,
    });
  }
  return { frontmatter: undefined, issues };
}

/**
 * An unknown field, with the known field it was probably meant to be when that one is not
 * there already (`rename`).
 */
function unknownFieldIssue(
  file: string,
  contents: YAMLMap,
  key: string,
  at: (offset: number) => { line: number; column: number },
  rename: boolean,
): ContentIssue {
  const offset = findKey(contents, key);
  const near = rename ? nearest(key, knownFields) : undefined;
  return {
    file,
    ...(offset === undefined ? { line: 2, column: 1 } : at(offset)),
    field: key,
    expected:
      near === undefined
        ? `only the known fields (${knownFields.join(', ')}); remove "${key}"`
        : `only the known fields (${knownFields.join(', ')}); rename "${key}" to "${near}"`,
    found: `"${key}"${near === undefined ? '' : ` (did you mean "${near}"?)`}`,
    example: frontmatterExample,
  };
}

/**
 * A plain text value followed by " #" on the same line: YAML keeps only what comes before it and
 * reads the rest as a comment, so `description: Pitfalls #1 to #9` would publish "Pitfalls".
 */
function cutByComment(
  file: string,
  yamlText: string,
  contents: YAMLMap,
  at: (offset: number) => { line: number; column: number },
): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    if (!textFields.has(key) || !isScalar(value) || value.type !== 'PLAIN' || !value.range)
      continue;
    const end = value.range[1];
    const lineEnd = yamlText.indexOf('\n', end);
    const rest = yamlText.slice(end, lineEnd < 0 ? undefined : lineEnd);
    const hash = rest.indexOf('#');
    if (hash < 0) continue;
    const whole = `${String(value.value)}${rest}`.replace(/\r$/, '').trimEnd();
    issues.push({
      file,
      ...at(end + hash),
      field: key,
      expected: `the whole ${key} in double quotes, because YAML reads " #" as the start of a comment: ${key}: ${JSON.stringify(whole)}`,
      found: `${describeFound(value.value)}, then a comment: ${describeFound(rest.trim())}`,
    });
  }
  return issues;
}

/** A YAML syntax error as the writer meets it: the field it is in, and how to write the value. */
function yamlIssue(
  file: string,
  lines: readonly string[],
  error: YAMLError,
  position: { line: number; column: number },
): ContentIssue {
  // `line` counts from the file's first line; the YAML's first line is the file's second.
  const index = Math.min(position.line - 2, lines.length - 1);
  let keyIndex = index;
  while (keyIndex > 0 && !fieldLine.test(lines[keyIndex] ?? '')) keyIndex--;
  // A flow list left open is reported where the parser gave up: on the next field's line.
  if (
    keyIndex > 0 &&
    position.column === 1 &&
    /\[[^\]]*$/.test(lines[keyIndex - 1] ?? '') &&
    error.code === 'BAD_INDENT'
  )
    keyIndex--;
  const [, field = 'frontmatter', value = ''] = fieldLine.exec(lines[keyIndex] ?? '') ?? [];
  const fieldStart = { line: keyIndex + 2, column: 1 };
  const valueStart = { line: keyIndex + 2, column: field.length + 3 };
  const quoted = `${field}: ${JSON.stringify(value.replace(/^["']|["']$/g, ''))}`;
  const base = { file, field, example: frontmatterExample };
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      return {
        ...base,
        ...position,
        expected: `the ${field} in double quotes, because it contains ": ", which YAML reads as a nested field: ${quoted}`,
        found: describeFound(value),
      };
    case 'BAD_SCALAR_START':
      return {
        ...base,
        ...position,
        expected: `the ${field} in double quotes, because YAML reserves its first character: ${quoted}`,
        found: describeFound(value),
      };
    case 'DUPLICATE_KEY':
      return {
        ...base,
        ...position,
        expected: `each field once; remove one of the two "${field}" lines`,
        found: `a second "${field}"`,
      };
    case 'BAD_INDENT':
      if (/^\s*\[/.test(value) && !value.includes(']'))
        return {
          ...base,
          ...valueStart,
          expected:
            field === 'tags'
              ? 'a list closed with ] on the same line, such as tags: [apis, reliability]'
              : `the whole ${field} in double quotes, because YAML reads a leading [ as the start of a list: ${quoted}`,
          found: describeFound(value),
        };
      break;
    case 'UNEXPECTED_TOKEN':
      if (/^["']/.test(value))
        return {
          ...base,
          ...position,
          expected: `a value quoted in full and nothing after the closing quote; inside double quotes write \\" for a quote, inside single quotes ''`,
          found: describeFound(value),
        };
      break;
  }
  return {
    ...base,
    ...(field === 'frontmatter'
      ? position
      : fieldStart.line === position.line
        ? position
        : fieldStart),
    expected: `valid YAML, one "field: value" per line, starting at the first column (the parser says: ${error.message.split('\n', 1)[0] ?? error.code})`,
    found: describeFound(lines[index] ?? ''),
  };
}

/** A line that starts a field: its name and the raw value after the colon. */
const fieldLine = /^([A-Za-z_][\w-]*):[ \t]*(.*)$/;

function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  // An unrecognised key is reported on the object; point at the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) return [...path, issue.keys[0]];
  return path;
}

function expectedFor(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')) {
    return `a value of type ${issue.expected}`;
  }
  return issue.message;
}

function findKey(map: YAMLMap, key: string | number | undefined): number | undefined {
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
