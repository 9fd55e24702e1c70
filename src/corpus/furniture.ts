/**
 * Page furniture: the lines of a saved web page that are not the article (image links, promo
 * lines, event ads, tags, separators, repeated footers). They are never quoted.
 */

const SEPARATOR = /^\s*(?:[-*_=~#]\s*){3,}$/;
const IMAGE = /!\[[^\]]*\]\([^)]*\)|<img\b/i;
const PROMO_PREFIX =
  /^\s*(?:[*_#>]+\s*)?(?:WATCH|ALSO READ|READ MORE|READ ALSO|MORE|RELATED|RELATED ARTICLES?|SEE ALSO|ADVERTISEMENT|SPONSORED|SUBSCRIBE|SIGN UP|FOLLOW US|TAGS|TAGGED|TOPICS|CATEGORIES|SHARE|PHOTO|PHOTOS|IMAGE|CREDIT|CREDITS|LESEN SIE AUCH|AUCH INTERESSANT|MEHR ZUM THEMA|ANZEIGE|WERBUNG|SCHLAGWÖRTER)\s*:/i;
const CAPTION = /^\s*\(?(?:photo|image|picture|pictured|foto|bild)\s*(?:by|credit|:|\(|via)/i;
const EVENT_AD =
  /^\s*(?:want to learn more|check out|explore other upcoming|don't miss|register now|join us at|sign up for|subscribe to|click here|follow us on)\b/i;
/** Letters of scripts other than Latin (a Chinese footer under an English article). */
const NON_LATIN_LETTER =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}]/gu;
const LETTER = /\p{L}/gu;
const NON_LATIN_TEST = new RegExp(NON_LATIN_LETTER.source, "u");
/** The blocks of those scripts (a cheap test, without Unicode properties, before the exact one). */
const NON_LATIN_BLOCKS =
  /[\u0400-\u04ff\u0600-\u06ff\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ud840-\ud87f]/;

/** White space other than single spaces: two in a row, or a tab, a no-break space, ... */
const ODD_SPACE = /\s\s|[^\S ]/;

/** Normalised form of a line for spotting repeats: white space runs as one space, lower case. */
export function lineKey(line: string): string {
  // Most lines have single spaces only: skip the replacement for them (it is a copy of the line).
  const spaced = ODD_SPACE.test(line) ? line.replace(/\s+/g, " ") : line;
  return spaced.trim().toLowerCase();
}

/** Shortest teaser of a line (see markFurniture); what a line's key begins with is this long. */
const MIN_TEASER = 20;

/**
 * The first MIN_TEASER characters of a line's key (the whole key when shorter), made from the
 * line's beginning only when that gives a key long enough to be sure of them (the end of a cut
 * can change: spaces trimmed or joined, a letter lower-cased into two).
 */
function headOf(line: string): string {
  const cut = 4 * MIN_TEASER;
  const part = line.length > cut ? lineKey(line.slice(0, cut)) : "";
  return (part.length >= MIN_TEASER + 2 ? part : lineKey(line)).slice(0, MIN_TEASER);
}

/** Longest line that is dropped whole for starting like a promo or an ad. */
const MAX_PROMO_LINE = 400;

/** True for a sentence that is a promo, an ad, a caption or an image link. */
export function isFurnitureSentence(text: string): boolean {
  return IMAGE.test(text) || PROMO_PREFIX.test(text) || CAPTION.test(text) || EVENT_AD.test(text);
}

/** True when one line, on its own, is furniture. */
export function isFurnitureLine(line: string): boolean {
  const t = line.trim();
  if (t === "") return true;
  if (SEPARATOR.test(t) || IMAGE.test(t)) return true;
  // A promo line is short; a long paragraph that merely starts with one keeps its other
  // sentences (isFurnitureSentence drops the promo itself).
  if (t.length <= MAX_PROMO_LINE && isFurnitureSentence(t)) return true;
  if (!NON_LATIN_BLOCKS.test(t) || !NON_LATIN_TEST.test(t)) return false;
  const letters = t.match(LETTER)?.length ?? 0;
  const foreign = t.match(NON_LATIN_LETTER)?.length ?? 0;
  return letters > 0 && foreign / letters > 0.3;
}

/**
 * True for a heading or a fragment: short and without closing punctuation. Such lines are kept
 * out of the quotable sentences (they are not statements), but can give the article its title.
 */
export function isHeadingLine(line: string): boolean {
  const t = line.trim();
  if (/[.!?:;"”“»«)]$/.test(t)) return false;
  return t.split(/\s+/).length <= 12;
}

/**
 * Marks each line of an article body as furniture or not. Beyond the single-line rules: a line
 * repeated in the same article is a footer, and a line that is only the beginning of a later
 * line is a cut-off teaser of it.
 */
export function markFurniture(lines: string[]): boolean[] {
  // Only lines whose keys begin alike can repeat one another or be a teaser of one another: the
  // whole key (a lower-case copy of the line) is made for those only.
  const heads = lines.map(headOf);
  const seen = new Map<string, number>();
  for (const h of heads) seen.set(h, (seen.get(h) ?? 0) + 1);
  const keys = lines.map((line, i) => ((seen.get(heads[i] as string) ?? 0) > 1 ? lineKey(line) : ""));
  const count = new Map<string, number>();
  for (const k of keys) if (k) count.set(k, (count.get(k) ?? 0) + 1);
  // A key that begins a longer key sorts right before the first key that has it as a prefix.
  const sorted = [...count.keys()].sort();
  const teasers = new Set<string>();
  for (let i = 0; i + 1 < sorted.length; i++) {
    const k = sorted[i] as string;
    if (k.length >= MIN_TEASER && (sorted[i + 1] as string).startsWith(k)) teasers.add(k);
  }
  return lines.map((line, i) => {
    const k = keys[i] as string;
    return isFurnitureLine(line) || (count.get(k) ?? 0) > 1 || teasers.has(k);
  });
}
