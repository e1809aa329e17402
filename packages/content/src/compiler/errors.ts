/**
 * One problem in one essay, precise enough to fix without opening the compiler: where it is,
 * which field, what the compiler expected, what it found, and a valid example when that helps.
 */
export interface ContentIssue {
  file: string;
  line: number;
  column: number;
  field: string;
  expected: string;
  found: string;
  example?: string;
}

/** Thrown when any essay is broken; carries every issue in the corpus, not only the first. */
export class ContentError extends Error {
  readonly issues: readonly ContentIssue[];

  /** `issues` in any order; they are reported by file, line and column. */
  constructor(issues: readonly ContentIssue[]) {
    const sorted = [...issues].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
    );
    super(formatIssues(sorted));
    this.name = 'ContentError';
    this.issues = sorted;
  }
}

export function formatIssue(issue: ContentIssue): string {
  const lines = [
    `${issue.file}:${issue.line}:${issue.column}  ${issue.field}`,
    `  expected: ${issue.expected}`,
    `  found:    ${issue.found}`,
  ];
  if (issue.example) {
    lines.push('  example:', ...issue.example.split('\n').map((line) => `    ${line}`));
  }
  return lines.join('\n');
}

export function formatIssues(issues: readonly ContentIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `The essays have ${count}; nothing was written.\n\n${issues.map(formatIssue).join('\n\n')}`;
}

/** Renders a value from the essay for the "found" line, short enough to read at a glance. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

const writeErrors: Record<string, string> = {
  EACCES:
    'permission denied (EACCES): make the folder writable by this user, or choose another --out',
  EPERM:
    'operation not permitted (EPERM): make the folder writable by this user, or choose another --out',
  EROFS: 'the file system is read-only (EROFS): choose an --out folder on a writable disk',
  ENOTDIR:
    'a file stands where a folder must be (ENOTDIR): remove that file, or choose another --out',
  EEXIST:
    'a file stands where a folder must be (EEXIST): remove that file, or choose another --out',
  EISDIR:
    'a folder stands where a file must be (EISDIR): remove that folder, or choose another --out',
  ENOSPC: 'the disk is full (ENOSPC): free some space and build again',
};

/**
 * Thrown when the output folder cannot be written: which folder, which file, and what to do. The
 * essays were fine; files written before the failure keep their new content, and the next build
 * that can write finishes the job.
 */
export class OutputError extends Error {
  readonly outDir: string;
  readonly path: string | undefined;
  readonly code: string | undefined;

  constructor(outDir: string, path: string | undefined, code: string | undefined, detail: string) {
    super(
      `The output could not be written to ${outDir}${path && path !== outDir ? ` (at ${path})` : ''}: ${detail}`,
    );
    this.name = 'OutputError';
    this.outDir = outDir;
    this.path = path;
    this.code = code;
  }

  static from(outDir: string, error: unknown): OutputError | unknown {
    if (!(error instanceof Error) || !('code' in error)) return error;
    const code = String(error.code);
    const path = 'path' in error && typeof error.path === 'string' ? error.path : undefined;
    return new OutputError(outDir, path, code, writeErrors[code] ?? error.message);
  }
}
