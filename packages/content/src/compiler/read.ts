import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentIssue } from './errors.js';
import type { EssaySource } from './essay.js';

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Essay sources by path with the size and mtime they were read at: rebuilds re-read only edits. */
export type SourceCache = Map<string, { size: number; mtimeMs: number; source: string }>;

/**
 * Reads every `<slug>/index.md` of a folder as text. A problem with one file (a bad folder name,
 * a missing or unreadable index.md, bytes that are not UTF-8) becomes an issue for that essay;
 * the others are still read, so one build reports every problem.
 */
export function readEssays(
  essaysDir: string,
  known: SourceCache = new Map(),
): { sources: EssaySource[]; issues: ContentIssue[] } {
  const sources: EssaySource[] = [];
  const issues: ContentIssue[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(essaysDir, { withFileTypes: true });
  } catch (error) {
    const code = errorCode(error);
    issues.push({
      file: shown(essaysDir),
      line: 1,
      column: 1,
      field: 'essays folder',
      expected:
        code === 'ENOENT'
          ? 'a folder of essay folders (check the --essays path)'
          : 'a folder of essay folders that this user can read',
      found: code === 'ENOENT' ? 'no such folder' : describeReadError(error),
    });
    return { sources, issues };
  }
  const folders = entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  for (const entry of folders.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(essaysDir, entry.name);
    const path = join(dir, 'index.md');
    const file = shown(path);
    if (!slugPattern.test(entry.name)) {
      issues.push({
        file,
        line: 1,
        column: 1,
        field: 'slug (folder name)',
        expected: 'lowercase letters, digits and single hyphens, such as inside-v8',
        found: `"${entry.name}"`,
      });
      continue;
    }
    const read = readSource(path, known);
    if (typeof read === 'string') sources.push({ slug: entry.name, file, dir, source: read });
    else issues.push({ file, ...read });
  }
  return { sources, issues };
}

/** The text of one index.md, or what is wrong with the file. */
function readSource(path: string, known: SourceCache): string | Omit<ContentIssue, 'file'> {
  let size: number;
  let mtimeMs: number;
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    const seen = known.get(path);
    if (seen && seen.size === stats.size && seen.mtimeMs === stats.mtimeMs) return seen.source;
    ({ size, mtimeMs } = stats);
    bytes = readFileSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT')
      return {
        line: 1,
        column: 1,
        field: 'index.md',
        expected: 'an index.md in every essay folder (add one, or remove the folder)',
        found: 'no index.md',
      };
    return {
      line: 1,
      column: 1,
      field: 'index.md',
      expected: 'an index.md this user can read (check its permissions, or that it is a file)',
      found: describeReadError(error),
    };
  }
  if (!isUtf8(bytes)) return invalidUtf8(bytes);
  // A byte-order mark is how some editors (Notepad, older Visual Studio) save UTF-8; it is not text.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const source = bytes.toString('utf8', start);
  known.set(path, { size, mtimeMs, source });
  return source;
}

/** Where the first byte that is not UTF-8 sits, as a line and column of the text before it. */
function invalidUtf8(bytes: Buffer): Omit<ContentIssue, 'file'> {
  const offset = firstInvalidByte(bytes);
  const before = bytes.toString('utf8', 0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (before.charCodeAt(i) === 10) line++;
  const hex = [...bytes.subarray(offset, offset + 4)]
    .slice(0, Math.max(1, sequenceLength(bytes, offset)))
    .map((byte) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join(' ');
  return {
    line,
    column: [...before.slice(lineStart)].length + 1,
    field: 'encoding',
    expected:
      'UTF-8 text (save the file as UTF-8 in your editor; Latin-1 or Windows-1252 bytes are not UTF-8)',
    found: `the byte${hex.includes(' ') ? 's' : ''} ${hex}, which ${hex.includes(' ') ? 'are' : 'is'} not UTF-8`,
  };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidByte(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** The length of the well-formed UTF-8 sequence starting at `i`, or 0 when it is not one. */
function sequenceLength(bytes: Buffer, i: number): number {
  const first = bytes[i] ?? 0;
  const next = (k: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[i + k];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first < 0x80) return 1;
  if (first >= 0xc2 && first <= 0xdf) return next(1) ? 2 : 0;
  if (first === 0xe0) return next(1, 0xa0) && next(2) ? 3 : 0;
  if (first === 0xed) return next(1, 0x80, 0x9f) && next(2) ? 3 : 0;
  if (first >= 0xe1 && first <= 0xef) return next(1) && next(2) ? 3 : 0;
  if (first === 0xf0) return next(1, 0x90) && next(2) && next(3) ? 4 : 0;
  if (first >= 0xf1 && first <= 0xf3) return next(1) && next(2) && next(3) ? 4 : 0;
  if (first === 0xf4) return next(1, 0x80, 0x8f) && next(2) && next(3) ? 4 : 0;
  return 0;
}

function errorCode(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'code' in error ? String(error.code) : undefined;
}

const readErrors: Record<string, string> = {
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
  EISDIR: 'a folder, not a file (EISDIR)',
  ENOTDIR: 'not a folder (ENOTDIR)',
  ELOOP: 'a symbolic link that loops (ELOOP)',
  EIO: 'an input/output error from the disk (EIO)',
};

/** A file-system error in words, with its code for searching. */
export function describeReadError(error: unknown): string {
  const code = errorCode(error);
  if (code && readErrors[code]) return `could not be read: ${readErrors[code]}`;
  return `could not be read: ${error instanceof Error ? error.message : String(error)}`;
}

/** A path as errors show it: relative to where the build runs, when that is shorter. */
export function shown(path: string): string {
  return relative(process.cwd(), path) || path;
}
