/** A word of a text with its character offsets. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

/**
 * What a word is, as a regular expression: a letter, then letters and combining marks, with
 * one apostrophe ending ("Acme's", "l’état"); or digits with inner "." or "," ("6,4", "2.9").
 * `tokenize` scans for exactly this, faster (tested against it).
 */
export const WORD = /\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)?|\p{N}+(?:[.,]\p{N}+)*/gu;

// Character classes: 0 other, 1 letter, 2 mark, 3 digit (Unicode's L, M and N).
const OTHER = 0;
const LETTER = 1;
const MARK = 2;
const DIGIT = 3;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ASCII[c] = LETTER;
  else if (c >= 48 && c <= 57) ASCII[c] = DIGIT;
}
const IS_LETTER = /^\p{L}$/u;
const IS_MARK = /^\p{M}$/u;
const IS_DIGIT = /^\p{N}$/u;
const classes = new Map<number, number>();

function classOf(cp: number): number {
  if (cp < 128) return ASCII[cp] as number;
  let k = classes.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = IS_LETTER.test(ch) ? LETTER : IS_MARK.test(ch) ? MARK : IS_DIGIT.test(ch) ? DIGIT : OTHER;
    classes.set(cp, k);
  }
  return k;
}

/** The code point at i (a surrogate pair read whole). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? (text.codePointAt(i) as number) : c;
}

/**
 * The class of the character at i and its width in UTF-16 units, packed as class + 4 * width
 * (no code point work for ASCII).
 */
function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (ASCII[c] as number) | 4;
  const cp = codePointAt(text, i);
  return classOf(cp) | (cp > 0xffff ? 8 : 4);
}
const APOSTROPHE = 39;
const RIGHT_QUOTE = 0x2019;

/** Where the word (k LETTER) or number (k DIGIT) whose first character ends at i ends. */
function tokenEnd(text: string, i: number, k: number): number {
  const n = text.length;
  if (k === LETTER) {
    while (i < n) {
      const c = classAt(text, i);
      if ((c & 3) !== LETTER && (c & 3) !== MARK) break;
      i += c >> 2;
    }
    const q = text.charCodeAt(i);
    if ((q === APOSTROPHE || q === RIGHT_QUOTE) && i + 1 < n && (classAt(text, i + 1) & 3) === LETTER) {
      i++;
      while (i < n) {
        const c = classAt(text, i);
        if ((c & 3) !== LETTER) break;
        i += c >> 2;
      }
    }
    return i;
  }
  for (;;) {
    while (i < n) {
      const c = classAt(text, i);
      if ((c & 3) !== DIGIT) break;
      i += c >> 2;
    }
    const sep = text.charCodeAt(i);
    if ((sep === 46 || sep === 44) && i + 1 < n && (classAt(text, i + 1) & 3) === DIGIT) i++;
    else return i;
  }
}

/** Where the next word or number at or after i starts (the text's length when there is none). */
function nextStart(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = classAt(text, i);
    if ((c & 3) === LETTER || (c & 3) === DIGIT) return i;
    i += c >> 2;
  }
  return n;
}

/** Where the word or number that starts at i ends. */
function endAt(text: string, i: number): number {
  const c = classAt(text, i);
  return tokenEnd(text, i + (c >> 2), c & 3);
}

/** Splits text into words and numbers ("6,4-Milliarden" -> "6,4", "Milliarden"), with offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (let i = nextStart(text, 0); i < text.length; ) {
    const end = endAt(text, i);
    out.push({ word: text.slice(i, end), start: i, end });
    i = nextStart(text, end);
  }
  return out;
}

/** The words of `tokenize`, without their offsets (for reading a whole corpus: no object per word). */
export function tokenWords(text: string): string[] {
  const out: string[] = [];
  for (let i = nextStart(text, 0); i < text.length; ) {
    const end = endAt(text, i);
    out.push(text.slice(i, end));
    i = nextStart(text, end);
  }
  return out;
}

/** True when a token of `tokenize` is a number (it starts with a digit), not a word. */
export function isNumber(token: string): boolean {
  return token.length > 0 && classOf(codePointAt(token, 0)) === DIGIT;
}
