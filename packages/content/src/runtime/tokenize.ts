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
  // Plain ASCII text, most of what is indexed, has no accents to fold and splits on a simple
  // class; the Unicode path is several times slower. Single characters are not worth indexing,
  // so both patterns ask for two or more.
  const ascii = !/[^ -~\s]/.test(text);
  const words = ascii
    ? text.toLowerCase().match(/[a-z0-9]{2,}/g)
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .match(/[\p{L}\p{N}]{2,}/gu);
  return words ? words.filter((word) => !stopWords.has(word)) : [];
}
