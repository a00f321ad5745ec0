/**
 * Search text -> the Lucene query run against the full-text index `entity_search` (cypher/schema.cypher),
 * and the stored spelling a hit matched best. The text is cut into words of letters and digits only, so
 * Lucene syntax in it (`AND`, `"`, `~`, `*`, `:`, `\`, ...) cannot reach the index as syntax: it is
 * tokenised away rather than escaped. The query string travels as a parameter of queryNodes, never inside
 * a Cypher statement.
 */
import { invariant } from '../errors.ts';
import { foldSearchText, foldText } from '../model/fold.ts';
import { hasCyrillic, transliterateCyrillic } from '../model/transliterate.ts';

/** Words shorter than this are matched whole only; from this length also as a prefix (`sefcov*`). */
export const PREFIX_MIN_LENGTH = 2;
/** Words of at least this length also match with one edit (`sefcovik~1` finds Sefcovic); digits never do. */
export const FUZZY_MIN_LENGTH = 4;

/** Boosts: a whole word in a name outweighs a prefix, which outweighs a one-edit match or a word of the description. */
const BOOST = { phrase: 8, word: 4, prefix: 2 } as const;
/** Fields of the index that hold names; `description` is matched by whole words only. */
const NAME_FIELDS = ['name', 'names'] as const;

/** One word of a search: as the index folds it, and in Latin letters when it is Cyrillic. */
export interface SearchWord {
  /** Lower case, Latin letters without diacritics, other scripts as written: "šefčovič" -> "sefcovic". */
  text: string;
  /** The Latin transliteration of a Cyrillic word ("смаилов" -> "smailov"), else null. */
  transliteration: string | null;
}

/** What the search statement (cypher/search-entities.cypher) needs to run one search. */
export interface SearchQuery {
  /** The words searched for, for bestMatchingName. */
  words: SearchWord[];
  /** The words as typed, only lower-cased (diacritics kept), for bestMatchingName's tie-break. */
  typed: string[];
  /** The Lucene query for db.index.fulltext.queryNodes. */
  lucene: string;
  /** The whole text, and its words joined by spaces, folded like the stored `foldedNames` (and transliterated when Cyrillic): a hit with such a spelling scores double. */
  spellings: string[];
}

/** The search for `text`, or null when the text holds no letter or digit (then nothing can match). */
export function buildSearchQuery(text: string): SearchQuery | null {
  const words = readSearchWords(text);
  if (words.length === 0) return null;
  const texts = [text, words.map((word) => word.text).join(' ')];
  const spellings = texts.map(foldText);
  if (hasCyrillic(text)) spellings.push(...texts.map((item) => foldText(transliterateCyrillic(foldSearchText(item)))));
  return { words, typed: typedWords(text), lucene: toLuceneQuery(words), spellings: [...new Set(spellings)] };
}

/** The distinct words of a search text, in order; none when it holds no letter or digit (e.g. only punctuation). */
export function readSearchWords(text: string): SearchWord[] {
  const found = foldSearchText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(found)].map((word) => {
    const latin = hasCyrillic(word) ? transliterateCyrillic(word) : null;
    return { text: word, transliteration: latin && latin !== word && /^[\p{L}\p{N}]+$/u.test(latin) ? latin : null };
  });
}

/**
 * The Lucene query for `words` (at least one): each spelling of each word as a whole word in any name
 * (boosted) or the description, as a prefix of a name word, and, from FUZZY_MIN_LENGTH letters, with one
 * edit; several words also as a phrase in a name. Words are alternatives, so more matched words rank higher.
 */
export function toLuceneQuery(words: readonly SearchWord[]): string {
  invariant(words.length > 0, 'toLuceneQuery needs at least one word.');
  const clauses = words.map((word) => `(${spellingsOf(word).flatMap(wordClauses).join(' ')})`);
  if (words.length > 1) {
    for (const phrase of new Set([words.map((word) => word.text).join(' '), words.map((word) => word.transliteration ?? word.text).join(' ')])) {
      clauses.push(...NAME_FIELDS.map((field) => `${field}:"${phrase}"^${BOOST.phrase}`));
    }
  }
  return clauses.join(' ');
}

/**
 * Of an entity's stored spellings (its name first), the one that matches the search best: per word, a
 * whole word counts most, then a prefix, then one edit, and the word's own script before its
 * transliteration. Ties go to the spelling with more words written exactly as typed (diacritics included:
 * "Sefcovic" picks "Maros Sefcovic", "Šefčovič" picks "Maroš Šefčovič"), then to the shorter spelling,
 * then to the earlier one. The name when no spelling matches (a hit by its description).
 */
export function bestMatchingName(spellings: readonly string[], search: Pick<SearchQuery, 'words' | 'typed'>): string {
  let best = { spelling: spellings[0] ?? '', rank: [0, 0, 0] };
  for (const spelling of spellings) {
    const tokens = foldSearchText(spelling).match(/[\p{L}\p{N}]+/gu) ?? [];
    const score = search.words.reduce((sum, word) => sum + Math.max(matchScore(word.text, tokens), 0.75 * matchScore(word.transliteration, tokens)), 0);
    const asTyped = new Set(typedWords(spelling));
    const rank = [score, search.typed.filter((word) => asTyped.has(word)).length, -tokens.length];
    if (score > 0 && isGreater(rank, best.rank)) best = { spelling, rank };
  }
  return best.spelling;
}

// Private: the words of a text only lower-cased, diacritics kept.
function typedWords(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  );
}

// Private: compares ranks element by element.
function isGreater(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index] !== b[index]) return (a[index] ?? 0) > (b[index] ?? 0);
  }
  return false;
}

// Private: the spellings a word is searched by.
function spellingsOf(word: SearchWord): string[] {
  return word.transliteration ? [word.text, word.transliteration] : [word.text];
}

// Private: the clauses of one spelling. Spellings hold letters and digits only, lower-cased (readSearchWords),
// which the invariant restates: Lucene's syntax is ASCII punctuation and the upper-case words AND, OR, NOT, TO.
function wordClauses(spelling: string): string[] {
  invariant(/^[\p{L}\p{N}]+$/u.test(spelling) && !/[A-Z]/.test(spelling), `a search word must be letters and digits in lower case, but got "${spelling}".`);
  const length = [...spelling].length;
  const clauses = [...NAME_FIELDS.map((field) => `${field}:${spelling}^${BOOST.word}`), `description:${spelling}`];
  if (length >= PREFIX_MIN_LENGTH) clauses.push(...NAME_FIELDS.map((field) => `${field}:${spelling}*^${BOOST.prefix}`));
  if (length >= FUZZY_MIN_LENGTH && !/\p{N}/u.test(spelling)) clauses.push(...NAME_FIELDS.map((field) => `${field}:${spelling}~1`));
  return clauses;
}

// Private: how well one query spelling matches the best of a name's tokens: 3 whole, 2 prefix, 1 one edit.
function matchScore(spelling: string | null, tokens: readonly string[]): number {
  if (!spelling) return 0;
  let score = 0;
  for (const token of tokens) {
    if (token === spelling) return 3;
    if ([...spelling].length >= PREFIX_MIN_LENGTH && token.startsWith(spelling)) score = Math.max(score, 2);
    else if ([...spelling].length >= FUZZY_MIN_LENGTH && isWithinOneEdit(spelling, token)) score = Math.max(score, 1);
  }
  return score;
}

/** True when `a` becomes `b` by at most one insertion, deletion, substitution or swap of neighbours (Lucene's `~1`). */
export function isWithinOneEdit(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start += 1;
  if (start === x.length && start === y.length) return true;
  const rest = (from: string[], skip: number, to: string[], skipTo: number) => from.slice(start + skip).join('') === to.slice(start + skipTo).join('');
  if (x.length === y.length) {
    const swapped = x[start] === y[start + 1] && x[start + 1] === y[start] && rest(x, 2, y, 2);
    return rest(x, 1, y, 1) || swapped;
  }
  return x.length > y.length ? rest(x, 1, y, 0) : rest(x, 0, y, 1);
}
