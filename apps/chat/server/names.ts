// What a name (or a room) may be, and when two names are "the same" to a reader of the chat.
import { MAX_NAME } from '../src/protocol.js'

/** A checked name: normalised, and its skeleton (what two look-alike names have in common). */
export type CheckedName =
  | { readonly ok: true; readonly name: string; readonly skeleton: string }
  | { readonly ok: false; readonly message: string }

/**
 * Characters that show nothing, or change how the text around them shows: controls (C0, C1),
 * format characters (zero-width spaces and joiners, bidi marks, overrides and isolates, the BOM,
 * soft hyphens), line and paragraph separators, private-use and unassigned code points, and the
 * fillers that render as blank (Hangul fillers, the Braille blank).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\u115F\u1160\u3164\uFFA0\u2800]/u
/** Three combining marks in a row, even after NFKC composed what it could, is stacked "zalgo" text. */
const MARKS = /\p{M}{3,}/u
/** Runs of spacing (after NFKC every space is U+0020) become one space. */
const SPACES = / {2,}/g

/**
 * Look-alikes that NFKC keeps apart, mapped straight to their skeleton letter (so the ones that
 * look like `i` go to `l`, as `i` itself does): the Cyrillic and
 * Greek letters that look Latin in common fonts, and the digits and letters confused in sans-serif.
 * Not all of Unicode's confusables (TR39): the common cases, on a skeleton already case-folded.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'l',
  ї: 'l',
  ј: 'j',
  ԁ: 'd',
  ɡ: 'g',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'l',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  // Latin and digits
  ı: 'l',
  ł: 'l',
  ø: 'o',
  '0': 'o',
  '1': 'l',
  i: 'l',
  '|': 'l',
  '5': 's',
  $: 's',
}
/** Pairs of letters that read as one in most fonts. */
const DIGRAPHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
]

/**
 * The form two names share when a reader could take one for the other: case folded, accents and
 * other marks dropped, look-alike letters mapped to one (`i`, `I`, `l`, `1` and `|` all to `l`),
 * spaces, dots, dashes and underscores dropped. `Admin`, `ädmin`, `аdmin` (Cyrillic а), `adm1n`
 * and `ad_min` all have the skeleton `admln`. It over-matches on purpose (`mile` and `mlle` clash):
 * two people in one room only need names nobody confuses. Pure.
 */
export function skeleton(name: string): string {
  let folded = name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
  folded = [...folded].map((char) => LOOK_ALIKES[char] ?? char).join('')
  for (const [pair, single] of DIGRAPHS) folded = folded.replace(pair, single)
  return folded.replace(/[\s._\-·•'’`]/gu, '')
}

/**
 * Checks a name (or a room) as a client sent it: Unicode-normalised (NFKC: full-width letters,
 * ligatures and compatibility forms become their plain form), trimmed, inner spacing collapsed,
 * then 1 to `MAX_NAME` characters with nothing invisible (see `INVISIBLE`) and no stacked marks.
 * Never throws, whatever the string (lone surrogates included).
 *
 * @returns The name as it will be shown and its skeleton, or why it is refused.
 */
export function checkName(raw: string, what = 'name'): CheckedName {
  // Bounded before any work: NFKC of a long string costs, and can grow it up to 18-fold.
  if (raw.length > 4 * MAX_NAME) return refuse(what, `at most ${MAX_NAME} characters`)
  // A lone surrogate is half a character: no font shows it, no comparison can trust it.
  if (/\p{Cs}/u.test(raw)) return refuse(what, 'valid Unicode text')
  const normal = raw.normalize('NFKC')
  // Before spacing is tidied: a newline or a BOM must be refused, not quietly turned into a space.
  if (INVISIBLE.test(normal)) {
    return refuse(what, 'no control, invisible or direction-changing characters')
  }
  const name = normal.replace(/\s/gu, ' ').replace(SPACES, ' ').trim()
  if (MARKS.test(name)) return refuse(what, 'no letters stacked with marks')
  if (name.length === 0 || name.length > MAX_NAME) {
    return refuse(what, `1 to ${MAX_NAME} visible characters`)
  }
  const shape = skeleton(name)
  // A name of nothing but spaces and dots would be "the same" as every other such name.
  if (shape.length === 0) return refuse(what, 'at least one letter or digit')
  return { ok: true, name, skeleton: shape }
}

const refuse = (what: string, rule: string): CheckedName => ({
  ok: false,
  message: `a ${what} must have ${rule}`,
})
