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
function endsWithAbbreviation(segment: string): boolean {
  const m = /(?:^|[\s(“"'])([\p{L}.]+)\.\s*$/u.exec(segment);
  if (!m) return /(?:^|\s)\d{1,2}\.\s*$/.test(segment); // German ordinal: "am 15. April"
  const word = (m[1] as string).toLowerCase();
  if (ABBREVIATIONS.has(word) || ABBREVIATIONS.has(word.replace(/\.$/, ""))) return true;
  if (/^\p{L}$/u.test(m[1] as string)) return true; // an initial: "John F. Kennedy", "z. B."
  return /^(?:\p{L}\.)+\p{L}?$/u.test(m[1] as string); // "U.S", "z.B"
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
  const segmenter = segmenterFor(language);
  const pieces: Span[] = [];
  for (const s of segmenter.segment(text)) {
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
