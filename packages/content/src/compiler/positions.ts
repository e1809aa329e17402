/** A place in index.md, counted as editors count it: lines and columns from 1. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Finds where a piece of an essay's body sits in the file, so a body problem points at the link,
 * image or fence it is about rather than at column 1 of its paragraph. Both engines use it, so
 * they report the same place. Line starts are counted on first use: an essay without problems or
 * internal links never pays for them.
 */
export class BodyPositions {
  readonly #body: string;
  readonly #bodyLine: number;
  #lineStarts: number[] | undefined;
  /** Where the next search for the same text from the same line starts: repeats are found in order. */
  readonly #cursors = new Map<string, number>();

  constructor(body: string, bodyLine: number) {
    this.#body = body;
    this.#bodyLine = bodyLine;
  }

  /** The text of a file line that belongs to the body, without its line break. */
  lineText(line: number): string {
    const starts = this.#starts();
    const index = line - this.#bodyLine;
    const start = starts[index];
    if (start === undefined) return '';
    const end = starts[index + 1] ?? this.#body.length + 1;
    return this.#body.slice(start, end - 1).replace(/\r$/, '');
  }

  /** The file position of an offset into the body. */
  at(offset: number): Position {
    const starts = this.#starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: this.#bodyLine + low, column: offset - (starts[low] ?? 0) + 1 };
  }

  /**
   * Where `text` first occurs from the start of file line `line` on, after any earlier find of
   * the same text from the same line; the start of that line when the text is not there (a
   * reference-style link's target sits in its definition, which is searched next).
   */
  find(text: string, line: number, offset?: number): Position {
    const starts = this.#starts();
    const from = offset ?? starts[line - this.#bodyLine] ?? 0;
    const key = `${from}\0${text}`;
    let found = text ? this.#body.indexOf(text, this.#cursors.get(key) ?? from) : -1;
    if (found < 0 && text) found = this.#body.indexOf(text);
    if (found < 0) return { line, column: this.#firstColumn(line) };
    this.#cursors.set(key, found + text.length);
    return this.at(found);
  }

  /** The column of the first character that is not a space, on a body line. */
  #firstColumn(line: number): number {
    return (/^\s*/.exec(this.lineText(line))?.[0].length ?? 0) + 1;
  }

  #starts(): number[] {
    if (this.#lineStarts) return this.#lineStarts;
    const starts = [0];
    for (let i = this.#body.indexOf('\n'); i >= 0; i = this.#body.indexOf('\n', i + 1))
      starts.push(i + 1);
    this.#lineStarts = starts;
    return starts;
  }
}
