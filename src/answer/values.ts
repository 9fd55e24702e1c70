/**
 * Typed values inside a sentence: dates, amounts of money, percentages, counts, multipliers,
 * reasons and quotations, in English and German. Offsets are relative to the sentence text.
 */

export interface ValueSpan {
  text: string;
  start: number;
  end: number;
}

const MONTH_EN =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const MONTH_DE = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember";
const MONTH = `(?:${MONTH_EN}|${MONTH_DE})`;
const WEEKDAY_EN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const WEEKDAY_DE = "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag";
const WEEKDAY = `${WEEKDAY_EN}|${WEEKDAY_DE}`;
const CALENDAR_WORD = new RegExp(`^(?:${MONTH}|${WEEKDAY})$`, "u");

/** True for a month or a weekday ("March", "Dienstag"): a date, not a name. */
export function isCalendarWord(word: string): boolean {
  return CALENDAR_WORD.test(word);
}
const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozens|hundreds|thousands|millions|ein|eine|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwanzig|hundert|tausend|hunderte|tausende";

const DATE_PATTERNS: RegExp[] = [
  // A time of day: "4:12 a.m.", "16:30 Uhr", "9 pm".
  /\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|Uhr\b)|\b\d{1,2}:\d{2}\b/giu,
  new RegExp(
    `\\b(?:(?:${WEEKDAY_EN})\\s*[(,]?\\s*)?${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\)?`,
    "gu",
  ),
  new RegExp(`\\b(?:(?:${WEEKDAY}),?\\s+(?:(?:the|den)\\s+)?)?\\d{1,2}\\.?\\s+${MONTH}(?:\\s+\\d{4})?`, "gu"),
  new RegExp(
    `\\b(?:(?:early|mid|late|end of|beginning of|in|since|by|until|Anfang|Mitte|Ende|im|seit|bis)\\s+)?${MONTH}(?:\\s+\\d{4})?\\b`,
    "gu",
  ),
  /\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b/gu,
  /\b(?:the\s+)?(?:first|second|last|early|late)?\s*(?:half|part|quarter)?\s*(?:of\s+the\s+)?\d{1,2}(?:st|nd|rd|th)\s+(?:and\s+\d{1,2}(?:st|nd|rd|th)\s+)?centur(?:y|ies)\b/giu,
  /\b(?:(?:early|mid|late|end of|beginning of|in|since|by|until|Anfang|Mitte|Ende|seit|bis)\s+)?(?:1[0-9]{3}|20[0-9]{2})\b(?![\d,.]*\s*(?:billion|million|Milliarden|Millionen|dollars?|euros?|%|percent))/giu,
  // A decade: "the 1990s", "in the early 960s", "in den 1990er Jahren".
  /\b(?:(?:in\s+)?the\s+(?:early\s+|mid-?|late\s+)?)?[1-9]\d{1,2}0s\b|\b(?:(?:in\s+)?den\s+)?[1-9]\d{1,2}0er(?:[- ]Jahren?)?\b/giu,
  // A three-digit year after a preposition, not followed by a noun it counts ("in 812", not "in 300 ships").
  /\b(?:in|since|from|until|till|by|around|circa|before|after|im|seit|bis)\s+[1-9]\d{2}\b(?!\s*\p{L}|[\d,.]\d)/giu,
  new RegExp(
    `\\b(?:(?:the\\s+)?end of (?:this|the|next|last) year|(?:this|next|last) (?:year|month|week|quarter|spring|summer|autumn|fall|winter)|(?:over )?the next (?:\\w+ )?(?:years|months|weeks)|earlier this (?:year|month|week)|later this (?:year|month)|(?:on )?(?:${WEEKDAY_EN}))\\b`,
    "giu",
  ),
  new RegExp(
    `\\b(?:(?:Ende|Anfang|Mitte) (?:dieses|nächsten|des (?:kommenden|vergangenen)) Jahres|(?:letztes|nächstes|dieses|vergangenes) Jahr|seit Jahresbeginn|im (?:vergangenen|kommenden) Jahr|(?:am )?(?:${WEEKDAY_DE}))\\b`,
    "giu",
  ),
];

const MONEY =
  /(?:[$€£¥]\s?\d[\d,.]*(?:\s?(?:billion|million|trillion|bn|mn|m|k)\b)?|\b\d[\d,.]*(?:[- ](?:billion|million|trillion|Milliarden|Millionen|Mrd\.|Mio\.))(?:[- ](?:US-)?(?:dollars?|Dollar|euros?|Euro|pounds?|Pfund|yen|USD|EUR))?|\b\d[\d,.]*\s?(?:dollars|euros|USD|EUR|Dollar|Euro|pounds|Pfund|yen)\b)/gu;
const PERCENT = /\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b|Prozent\b)/gu;
const MULTIPLIER = new RegExp(
  `\\b(?:up to\\s+|bis zu\\s+)?(?:\\d+(?:[.,]\\d+)?|${NUMBER_WORDS})[ -]?(?:times|x|fold|mal)\\b|\\b(?:twice|double|doubled|triple|tripled|doppelt|dreimal|verdoppelt|verdreifacht)\\b`,
  "giu",
);
const COUNT = new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS})\\b(?:\\s+of)?`, "giu");
const REASON =
  /\b(?:because(?: of)?|due to|owing to|thanks to|as a result of|in a bid to|in order to|so as to|aims? to|aimed at|seeks? to|so that|weil|da|denn|um)\b[^.;!?]*/giu;
const QUOTE = /[“"„«]([^”"“»„«]{8,}?)[”"“»]/gu;

function collect(text: string, patterns: RegExp[]): ValueSpan[] {
  const out: ValueSpan[] = [];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const raw = m[0];
      let trimmed = raw.replace(/^[\s(]+|[\s,.;:)]+$/g, "");
      const rest = raw.slice(raw.indexOf(trimmed) + trimmed.length);
      if (trimmed.includes("(") && rest.startsWith(")")) trimmed += ")";
      // "a.m." keeps its full stop.
      if (/\b[ap]\.m$/i.test(trimmed) && rest.startsWith(".")) trimmed += ".";
      if (!trimmed) continue;
      const start = (m.index ?? 0) + raw.indexOf(trimmed);
      const span = { text: trimmed, start, end: start + trimmed.length };
      // Keep the longest of overlapping matches.
      const clash = out.findIndex((o) => o.start < span.end && span.start < o.end);
      if (clash < 0) out.push(span);
      else if ((out[clash] as ValueSpan).text.length < span.text.length) out[clash] = span;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const MONTH_KEYS: Record<string, string> = {
  januar: "january",
  februar: "february",
  märz: "march",
  mai: "may",
  juni: "june",
  juli: "july",
  oktober: "october",
  dezember: "december",
};

/**
 * The key under which dates are merged: the month when one is named ("April 15" and "im April"
 * are the same answer), else the year, else the words.
 */
const MONTH_RE = new RegExp(MONTH, "iu");

export function dateKey(text: string): string {
  const month = MONTH_RE.exec(text)?.[0].toLowerCase();
  if (month) return `month:${MONTH_KEYS[month] ?? month.slice(0, 3)}`;
  const year = /\b\d{4}\b/.exec(text)?.[0];
  return year ? `year:${year}` : `date:${text.toLowerCase()}`;
}

/** Dates and times: "April 15", "late 2022", "Ende dieses Jahres", "the 10th century", "the 1990s". */
export function findDates(text: string): ValueSpan[] {
  return collect(text, DATE_PATTERNS);
}

/** Amounts of money: "$4.5 billion", "3,2-Milliarden-Dollar". */
export function findMoney(text: string): ValueSpan[] {
  return collect(text, [MONEY]);
}

/** Percentages: "80 percent", "12%". */
export function findPercents(text: string): ValueSpan[] {
  return collect(text, [PERCENT]);
}

/** Multipliers: "three times", "2x", "doppelt". */
export function findMultipliers(text: string): ValueSpan[] {
  return collect(text, [MULTIPLIER]);
}

const LENGTH_UNITS =
  "metres|meters|metre|meter|m|kilometres|kilometers|km|miles|mile|feet|foot|ft|inches|inch|cm|mm|Meter|Kilometer|Meilen";
const WEIGHT_UNITS = "kilograms|kg|tonnes|tons|lbs|Kilogramm|Tonnen";
const YEAR_UNITS = "years|year|Jahre|Jahren";
const DURATION_UNITS = `${YEAR_UNITS}|months|month|weeks|week|days|day|hours|hour|minutes|minute|seconds|Monate|Monaten|Wochen|Tage|Tagen|Stunden|Minuten`;
const UNITS = `${LENGTH_UNITS}|${WEIGHT_UNITS}|${DURATION_UNITS}`;
const MEASURE = new RegExp(
  `\\b(?:about |around |some |nearly |almost |up to |rund |etwa |fast )?(?:\\d[\\d,.]*|${NUMBER_WORDS})[ -]?(?:square |Quadrat)?(?:${UNITS})\\b(?: (?:long|high|tall|wide|deep|old|lang|hoch|breit|tief|alt))?`,
  "giu",
);

const MAY_MEASURE = new RegExp(`\\b(?:square |Quadrat)?(?:${UNITS})\\b`, "iu");

const unitsOf = (units: string) => new RegExp(`\\b(?:${units})\\b`, "iu");
/** The units that answer each "how ...?" adjective: "how heavy" a weight, "how old" years. */
const UNITS_FOR: Record<MeasureAdjective, RegExp> = {
  long: unitsOf(`${LENGTH_UNITS}|${DURATION_UNITS}`),
  tall: unitsOf(LENGTH_UNITS),
  high: unitsOf(LENGTH_UNITS),
  wide: unitsOf(LENGTH_UNITS),
  far: unitsOf(LENGTH_UNITS),
  deep: unitsOf(LENGTH_UNITS),
  heavy: unitsOf(WEIGHT_UNITS),
  old: unitsOf(YEAR_UNITS),
  big: unitsOf(`square|Quadrat\\p{L}*|${LENGTH_UNITS}`),
  large: unitsOf(`square|Quadrat\\p{L}*|${LENGTH_UNITS}`),
};

/** The adjectives of "how ...?" questions that ask for a measure. */
export type MeasureAdjective =
  | "long"
  | "tall"
  | "high"
  | "wide"
  | "far"
  | "deep"
  | "heavy"
  | "old"
  | "big"
  | "large";

/**
 * Lengths, heights, weights and durations: "410 metres", "three years", "6 Monate"; with an
 * adjective, only those in its units ("how heavy": "2,100 kilograms", not "five years").
 */
export function findMeasures(text: string, adjective?: MeasureAdjective): ValueSpan[] {
  // Most sentences have no unit at all: the full pattern runs only on those that do.
  if (!MAY_MEASURE.test(text)) return [];
  const found = collect(text, [MEASURE]);
  const units = adjective ? UNITS_FOR[adjective] : undefined;
  return units ? found.filter((m) => units.test(m.text)) : found;
}

/**
 * Numbers, with the words that follow them for counting ("hundreds of", "5,000"); not those
 * inside a date ("in 2019", "the next two years") unless `inDates` ("how many years ...?").
 */
export function findCounts(text: string, inDates = false): ValueSpan[] {
  const counts = collect(text, [COUNT]);
  if (inDates) return counts;
  const dates = findDates(text);
  return counts.filter((c) => !dates.some((d) => d.start <= c.start && c.end <= d.end));
}

/** Reason clauses: "due to its leadership in technology", "um ... zu erweitern". */
export function findReasons(text: string): ValueSpan[] {
  return collect(text, [REASON]).filter((r) => r.text.split(/\s+/).length >= 4);
}

/** Quotations: the words between quotation marks. */
export function findQuotes(text: string): ValueSpan[] {
  const out: ValueSpan[] = [];
  for (const m of text.matchAll(QUOTE)) {
    const inner = (m[1] as string).trim().replace(/,$/, "");
    const start = (m.index ?? 0) + (m[0] as string).indexOf(inner);
    out.push({ text: inner, start, end: start + inner.length });
  }
  return out;
}

/** Signs and words of each currency a question may ask in ("what did it cost in euros?"). */
const CURRENCIES: { asked: RegExp; amount: RegExp }[] = [
  { asked: /\b(?:euros?|eur)\b/i, amount: /€|\beuros?\b|\bEUR\b/i },
  { asked: /\b(?:dollars?|usd)\b/i, amount: /\$|\bdollars?\b|\bUSD\b/i },
  { asked: /\b(?:pounds?|pfund|gbp|sterling)\b/i, amount: /£|\bpounds?\b|\bpfund\b|\bGBP\b/i },
  { asked: /\b(?:yen|jpy)\b/i, amount: /¥|\byen\b|\bJPY\b/i },
];

/** The pattern of amounts in the one currency a question names, if it names one. */
export function askedCurrency(question: string): RegExp | undefined {
  const named = CURRENCIES.filter((c) => c.asked.test(question));
  return named.length === 1 ? named[0]?.amount : undefined;
}
