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

  constructor(issues: readonly ContentIssue[]) {
    super(formatIssues(issues));
    this.name = 'ContentError';
    this.issues = issues;
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
