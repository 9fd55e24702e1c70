/** A span of text: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

// Words that end with a full stop without ending the sentence.
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof st jr sr inc ltd co corp plc llc gmbh ag vs etc e.g i.e no nos nr fig approx est dept " +
    "gen gov sen rep rev col lt sgt capt cmdr adm hon jan feb mar apr jun jul aug sep sept oct nov dec " +
    "mon tue wed thu fri sat sun mio mrd bzw ca evtl ggf inkl usw vgl z.b d.h u.a s.o o.ä str tel abs " +
    "bspw sog zzt ggü jh jhd"
  ).split(" "),
);
const WORD_CHAR = /[\p{L}.]/u;
/** A letter or a full stop (by its UTF-16 code; ASCII without a regular expression). */
function isWordChar(code: number): boolean {
  if (code < 128) return code === 46 || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(String.fromCharCode(code));
}
const BEFORE_WORD = /[\s(“"']/u;

/**
 * True when a piece of text ends with a full stop that does not end a sentence. Only the last
 * word is looked at (walking back from the end: a regular expression anchored at the end would
 * rescan the whole piece, and pieces grow as they are joined).
 */
function endsWithAbbreviation(segment: string): boolean {
  const text = segment.trimEnd();
  if (!text.endsWith(".")) return false;
  let start = text.length - 1;
  while (start > 0 && isWordChar(text.charCodeAt(start - 1))) start--;
  const before = text[start - 1];
  const word = text.slice(start, -1);
  if (word === "" || (before !== undefined && !BEFORE_WORD.test(before))) {
    // German ordinal: "am 15. April"
    return /(?:^|\s)\d{1,2}\.$/.test(text.slice(-4));
  }
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower) || ABBREVIATIONS.has(lower.replace(/\.$/, ""))) return true;
  if (/^\p{L}$/u.test(word)) return true; // an initial: "John F. Kennedy", "z. B."
  return /^(?:\p{L}\.)+\p{L}?$/u.test(word); // "U.S", "z.B"
}

/** Closing quotes and brackets (and Markdown's emphasis), which stay with the sentence they close. */
const CLOSE_MARKS = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb)]}*_";
const CLOSE = `[${CLOSE_MARKS.replace("]", "\\]")}]*`;
/**
 * Where a sentence may end (Unicode's sentence rules, UAX #29, SB4 and SB11, as far as they
 * matter here): terminators (the full stop, "!", "?", the ellipsis and their double and
 * full-width forms) and closing marks, then white space or the end of the text; an ideographic
 * terminator ("。") with or without space; a paragraph separator. The rules' other breaks (a full
 * stop between two words with no space, "it.The") are not taken, and the break they avoid before
 * a lower-case word (SB8) is undone by the joining below anyway. The terminators of other scripts
 * (the Devanagari danda, the Arabic question mark) are left out: the bot reads English and
 * German, and a class of all of Unicode's Sentence_Terminal made this scan nine times slower.
 * On the seed articles and the evaluation and synthetic corpora this finds the sentences Intl.Segmenter
 * found (tests/corpus/sentences.test.ts compares the two), at a tenth of the cost. This is the
 * definition; `sentenceCuts` finds its matches by reading character codes, faster again.
 */
export const BREAK = new RegExp(
  `[.!?\\u2026\\u203c\\u2047-\\u2049\\uff0e]+${CLOSE}(?:\\s+|$)|[\\u3002\\uff01\\uff1f\\uff61]+${CLOSE}\\s*|[\\r\\u0085\\u2028\\u2029]\\s*`,
  "g",
);
/**
 * A piece that goes on the sentence before: lower case, a figure, or punctuation first. A
 * straight quotation mark before a word opens a quotation (a new sentence: `... vision. "Lyon
 * has ...`); one before a space or a mark closes one.
 */
const CONTINUES = /^(?:[\p{Ll}\d,;:)\]”’]|"(?![\p{L}\d]))/u;
/**
 * After a full stop, a piece whose first letter is lower case, whatever comes before it
 * ("etc. `config` is", "Jan. 5 of"), goes on the sentence before (UAX #29, SB8).
 */
const LOWER_AFTER_STOP = /^[^\p{L}.?!\u2026\r\u0085\u2028\u2029]*\p{Ll}/u;

/** True when the last of `text` before `end` that is a letter or a full stop is a full stop. */
function endsWithFullStop(text: string, end: number): boolean {
  for (let i = end - 1; i >= 0; i--) {
    const c = text[i] as string;
    if (c === ".") return true;
    if (LETTER.test(c)) return false;
  }
  return false;
}
const LETTER = /\p{L}/u;

// What each UTF-16 code is to BREAK, as bits (the scan below reads codes, not a regular expression).
const TERMINATOR = 1;
const IDEOGRAPHIC_TERMINATOR = 2;
const PARAGRAPH_END = 4;
const CLOSER = 8;
/** JavaScript's `\s`: its white space and line terminators. */
const SPACE = 16;
const KIND = new Uint8Array(0x10000);
const mark = (bit: number, codes: Iterable<number>) => {
  for (const c of codes) KIND[c] = (KIND[c] as number) | bit;
};
mark(TERMINATOR, [0x2e, 0x21, 0x3f, 0x2026, 0x203c, 0x2047, 0x2048, 0x2049, 0xff0e]);
mark(IDEOGRAPHIC_TERMINATOR, [0x3002, 0xff01, 0xff1f, 0xff61]);
mark(PARAGRAPH_END, [0x0d, 0x85, 0x2028, 0x2029]);
mark(
  CLOSER,
  Array.from(CLOSE_MARKS, (c) => c.charCodeAt(0)),
);
mark(
  SPACE,
  [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff],
);
for (let c = 0x2000; c <= 0x200a; c++) KIND[c] = (KIND[c] as number) | SPACE;

/** The end of the run from i of characters of any of the `kinds`. */
function runEnd(text: string, i: number, kinds: number): number {
  let j = i;
  while (j < text.length && ((KIND[text.charCodeAt(j)] as number) & kinds) !== 0) j++;
  return j;
}

/**
 * Where a sentence may end in a text: the ends of BREAK's matches, the last at the text's end.
 * Found by reading character codes as BREAK matches from left to right (several times faster
 * than the regular expression; a property test compares the two).
 */
export function sentenceCuts(text: string): number[] {
  const cuts: number[] = [];
  const n = text.length;
  let p = 0;
  while (p < n) {
    const kind = KIND[text.charCodeAt(p)] as number;
    if ((kind & (TERMINATOR | IDEOGRAPHIC_TERMINATOR | PARAGRAPH_END)) === 0) p++;
    else if (kind & TERMINATOR) {
      const closed = runEnd(text, runEnd(text, p + 1, TERMINATOR), CLOSER);
      // No break at any of these marks when what follows them is not white space.
      if (closed < n && ((KIND[text.charCodeAt(closed)] as number) & SPACE) === 0) p = closed;
      else {
        p = runEnd(text, closed, SPACE);
        cuts.push(p);
      }
    } else if (kind & IDEOGRAPHIC_TERMINATOR) {
      p = runEnd(text, runEnd(text, runEnd(text, p + 1, IDEOGRAPHIC_TERMINATOR), CLOSER), SPACE);
      cuts.push(p);
    } else {
      p = runEnd(text, p + 1, SPACE);
      cuts.push(p);
    }
  }
  if ((cuts[cuts.length - 1] ?? 0) < n) cuts.push(n);
  return cuts;
}

/**
 * The sentences of a text cut into pieces at `cuts` (ascending, the last at the text's end):
 * a piece is joined to the one before when that ends with an abbreviation, an initial or a
 * German ordinal ("15. April"), or when it starts in lower case or with a figure or mark that
 * continues the sentence, or is too short to be one. Offsets are shifted by `offset`.
 */
export function joinPieces(text: string, cuts: readonly number[], offset = 0): Span[] {
  const joined: Span[] = [];
  let from = 0;
  for (const to of cuts) {
    const prev = joined[joined.length - 1];
    const next = text.slice(from, to).trimStart();
    const continues =
      CONTINUES.test(next) ||
      next.length < 3 ||
      (endsWithFullStop(text, from) && LOWER_AFTER_STOP.test(next));
    if (prev && (continues || endsWithAbbreviation(text.slice(prev.start, from)))) prev.end = to;
    else joined.push({ start: from, end: to });
    from = to;
  }
  const out: Span[] = [];
  for (const p of joined) {
    const raw = text.slice(p.start, p.end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim().length === 0) continue;
    out.push({ start: offset + p.start + lead, end: offset + p.end - trail });
  }
  return out;
}

/** Splits a stretch of text into sentences with their offsets (shifted by `offset`). */
export function splitSentences(text: string, offset = 0): Span[] {
  return joinPieces(text, sentenceCuts(text), offset);
}
