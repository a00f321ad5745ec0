/**
 * Cyrillic -> Latin transliteration of Russian and Kazakh names, so that a search for "Смаилов" also finds
 * "Smailov". Russian follows BGN/PCGN, the system of English-language news and of the names in this graph
 * (Tokayev, Karabayev, Smailov), written without its diacritics; the Kazakh letters beyond the Russian
 * alphabet take their usual English rendering (қ -> k, ә -> a, ң -> ng). One spelling comes out; search
 * tolerates one edit more, which covers the common variants (Karabaev, Tokaev, Kazakstan -> Kazakhstan).
 */

/** Lower-case Cyrillic letter -> Latin, BGN/PCGN without diacritics (so `ё`, BGN's "ë", is "e" like `е`); `е` and `ё` are handled by position. */
const LETTERS: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Kazakh
  ә: 'a',
  ғ: 'g',
  қ: 'k',
  ң: 'ng',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

/** After these (and at the start of a word) BGN/PCGN writes `е` and `ё` as "ye": Токаев -> Tokayev. */
const YE_AFTER = new Set('аеёиоуыэюяәөұүіъьй');

/** True when the text holds a Cyrillic letter. */
export function hasCyrillic(text: string): boolean {
  return /\p{Script=Cyrillic}/u.test(text);
}

/**
 * The Latin transliteration of lower-case text: Cyrillic letters by the table above, everything else as
 * it is. `transliterateCyrillic('смаилов')` is `'smailov'`, `'карабаев'` is `'karabayev'`.
 */
export function transliterateCyrillic(text: string): string {
  let result = '';
  let previous = '';
  for (const letter of text) {
    if (letter === 'е' || letter === 'ё') {
      const yotated = previous === '' || !/\p{L}/u.test(previous) || YE_AFTER.has(previous);
      result += yotated ? 'ye' : 'e';
    } else {
      result += LETTERS[letter] ?? letter;
    }
    previous = letter;
  }
  return result;
}
