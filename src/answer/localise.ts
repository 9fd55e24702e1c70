/**
 * An answer's value in the asker's language, when it is a value that means the same in both:
 * an amount of money ("6,4 Milliarden Dollar" -> "$6.4 billion"), a percentage ("3,5 Prozent"
 * -> "3.5%"), a number ("1.000" -> "1,000"), a date ("16. April 2024" -> "16 April 2024", "im
 * April" -> "in April", "Ende dieses Jahres" -> "the end of this year"), and back for German
 * askers of English text. Only a text that is a value as a whole is rewritten, so the result
 * says exactly what the quote says; names and any other words stay as the article writes them.
 * Month and weekday names, number separators, date formats and currency signs come from the
 * Intl data built into Node (ICU), not from lists here. A short answer that is a job title is
 * translated by the lexicon's titles.yml instead (localiseShort, src/lexicon/titles.ts).
 */
import { type TitleWords, translateTitle } from "../lexicon/titles.js";
import type { Lexicon } from "../lexicon/types.js";
import type { Language } from "../text/language.js";
import type { Answer, Citation } from "./types.js";

type Locale = Language;
/** The Intl locales that write each language's dates (British English: "16 April 2024"). */
const DATE_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de" };
const utc = (month: number, day = 1) => Date.UTC(2000, month, day);

/** The twelve month names of a locale (Intl), in order. */
function monthNames(locale: string, style: "long" | "short"): string[] {
  const f = new Intl.DateTimeFormat(locale, { month: style, timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, m) => f.format(utc(m)).replace(/\.$/, ""));
}
/** The seven weekday names of a locale (Intl), Monday first. */
function weekdayNames(locale: string, style: "long" | "short"): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: "UTC" });
  // 3 January 2000 was a Monday.
  return Array.from({ length: 7 }, (_, d) => f.format(utc(0, 3 + d)).replace(/\.$/, ""));
}

/** Lower-case name -> index, of every spelling of a language's months (or weekdays). */
function nameIndex(lists: string[][]): Map<string, number> {
  const out = new Map<string, number>();
  for (const list of lists)
    list.forEach((name, i) => {
      out.set(name.toLowerCase(), i);
    });
  return out;
}

interface Calendar {
  months: Map<string, number>;
  /** The full names of months and weekdays ("Jan" or "Sun" alone may be a name, "January" is not). */
  long: Set<string>;
  weekdays: Map<string, number>;
  /** A pattern alternative of every month name, longest first. */
  monthRe: string;
  weekdayRe: string;
}

const alternation = (names: Iterable<string>) =>
  [...names]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|");

function calendar(locales: string[]): Calendar {
  const months = nameIndex(locales.flatMap((l) => [monthNames(l, "long"), monthNames(l, "short")]));
  // "Sept" is written too; a short name is matched only with its full stop or as a whole word.
  const weekdays = nameIndex(locales.flatMap((l) => [weekdayNames(l, "long"), weekdayNames(l, "short")]));
  const long = new Set(
    locales.flatMap((l) =>
      [...monthNames(l, "long"), ...weekdayNames(l, "long")].map((n) => n.toLowerCase()),
    ),
  );
  return {
    months,
    weekdays,
    long,
    monthRe: alternation(months.keys()),
    weekdayRe: alternation(weekdays.keys()),
  };
}

let calendars: Record<Locale, Calendar> | undefined;
/** The month and weekday names of each language (de-AT adds "Jänner"); built on first use. */
function calendarOf(language: Locale): Calendar {
  calendars ??= { en: calendar(["en", "en-GB"]), de: calendar(["de", "de-AT"]) };
  return calendars[language];
}

const separators = new Map<Locale, { group: string; decimal: string }>();

/** The group and decimal separators of a language's numbers (Intl: "1.234,5" in German), worked out once. */
function separatorsOf(language: Locale): { group: string; decimal: string } {
  let known = separators.get(language);
  if (!known) {
    const parts = new Intl.NumberFormat(language).formatToParts(12345.6);
    known = {
      group: parts.find((p) => p.type === "group")?.value ?? ",",
      decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
    };
    separators.set(language, known);
  }
  return known;
}

const patterns = new Map<string, RegExp>();

/**
 * A pattern built from parts (a language's number or month names), compiled once: localising
 * runs on every answer. Only for patterns without the g or y flag, which keep no state between uses.
 */
function pattern(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = patterns.get(key);
  if (!re) {
    re = new RegExp(source, flags);
    patterns.set(key, re);
  }
  return re;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The pattern of a number as a language writes it: "1.000", "3,5", "12". */
function numberPattern(language: Locale): string {
  const { group, decimal } = separatorsOf(language);
  return `\\d{1,3}(?:${esc(group)}\\d{3})+(?:${esc(decimal)}\\d+)?|\\d+(?:${esc(decimal)}\\d+)?`;
}

/** A number as written in one language, as the other writes it: the digits and their grouping kept. */
function convertNumber(text: string, from: Locale, to: Locale): string {
  const a = separatorsOf(from);
  const b = separatorsOf(to);
  return [...text].map((ch) => (ch === a.group ? b.group : ch === a.decimal ? b.decimal : ch)).join("");
}

/** The value of a number as written in a language. */
function parseNumber(text: string, language: Locale): number {
  const { group, decimal } = separatorsOf(language);
  return Number(text.split(group).join("").replace(decimal, "."));
}

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

// ---- money ----------------------------------------------------------------------------------

/** The currencies by ISO code: the words and signs each language writes them with. */
const CURRENCY_WORDS: Record<string, { en: RegExp; de: RegExp; deWord: string }> = {
  USD: { en: /^(?:\$|US\$|dollars?|USD)$/i, de: /^(?:\$|US-Dollar|Dollar|USD)$/i, deWord: "Dollar" },
  EUR: { en: /^(?:€|euros?|EUR)$/i, de: /^(?:€|Euro|EUR)$/i, deWord: "Euro" },
  GBP: { en: /^(?:£|pounds?(?: sterling)?|GBP)$/i, de: /^(?:£|Pfund|GBP)$/i, deWord: "Pfund" },
  JPY: { en: /^(?:¥|yen|JPY)$/i, de: /^(?:¥|Yen|JPY)$/i, deWord: "Yen" },
};

/** The scales of large amounts, as powers of ten, in each language. */
const SCALES: { power: number; en: RegExp; enWord: string; de: RegExp; deWord: [string, string] }[] = [
  {
    power: 3,
    en: /^(?:thousand|k)$/i,
    enWord: "thousand",
    de: /^(?:Tausend|Tsd\.?)$/i,
    deWord: ["Tausend", "Tausend"],
  },
  {
    power: 6,
    en: /^(?:million|millions|mn|m)$/i,
    enWord: "million",
    de: /^(?:Millionen|Million|Mio\.?)$/i,
    deWord: ["Million", "Millionen"],
  },
  {
    power: 9,
    en: /^(?:billion|billions|bn)$/i,
    enWord: "billion",
    de: /^(?:Milliarden|Milliarde|Mrd\.?)$/i,
    deWord: ["Milliarde", "Milliarden"],
  },
  {
    power: 12,
    en: /^(?:trillion|trillions|tn)$/i,
    enWord: "trillion",
    de: /^(?:Billionen|Billion)$/i,
    deWord: ["Billion", "Billionen"],
  },
];

interface Money {
  number: string;
  currency?: string;
  scale?: number;
}

const currencyOf = (word: string, language: Locale) =>
  Object.keys(CURRENCY_WORDS).find((code) => CURRENCY_WORDS[code]?.[language].test(word));
const scaleOf = (word: string, language: Locale) => SCALES.find((s) => s[language].test(word))?.power;

const SIGN = "[$€£¥]|US\\$";
const SCALE_WORDS: Record<Locale, string> = {
  en: "thousand|k|millions?|mn|m|billions?|bn|trillions?|tn",
  de: "Tausend|Tsd\\.?|Millionen|Million|Mio\\.?|Milliarden|Milliarde|Mrd\\.?|Billionen|Billion",
};
const CURRENCY_AFTER: Record<Locale, string> = {
  en: "dollars?|euros?|pounds?(?: sterling)?|yen|USD|EUR|GBP|JPY",
  de: "US-Dollar|Dollar|Euro|Pfund|Yen|USD|EUR|GBP|JPY",
};

/** "€ 5 Mio.", "6,4-Milliarden-Dollar", "$6.4 billion", "30 million euros". */
function moneyPattern(language: Locale): RegExp {
  return pattern(
    `^(?:(${SIGN})\\s?)?(${numberPattern(language)})(?:[- ]?(${SCALE_WORDS[language]}))?(?:[- ](${CURRENCY_AFTER[language]}))?$`,
    "iu",
  );
}

function parseMoney(text: string, language: Locale): Money | undefined {
  const m = moneyPattern(language).exec(text);
  if (!m) return undefined;
  const [, sign, number = "", scaleWord, after] = m as unknown as (string | undefined)[];
  if (sign && after) return undefined;
  const currency = sign ? currencyOf(sign, language) : after ? currencyOf(after, language) : undefined;
  const scale = scaleWord ? scaleOf(scaleWord, language) : undefined;
  // A bare number is a number, not money; "5 m" is a length, not five million.
  if (!currency && scale === undefined) return undefined;
  if (!currency && /^(?:m|k)$/i.test(scaleWord ?? "")) return undefined;
  return { number, ...(currency ? { currency } : {}), ...(scale !== undefined ? { scale } : {}) };
}

function writeMoney(m: Money, from: Locale, to: Locale): string {
  const number = convertNumber(m.number, from, to);
  const scale = SCALES.find((s) => s.power === m.scale);
  if (to === "en") {
    const sign = m.currency
      ? new Intl.NumberFormat("en", { style: "currency", currency: m.currency })
          .formatToParts(0)
          .find((p) => p.type === "currency")?.value
      : "";
    return `${sign ?? ""}${number}${scale ? ` ${scale.enWord}` : ""}`;
  }
  const one = parseNumber(m.number, from) === 1;
  const words = [number];
  if (scale) words.push(scale.deWord[one ? 0 : 1]);
  if (m.currency) words.push(CURRENCY_WORDS[m.currency]?.deWord ?? m.currency);
  return words.join(" ");
}

// ---- percentages and plain numbers -------------------------------------------------------------

const PERCENT_WORDS: Record<Locale, string> = { en: "%|percent|per cent", de: "%|Prozent" };

function localisePercent(text: string, from: Locale, to: Locale): string | undefined {
  const m = pattern(`^(${numberPattern(from)})\\s?(?:${PERCENT_WORDS[from]})$`, "iu").exec(text);
  if (!m) return undefined;
  const digits = (m[1] as string).split(separatorsOf(from).decimal)[1]?.length ?? 0;
  const value = parseNumber(m[1] as string, from);
  return plain(
    new Intl.NumberFormat(to, {
      style: "percent",
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value / 100),
  );
}

/** Words before a figure that say how exact it is ("rund 1.000" -> "about 1,000"): German, English. */
const QUALIFIERS: [string, string][] = [
  ["rund|etwa|ungefähr|circa|ca\\.", "about|around|roughly|approximately"],
  ["fast|knapp|beinahe", "nearly|almost"],
  ["mehr als|über", "more than|over"],
  ["weniger als|unter", "less than|under"],
  ["bis zu", "up to"],
];

/** A qualifier at the start of a figure, in the other language's first word for it, and the rest. */
function qualifier(text: string, from: Locale, to: Locale): { word: string; rest: string } | undefined {
  for (const [de, en] of QUALIFIERS) {
    const m = pattern(`^(?:${from === "de" ? de : en})\\s+(.+)$`, "iu").exec(text);
    if (m)
      return {
        word: ((to === "de" ? de : en).split("|")[0] as string).replace("\\", ""),
        rest: m[1] as string,
      };
  }
  return undefined;
}

// ---- dates ------------------------------------------------------------------------------------

/** A date as its parts: "seit Anfang April 2024" is { prep: since, part: early, month: 3, year: 2024 }. */
interface DateValue {
  prep?: Prep;
  part?: Part;
  weekday?: number;
  day?: number;
  month?: number;
  year?: string;
  /** "the 1990s", "die 1990er Jahre". */
  decade?: string;
}
type Prep = "in" | "on" | "since" | "until" | "from" | "before" | "after";
type Part = "early" | "mid" | "end";

const PREPS: Record<Locale, Record<string, Prep>> = {
  en: {
    in: "in",
    on: "on",
    since: "since",
    until: "until",
    till: "until",
    by: "until",
    from: "from",
    before: "before",
    after: "after",
  },
  de: { im: "in", in: "in", am: "on", seit: "since", bis: "until", ab: "from", vor: "before", nach: "after" },
};
const PARTS: Record<Locale, Record<string, Part>> = {
  en: {
    early: "early",
    "beginning of": "early",
    "the beginning of": "early",
    "start of": "early",
    "the start of": "early",
    mid: "mid",
    "mid-": "mid",
    "the middle of": "mid",
    late: "end",
    "end of": "end",
    "the end of": "end",
  },
  de: { anfang: "early", mitte: "mid", ende: "end" },
};
const keysRe = (o: Record<string, unknown>) => alternation(Object.keys(o));

function parseDate(text: string, language: Locale): DateValue | undefined {
  const cal = calendarOf(language);
  const prep = `(?:(${keysRe(PREPS[language])})\\s+)?`;
  const part = `(?:(${keysRe(PARTS[language])})(?:\\s+|(?<=-)))?`;
  const weekday = `(?:(${cal.weekdayRe})\\.?,?\\s+(?:(?:the|den)\\s+)?)?`;
  const year = "(\\d{4})";
  const t = text.trim();
  let m: RegExpExecArray | null;
  const base = (p?: string, q?: string): DateValue => ({
    ...(p ? { prep: PREPS[language][p.toLowerCase()] } : {}),
    ...(q ? { part: PARTS[language][q.toLowerCase()] } : {}),
  });
  const isLong = (name?: string) => cal.long.has((name ?? "").toLowerCase());
  const monthOf = (name: string) => cal.months.get(name.replace(/\.$/, "").toLowerCase());
  const weekdayOf = (name?: string) =>
    name ? cal.weekdays.get(name.replace(/\.$/, "").toLowerCase()) : undefined;
  const withWeekday = (v: DateValue, w?: string): DateValue => {
    const d = weekdayOf(w);
    return d === undefined ? v : { ...v, weekday: d };
  };
  const monthName = `(${cal.monthRe})\\.?`;
  // "am Freitag", "on Friday"
  m = pattern(`^${prep}(${cal.weekdayRe})\\.?$`, "iu").exec(t);
  if (m) return isLong(m[2]) ? withWeekday(base(m[1]), m[2]) : undefined;
  if (language === "de") {
    // "am Dienstag, 16. April 2024", "16. April", "im April 2024", "Anfang April"
    m = pattern(`^${prep}${part}${weekday}(?:(\\d{1,2})\\.\\s*)?${monthName}(?:\\s+${year})?$`, "iu").exec(t);
    if (m) {
      const month = monthOf(m[5] as string);
      if (month === undefined || (!m[4] && !m[6] && !isLong(m[5]))) return undefined;
      const v = withWeekday(base(m[1], m[2]), m[3]);
      return { ...v, ...(m[4] ? { day: Number(m[4]) } : {}), month, ...(m[6] ? { year: m[6] } : {}) };
    }
    // "16.04.2024"
    m = pattern(`^${prep}(\\d{1,2})\\.(\\d{1,2})\\.${year}$`, "u").exec(t);
    if (m) return { ...base(m[1]), day: Number(m[2]), month: Number(m[3]) - 1, year: m[4] };
    // "im Jahr 2024", "seit 2017", "Ende 2024"
    m = pattern(`^${prep}${part}(?:Jahr(?:e)?\\s+)?${year}$`, "iu").exec(t);
    if (m) return { ...base(m[1], m[2]), year: m[3] };
    // "in den 1990er Jahren", "die 1990er"
    m = /^(?:(in|seit|bis)\s+)?(?:den\s+|die\s+)?(\d{3}0)er(?:[- ]Jahren?)?$/iu.exec(t);
    if (m) return { ...base(m[1]), decade: m[2] };
    return undefined;
  }
  // "on Tuesday, April 16, 2024", "April 16", "in April 2024", "early April", "mid-April"
  m = pattern(
    `^${prep}${part}${weekday}${monthName}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+${year})?$`,
    "iu",
  ).exec(t);
  if (m) {
    const month = monthOf(m[4] as string);
    if (month === undefined) return undefined;
    const v = withWeekday(base(m[1], m[2]), m[3]);
    return { ...v, day: Number(m[5]), month, ...(m[6] ? { year: m[6] } : {}) };
  }
  m = pattern(
    `^${prep}${part}${weekday}(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?${monthName}(?:,?\\s+${year})?$`,
    "iu",
  ).exec(t);
  if (m) {
    const month = monthOf(m[5] as string);
    if (month === undefined || (!m[4] && !m[6] && !isLong(m[5]))) return undefined;
    const v = withWeekday(base(m[1], m[2]), m[3]);
    return { ...v, ...(m[4] ? { day: Number(m[4]) } : {}), month, ...(m[6] ? { year: m[6] } : {}) };
  }
  m = pattern(`^${prep}${part}${year}$`, "iu").exec(t);
  if (m) return { ...base(m[1], m[2]), year: m[3] };
  m = /^(?:(in|since|until|by)\s+)?(?:the\s+)?(\d{3}0)s$/iu.exec(t);
  if (m) return { ...base(m[1]), decade: m[2] };
  return undefined;
}

const PREP_WORDS: Record<Locale, Record<Prep, string>> = {
  en: { in: "in", on: "on", since: "since", until: "until", from: "from", before: "before", after: "after" },
  de: { in: "im", on: "am", since: "seit", until: "bis", from: "ab", before: "vor", after: "nach" },
};

function writeDate(d: DateValue, to: Locale): string {
  const locale = DATE_LOCALE[to];
  if (d.decade) {
    const decade = to === "en" ? `the ${d.decade}s` : `${d.decade}er Jahre`;
    if (!d.prep) return decade;
    return to === "en"
      ? `${PREP_WORDS.en[d.prep]} ${decade}`
      : `${PREP_WORDS.de[d.prep] === "im" ? "in den" : PREP_WORDS.de[d.prep]} ${d.decade}er Jahren`;
  }
  let core: string;
  if (d.month !== undefined) {
    const date = Date.UTC(d.year ? Number(d.year) : 2000, d.month, d.day ?? 1);
    const options: Intl.DateTimeFormatOptions = { month: "long", timeZone: "UTC" };
    if (d.day !== undefined) options.day = "numeric";
    if (d.year) options.year = "numeric";
    core = new Intl.DateTimeFormat(locale, options).format(date);
  } else core = d.year ?? "";
  if (d.weekday !== undefined) {
    const name = weekdayNames(locale, "long")[d.weekday];
    core = core ? `${name}, ${core}` : (name ?? "");
  }
  if (d.part) {
    const part =
      to === "en"
        ? { early: "early ", mid: "mid-", end: "the end of " }[d.part]
        : { early: "Anfang ", mid: "Mitte ", end: "Ende " }[d.part];
    core = `${part}${core}`;
  }
  if (d.prep) {
    let prep = PREP_WORDS[to][d.prep];
    if (to === "de") {
      // "im April", "am 16. April", "Anfang April" (not "im Anfang April"), "im Jahr 2024"
      if (d.prep === "in" && d.part) return core;
      if (d.prep === "in" && d.day !== undefined) prep = "am";
      if (d.prep === "in" && d.month === undefined) prep = "im Jahr";
      if (d.prep === "on" && d.day === undefined && d.weekday === undefined) prep = "im";
    } else if (d.prep === "in" && d.day !== undefined) prep = "on";
    core = `${prep} ${core}`;
  }
  return core;
}

// ---- relative dates ("Ende dieses Jahres", "next year") --------------------------------------

/** The time units of relative dates, with their German gender (for "dieses Jahr", "diese Woche"). */
const UNITS: { en: string; de: RegExp; nom: string; gen: string; gender: "n" | "m" | "f" }[] = [
  { en: "year", de: /^Jahr(?:es|s)?$/i, nom: "Jahr", gen: "Jahres", gender: "n" },
  { en: "month", de: /^Monat(?:s)?$/i, nom: "Monat", gen: "Monats", gender: "m" },
  { en: "week", de: /^Woche$/i, nom: "Woche", gen: "Woche", gender: "f" },
  { en: "quarter", de: /^Quartal(?:s)?$/i, nom: "Quartal", gen: "Quartals", gender: "n" },
];
type Deixis = "this" | "next" | "last" | "the";
const DEIXIS_DE: [RegExp, Deixis][] = [
  [/^(?:dieses|diesen|diesem|dieser|diese)$/i, "this"],
  [/^(?:nächsten|nächstes|nächster|nächste|kommenden|kommendes|kommende)$/i, "next"],
  [/^(?:letzten|letztes|letzter|letzte|vergangenen|vergangenes|vergangene|vorigen|voriges)$/i, "last"],
  [/^(?:des|der)$/i, "the"],
];
/** German endings of the deictic word: genitive (after Ende/Anfang/Mitte) and accusative, by gender. */
const DEIXIS_FORMS: Record<
  Exclude<Deixis, "the">,
  { gen: Record<string, string>; acc: Record<string, string> }
> = {
  this: { gen: { n: "dieses", m: "dieses", f: "dieser" }, acc: { n: "dieses", m: "diesen", f: "diese" } },
  next: {
    gen: { n: "nächsten", m: "nächsten", f: "nächster" },
    acc: { n: "nächstes", m: "nächsten", f: "nächste" },
  },
  last: {
    gen: { n: "letzten", m: "letzten", f: "letzter" },
    acc: { n: "letztes", m: "letzten", f: "letzte" },
  },
};

interface Relative {
  prep?: Prep;
  part?: Part;
  deixis: Deixis;
  unit: number;
}

function parseRelative(text: string, language: Locale): Relative | undefined {
  const t = text.trim();
  if (language === "de") {
    // "seit Jahresbeginn", "zum Jahresende"
    const compound = /^(?:(seit|bis|zum|ab)\s+)?Jahres(beginn|anfang|mitte|ende)$/iu.exec(t);
    if (compound) {
      const prep = compound[1] ? (PREPS.de[compound[1].toLowerCase()] ?? "until") : undefined;
      const part = ({ beginn: "early", anfang: "early", mitte: "mid", ende: "end" } as const)[
        (compound[2] as string).toLowerCase() as "beginn"
      ];
      return { ...(prep ? { prep } : {}), part, deixis: "the", unit: 0 };
    }
    const m =
      /^(?:(seit|bis|ab|im|in)\s+)?(?:(Anfang|Mitte|Ende)\s+)?(?:(des|der)\s+)?(\p{L}+)\s+(\p{L}+)$/iu.exec(
        t,
      );
    if (!m) return undefined;
    const unit = UNITS.findIndex((u) => u.de.test(m[5] as string));
    const deixis = DEIXIS_DE.find(([re]) => re.test(m[4] as string))?.[1];
    if (unit < 0 || !deixis) return undefined;
    if (m[3] && deixis === "the") return undefined;
    const prep = m[1] ? PREPS.de[m[1].toLowerCase()] : undefined;
    const part = m[2] ? PARTS.de[m[2].toLowerCase()] : undefined;
    if (deixis === "the" && !part) return undefined;
    return { ...(prep && prep !== "in" ? { prep } : {}), ...(part ? { part } : {}), deixis, unit };
  }
  const m =
    /^(?:(since|until|by|from|in)\s+)?(?:(the end of|end of|the beginning of|beginning of|the start of|start of|the middle of)\s+)?(this|next|last|the)\s+(year|month|week|quarter)$/iu.exec(
      t,
    );
  if (!m) return undefined;
  const unit = UNITS.findIndex((u) => u.en === (m[4] as string).toLowerCase());
  const deixis = (m[3] as string).toLowerCase() as Deixis;
  const part = m[2] ? PARTS.en[m[2].toLowerCase()] : undefined;
  if (deixis === "the" && !part) return undefined;
  const prep = m[1] ? PREPS.en[m[1].toLowerCase()] : undefined;
  return { ...(prep && prep !== "in" ? { prep } : {}), ...(part ? { part } : {}), deixis, unit };
}

function writeRelative(r: Relative, to: Locale): string {
  const unit = UNITS[r.unit] as (typeof UNITS)[number];
  let core: string;
  if (to === "en") {
    const when = `${r.deixis} ${unit.en}`;
    const part = r.part ? { early: "the start of ", mid: "the middle of ", end: "the end of " }[r.part] : "";
    core = `${part}${when}`;
  } else if (r.part) {
    const part = { early: "Anfang", mid: "Mitte", end: "Ende" }[r.part];
    const article =
      r.deixis === "the" ? (unit.gender === "f" ? "der" : "des") : DEIXIS_FORMS[r.deixis].gen[unit.gender];
    core = `${part} ${article} ${unit.gen}`;
  } else core = `${DEIXIS_FORMS[r.deixis as Exclude<Deixis, "the">].acc[unit.gender]} ${unit.nom}`;
  return r.prep ? `${PREP_WORDS[to][r.prep]} ${core}` : core;
}

// ---- the entry point ----------------------------------------------------------------------------

/**
 * A value written in `from`'s language, as `to`'s language writes it; any other text unchanged.
 * "6,4-Milliarden-Dollar" -> "$6.4 billion", "im April" -> "in April", "1.000" -> "1,000" (German
 * to English), and the reverse ("$6.4 billion" -> "6,4 Milliarden Dollar").
 */
export function localiseValue(text: string, from: Language, to: Language): string {
  if (from === to) return text;
  const t = text.trim();
  if (!t || t.length > 60 || !/\d|\p{Lu}|\b(?:this|next|last|the)\b|\bJahres/u.test(t)) return text;
  const q = qualifier(t, from, to);
  if (q) {
    const rest = localiseValue(q.rest, from, to);
    return rest === q.rest ? text : `${q.word} ${rest}`;
  }
  const money = parseMoney(t, from);
  if (money) return writeMoney(money, from, to);
  const percent = localisePercent(t, from, to);
  if (percent) return percent;
  if (pattern(`^(?:${numberPattern(from)})$`, "u").test(t) && !/^\d{4}$/.test(t))
    return convertNumber(t, from, to);
  const date = parseDate(t, from);
  if (date) return writeDate(date, to);
  const relative = parseRelative(t, from);
  if (relative) return writeRelative(relative, to);
  return text;
}

/** The lexicon's data a title answer is translated with (titles.yml, the de-en table, the places). */
export type TitleLexicon = Pick<Lexicon, "titles" | "deToEn" | "placeByAlias">;

/**
 * A short answer in the asker's language: a value (localiseValue), else a job title the lexicon's
 * titles.yml knows as a whole ("Geschäftsführerin" -> "managing director", "former president" ->
 * "ehemaliger Präsident"); anything else as the article writes it.
 */
export function localiseShort(text: string, from: Language, to: Language, lexicon?: TitleLexicon): string {
  if (from === to) return text;
  const value = localiseValue(text, from, to);
  if (value !== text || !lexicon) return value;
  const words: TitleWords = {
    titles: lexicon.titles,
    deToEn: lexicon.deToEn,
    placeEn: (name) => lexicon.placeByAlias.get(name.toLowerCase())?.en,
  };
  return translateTitle(text, from, to, words) ?? text;
}

/**
 * An answer with its value in the asker's language (`answer.language`) where the article that
 * gives it is in the other, both ways: the value or title of a short answer, each item of a
 * list. The quotes, a sentence answer and any words that are not a value or a title stay as the
 * article writes them (the quote keeps the original: "6,4-Milliarden-Dollar-Finanzierungsrunde").
 */
export function localiseAnswer<
  A extends Pick<Answer, "kind" | "answer" | "language" | "citations" | "items">,
>(a: A, lexicon?: TitleLexicon): A {
  const from = (citations: Citation[]) => citations[0]?.language ?? a.language;
  if (a.kind === "value") {
    const value = localiseShort(a.answer, from(a.citations), a.language, lexicon);
    return value === a.answer ? a : { ...a, answer: value };
  }
  if (a.kind === "list" && a.items?.length) {
    const items = a.items.map((i) => {
      const text = localiseShort(i.text, from(i.citations), a.language, lexicon);
      return text === i.text ? i : { ...i, text };
    });
    if (items.every((item, k) => item === a.items?.[k])) return a;
    return { ...a, items, answer: items.map((i) => i.text).join(", ") };
  }
  return a;
}
