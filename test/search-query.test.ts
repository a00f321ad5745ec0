/**
 * The pure parts of search: folding as the index folds, Cyrillic transliteration, search text -> words ->
 * Lucene query (no syntax from the text survives), one-edit distance, and the matched spelling.
 */
import { describe, expect, it } from 'vitest';
import { foldSearchText, foldText } from '../src/model/fold.ts';
import { transliterateCyrillic } from '../src/model/transliterate.ts';
import { bestMatchingName, buildSearchQuery, isWithinOneEdit, readSearchWords, toLuceneQuery } from '../src/search/search-query.ts';

/** Text that is Lucene syntax, quoting or escaping; none of it may reach the index as syntax. */
const HOSTILE = [
  'AND (',
  '"',
  '"unclosed phrase',
  '~',
  '\\',
  '*',
  '?',
  ':',
  'name:*',
  '/regex.*/',
  '^',
  '-',
  '||',
  '&&',
  '!',
  '+lithium -tungsten',
  'lithium AND NOT lithium',
  'OR',
  'title:[a TO z]',
  '{!boost}',
  'sefcovic~10',
  'lith*',
  'smailov^1000',
  "'); MATCH (n) DETACH DELETE n //",
  '\u0000\u0007',
  '\u{1F600}',
  'S\u030Cefc\u030Covic\u030C',
  '𝐀𝐍𝐃 ℂ ＯＲ ꟻ',
];

describe('foldSearchText', () => {
  it.each([
    ['Šefčovič', 'sefcovic'],
    ['S\u030Cefc\u030Covic\u030C', 'sefcovic'],
    ['Europäische Kommission', 'europaische kommission'],
    ['Günter', 'gunter'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['Смаилов', 'смаилов'],
    ['Қазақстан', 'қазақстан'],
    ['Йошкар-Ола', 'йошкар-ола'],
    ['𝐀𝐍𝐃 ℂ ＯＲ', 'and c or'],
  ])('%s -> %s', (text, folded) => {
    expect(foldSearchText(text)).toBe(folded);
  });

  it('keeps Cyrillic letters whole, as the index does, where foldText strips their marks', () => {
    expect(foldText('Й')).toBe('и');
    expect(foldSearchText('Й')).toBe('й');
  });
});

describe('transliterateCyrillic', () => {
  it.each([
    ['смаилов', 'smailov'],
    ['алихан', 'alikhan'],
    ['карабаев', 'karabayev'],
    ['токаев', 'tokayev'],
    ['касым-жомарт', 'kasym-zhomart'],
    ['домбровскис', 'dombrovskis'],
    ['ельцин', 'yeltsin'],
    ['объект', 'obyekt'],
    ['щучье', 'shchuchye'],
    ['горбачёв', 'gorbachev'],
    ['юрий', 'yuriy'],
    ['қазақстан', 'kazakstan'],
    ['әлем', 'alem'],
    ['өскемен', 'oskemen'],
    ['теңіз', 'tengiz'],
    ['latin stays', 'latin stays'],
  ])('%s -> %s', (text, latin) => {
    expect(transliterateCyrillic(text)).toBe(latin);
  });
});

describe('readSearchWords', () => {
  it('folds, splits at anything but letters and digits, and drops repeats', () => {
    expect(readSearchWords('  Maroš ŠEFČOVIČ, (Šefčovič)! ')).toEqual([
      { text: 'maros', transliteration: null },
      { text: 'sefcovic', transliteration: null },
    ]);
  });

  it('adds the Latin transliteration of Cyrillic words', () => {
    expect(readSearchWords('Алихан Смаилов')).toEqual([
      { text: 'алихан', transliteration: 'alikhan' },
      { text: 'смаилов', transliteration: 'smailov' },
    ]);
  });

  it.each(['', '   ', '!', '*', '"', '||', '\\', '/', '^', '-', ':', '&& ~ ?'])('finds no word in %j', (text) => {
    expect(readSearchWords(text)).toEqual([]);
    expect(buildSearchQuery(text)).toBeNull();
  });
});

describe('toLuceneQuery', () => {
  // Every clause the builder writes: a field, a word or a phrase of words, and its own boost / prefix / fuzzy mark.
  const CLAUSE = /\(|\)|\s+|(?:name|names|description):(?:"[\p{L}\p{N} ]+"|[\p{L}\p{N}]+\*?)(?:\^\d+|~1)?/gu;

  it.each(HOSTILE)('builds only its own clauses from %j', (text) => {
    const search = buildSearchQuery(text);
    if (search === null) return;
    expect(search.lucene.replace(CLAUSE, '')).toBe('');
    expect(search.lucene).not.toMatch(/[A-Z]/);
  });

  it('matches a word whole (boosted), as a prefix from 2 letters and with one edit from 4', () => {
    expect(toLuceneQuery(readSearchWords('sefcov'))).toBe(
      '(name:sefcov^4 names:sefcov^4 description:sefcov name:sefcov*^2 names:sefcov*^2 name:sefcov~1 names:sefcov~1)',
    );
    expect(toLuceneQuery(readSearchWords('eu'))).toBe('(name:eu^4 names:eu^4 description:eu name:eu*^2 names:eu*^2)');
    expect(toLuceneQuery(readSearchWords('a'))).toBe('(name:a^4 names:a^4 description:a)');
  });

  it('never matches numbers with an edit: 2023 must not find 2024', () => {
    expect(toLuceneQuery(readSearchWords('2023'))).not.toContain('~');
  });

  it('searches Cyrillic words in both scripts and several words also as a phrase', () => {
    const lucene = toLuceneQuery(readSearchWords('Алихан Смаилов'));
    expect(lucene).toContain('names:смаилов^4');
    expect(lucene).toContain('names:smailov^4');
    expect(lucene).toContain('name:"алихан смаилов"^8');
    expect(lucene).toContain('name:"alikhan smailov"^8');
  });
});

describe('buildSearchQuery', () => {
  it('folds the whole text like foldedNames, and transliterates it when Cyrillic, for the exact-spelling boost', () => {
    expect(buildSearchQuery('  Maroš Šefčovič ')?.spellings).toEqual(['maros sefcovic']);
    expect(buildSearchQuery('tungsten~')?.spellings).toEqual(['tungsten~', 'tungsten']);
    expect(buildSearchQuery('Kassym-Jomart Tokayev')?.spellings).toEqual(['kassym-jomart tokayev', 'kassym jomart tokayev']);
    expect(buildSearchQuery('Алихан Смаилов')?.spellings).toEqual(['алихан смаилов', 'alikhan smailov']);
  });
});

describe('isWithinOneEdit', () => {
  it.each([
    ['sefcovic', 'sefcovic', true],
    ['sefcovik', 'sefcovic', true],
    ['sefcovi', 'sefcovic', true],
    ['sefcovicc', 'sefcovic', true],
    ['sefocvic', 'sefcovic', true],
    ['smailow', 'smailov', true],
    ['kazakstan', 'kazakhstan', true],
    ['kasachstan', 'kazakhstan', false],
    ['sefcov', 'sefcovic', false],
    ['abcd', 'badc', false],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(isWithinOneEdit(a, b)).toBe(expected);
    expect(isWithinOneEdit(b, a)).toBe(expected);
  });
});

describe('bestMatchingName', () => {
  const smailov = ['Alikhan Smailov', 'Alichan Smailov', 'Alikhan Smailow', 'Алихан Смаилов'];
  const sefcovic = ['Maroš Šefčovič', 'Maroš Šefčovič', 'Maros Sefcovic'];
  const best = (spellings: string[], text: string) => bestMatchingName(spellings, buildSearchQuery(text)!);

  it.each([
    [smailov, 'Smailov', 'Alikhan Smailov'],
    [smailov, 'Smailow', 'Alikhan Smailow'],
    [smailov, 'alichan', 'Alichan Smailov'],
    [smailov, 'Смаилов', 'Алихан Смаилов'],
    [smailov, 'Смаил', 'Алихан Смаилов'],
    [sefcovic, 'Šefčovič', 'Maroš Šefčovič'],
    [sefcovic, 'Sefcovic', 'Maros Sefcovic'],
    [sefcovic, 'sefcov', 'Maroš Šefčovič'],
    [['Svevind Energy Group', 'Svevind', 'Svevind Energy'], 'svevind', 'Svevind'],
    [['Kazakhstan', 'Kasachstan'], 'Kasachstan', 'Kasachstan'],
  ])('%j, %s -> %s', (spellings, text, expected) => {
    expect(best(spellings, text)).toBe(expected);
  });

  it('falls back to the name (the first spelling) when no spelling matches', () => {
    expect(best(['Marat Karabayev', 'Karabaev'], 'minister')).toBe('Marat Karabayev');
  });
});
