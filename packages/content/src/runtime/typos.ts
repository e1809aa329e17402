/**
 * How many typing mistakes a word of this length may carry and still match: none under four
 * letters (too many short words are one edit apart), one up to seven, two from eight.
 */
export function typoBudget(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

// Three rows of the edit table, reused across calls: comparing a query word with every word of
// the vocabulary would otherwise allocate three arrays per comparison.
let rows = [new Uint16Array(64), new Uint16Array(64), new Uint16Array(64)];

/**
 * True when `a` becomes `b` in at most `limit` edits: insertions, deletions, substitutions and
 * swaps of two neighbouring letters (the optimal string alignment distance). A row is abandoned
 * as soon as every cell in it is over the limit, so most comparisons stop after a letter or two.
 */
export function withinEdits(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (b.length + 1 > (rows[0]?.length ?? 0)) rows = rows.map(() => new Uint16Array(b.length + 1));
  let [before, previous, current] = rows as [Uint16Array, Uint16Array, Uint16Array];
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        value = Math.min(value, (before[j - 2] as number) + 1);
      current[j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return false;
    [before, previous, current] = [previous, current, before];
  }
  return (previous[b.length] as number) <= limit;
}
