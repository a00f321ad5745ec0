/**
 * Text folding for case- and diacritic-insensitive matching and ordering: "Šefčovič" -> "sefcovic".
 * Stored folded copies (sortName, foldedNames) are computed with this same function at write time, and
 * query arguments are folded with it before they reach Cypher.
 */

/** Lower case, compatibility-decomposed, without combining marks; Cyrillic stays Cyrillic. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Latin letters that NFKD leaves whole but Lucene's ASCIIFoldingFilter folds. */
const LATIN_LETTERS_TO_FOLD: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * Folds text the way the full-text index `entity_search` (analyzer `standard-folding`) stores it: lower
 * case, Latin letters without diacritics ("Šefčovič" -> "sefcovic", "Straße" -> "strasse"), other scripts
 * as written, compatibility forms as their plain letters ("Ａ", "𝐀" -> "a"). Unlike foldText it keeps
 * Cyrillic letters whole: "й" stays "й", as in the index.
 */
export function foldSearchText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\p{Script=Latin}/gu, (letter) => LATIN_LETTERS_TO_FOLD[letter] ?? letter.normalize('NFKD').replace(/\p{M}/gu, ''))
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}
