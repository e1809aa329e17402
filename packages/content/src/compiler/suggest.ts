/** Did-you-mean: the known word a typo was probably meant to be. */

/** The allowed value closest to a typo, when it is close enough to be what the writer meant. */
export function nearest(found: unknown, allowed: readonly unknown[]): string | undefined {
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

/**
 * Edits between two words, a swap of two neighbouring letters counting as one (the optimal string
 * alignment distance), so `titel` is one edit from `title`.
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
