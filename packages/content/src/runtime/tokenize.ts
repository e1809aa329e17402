const stopWords = new Set(
  'a an and are as at be but by for from has have he her his i if in into is it its me my no not of on or our so than that the their them then there these they this to was we were what when which who why will with you your'.split(
    ' ',
  ),
);

/**
 * Lowercase words without accents or stop words. The index and the query use this one function,
 * so "Résumé" typed in the search box finds "resume" in an essay.
 */
export function tokenize(text: string): string[] {
  // Decomposing accents is the slow step; plain ASCII text has none to remove.
  const folded = /[^ -~\s]/.test(text)
    ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    : text;
  const words = folded.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return words.filter((word) => word.length > 1 && !stopWords.has(word));
}
