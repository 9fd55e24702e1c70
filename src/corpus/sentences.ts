import type { Language } from "../text/language.js";

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
  while (start > 0 && WORD_CHAR.test(text[start - 1] as string)) start--;
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

/**
 * Characters after which Unicode's sentence rules (UAX #29) may break: sentence terminators,
 * full stops and paragraph separators. Text without one before its last character is one
 * sentence, so the (slow) segmenter is skipped for it.
 */
const BREAK_AFTER = /[\p{Sentence_Terminal}.\u2024\ufe52\uff0e\n\r\v\f\u0085\u2028\u2029]/u;

/** True when the segmenter could find more than one sentence in the text. */
export function mayBreak(text: string): boolean {
  return BREAK_AFTER.test(text.slice(0, -1));
}

const segmenters = new Map<Language, Intl.Segmenter>();
function segmenterFor(language: Language): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(language, { granularity: "sentence" });
    segmenters.set(language, s);
  }
  return s;
}

/**
 * Splits a stretch of text into sentences with their offsets. Intl.Segmenter (Unicode sentence
 * boundaries) does the splitting; pieces are joined back when the break was an abbreviation, an
 * initial, a German ordinal ("15. April"), or when the next piece starts in lower case or with a
 * figure that continues the sentence.
 */
export function splitSentences(text: string, language: Language, offset = 0): Span[] {
  const pieces: Span[] = [];
  for (const s of mayBreak(text) ? segmenterFor(language).segment(text) : [{ segment: text, index: 0 }]) {
    const prev = pieces[pieces.length - 1];
    const seg = s.segment;
    const next = seg.trimStart();
    if (prev) {
      const prevText = text.slice(prev.start, s.index);
      if (endsWithAbbreviation(prevText) || /^[\p{Ll}\d,;:)\]”’"]/u.test(next) || next.length < 3) {
        prev.end = s.index + seg.length;
        continue;
      }
    }
    pieces.push({ start: s.index, end: s.index + seg.length });
  }
  const out: Span[] = [];
  for (const p of pieces) {
    const raw = text.slice(p.start, p.end);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim().length === 0) continue;
    out.push({ start: offset + p.start + lead, end: offset + p.end - trail });
  }
  return out;
}
