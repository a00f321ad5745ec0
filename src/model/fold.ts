/**
 * Text folding for case- and diacritic-insensitive matching and ordering: "Šefčovič" -> "sefcovic".
 * Stored folded copies (sortName, foldedNames) are computed with this same function at write time, and
 * query arguments are folded with it before they reach Cypher.
 */

/** Lower case, compatibility-decomposed, without combining marks; Cyrillic stays Cyrillic. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
