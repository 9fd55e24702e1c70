import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localiseAnswer, localiseValue } from "../../src/answer/localise.js";
import { loadLexicon } from "../../src/lexicon/load.js";
import { INTENTS } from "../helpers/fixtures.js";

const lexicon = loadLexicon(join(INTENTS, "lexicon"));
/** A citation of a made-up quote in a language. */
const citation = (language: "en" | "de", quote: string) => ({
  source: "x.md",
  title: "x",
  quote,
  start: 0,
  end: quote.length,
  language,
});

const toEn = (text: string) => localiseValue(text, "de", "en");
const toDe = (text: string) => localiseValue(text, "en", "de");

describe("localiseValue: a German value for an English asker", () => {
  it.each([
    ["2,5 Milliarden Dollar", "$2.5 billion"],
    ["2,5-Milliarden-Dollar", "$2.5 billion"],
    ["1,2 Mrd. Euro", "€1.2 billion"],
    ["€ 40 Mio.", "€40 million"],
    ["800 Millionen Euro", "€800 million"],
    ["3 Billionen Yen", "¥3 trillion"],
    ["7,25 Millionen", "7.25 million"],
    ["12.500 Euro", "€12,500"],
  ])("money: %s -> %s", (de, en) => expect(toEn(de)).toBe(en));

  it.each([
    ["4,5 Prozent", "4.5%"],
    ["12 %", "12%"],
    ["0,75%", "0.75%"],
  ])("percentages: %s -> %s", (de, en) => expect(toEn(de)).toBe(en));

  it.each([
    ["1.000", "1,000"],
    ["2.345.678", "2,345,678"],
    ["3,75", "3.75"],
    ["rund 1.500", "about 1,500"],
    ["bis zu 30 Prozent", "up to 30%"],
    ["fast 2.000", "nearly 2,000"],
  ])("numbers: %s -> %s", (de, en) => expect(toEn(de)).toBe(en));

  it.each([
    ["im Oktober", "in October"],
    ["im März 2023", "in March 2023"],
    ["Mai", "May"],
    ["Jänner", "January"],
    ["3. Dezember 2021", "3 December 2021"],
    ["am 3. Dezember", "on 3 December"],
    ["Dienstag, 3. Dezember 2024", "Tuesday, 3 December 2024"],
    ["seit Juli", "since July"],
    ["bis Februar 2026", "until February 2026"],
    ["Anfang Juni", "early June"],
    ["Mitte 2025", "mid-2025"],
    ["Ende Oktober", "the end of October"],
    ["im Jahr 2019", "in 2019"],
    ["seit 2017", "since 2017"],
    ["03.12.2021", "3 December 2021"],
    ["in den 1980er Jahren", "in the 1980s"],
    ["am Freitag", "on Friday"],
  ])("dates: %s -> %s", (de, en) => expect(toEn(de)).toBe(en));

  it.each([
    ["Ende dieses Jahres", "the end of this year"],
    ["Anfang nächsten Jahres", "the start of next year"],
    ["nächstes Jahr", "next year"],
    ["im vergangenen Jahr", "last year"],
    ["seit Jahresbeginn", "since the start of the year"],
    ["Ende des Jahres", "the end of the year"],
  ])("relative dates: %s -> %s", (de, en) => expect(toEn(de)).toBe(en));

  it.each([
    "Lena Brandt",
    "Geschäftsführerin",
    "die Drehscheibe für Kunden",
    "1.000 Mitarbeiter", // a count with a noun: the noun is a word, not a value
    "2024", // a year is written alike
    "Stadt Wien",
    "Maibaum",
    "zwei Büros",
  ])("leaves anything that is not a value as a whole verbatim: %s", (text) => expect(toEn(text)).toBe(text));
});

describe("localiseValue: an English value for a German asker", () => {
  it.each([
    ["$2.5 billion", "2,5 Milliarden Dollar"],
    ["€1 billion", "1 Milliarde Euro"],
    ["30 million euros", "30 Millionen Euro"],
    ["£12,500", "12.500 Pfund"],
    ["4.5 percent", "4,5 %"],
    ["12%", "12 %"],
    ["1,000", "1.000"],
    ["about 1,500", "rund 1.500"],
    ["in October", "im Oktober"],
    ["October 3, 2021", "3. Oktober 2021"],
    ["on October 3", "am 3. Oktober"],
    ["Tuesday (December 3)", "Tuesday (December 3)"],
    ["early June", "Anfang Juni"],
    ["in early June", "Anfang Juni"],
    ["mid-2025", "Mitte 2025"],
    ["since 2017", "seit 2017"],
    ["in 2019", "im Jahr 2019"],
    ["the 1980s", "1980er Jahre"],
    ["the end of this year", "Ende dieses Jahres"],
    ["next week", "nächste Woche"],
    ["the end of next month", "Ende nächsten Monats"],
    ["Lena Brandt", "Lena Brandt"],
  ])("%s -> %s", (en, de) => expect(toDe(en)).toBe(de));
});

describe("localiseValue keeps the value checkable against the quote", () => {
  it("says the same in both directions: a round trip gives the text back", () => {
    for (const de of [
      "2,5 Milliarden Dollar",
      "4,5 %",
      "1.000",
      "im Oktober",
      "3. Dezember 2021",
      "Anfang Juni",
      "Ende dieses Jahres",
    ])
      expect(toDe(toEn(de))).toBe(de);
  });

  it("is the identity for one language", () => {
    expect(localiseValue("2,5 Milliarden Dollar", "de", "de")).toBe("2,5 Milliarden Dollar");
    expect(localiseValue("$2.5 billion", "en", "en")).toBe("$2.5 billion");
  });

  it("never turns a length into money or a year into a number", () => {
    expect(toEn("5 m")).toBe("5 m");
    expect(toDe("5 m")).toBe("5 m");
    expect(toDe("2024")).toBe("2024");
  });
});

describe("localiseValue and short month or weekday names", () => {
  it("reads a short name only with a day or a year: alone it may be a name", () => {
    expect(toDe("Jan")).toBe("Jan");
    expect(toDe("Sun")).toBe("Sun");
    expect(toEn("Mär")).toBe("Mär");
    expect(toDe("Jan 5, 2024")).toBe("5. Januar 2024");
    expect(toEn("5. Okt. 2023")).toBe("5 October 2023");
  });
});

describe("localiseAnswer", () => {
  it("gives an English asker the value of a German quote in English, the quote verbatim", () => {
    const quote = "Die Firma sammelte 2,5 Milliarden Dollar ein.";
    const a = localiseAnswer({
      kind: "value",
      answer: "2,5 Milliarden Dollar",
      language: "en",
      citations: [citation("de", quote)],
    });
    expect(a.answer).toBe("$2.5 billion");
    expect(a.citations[0]?.quote).toBe(quote);
  });
  it("localises each item of a list and the joined answer; leaves sentences and same-language values alone", () => {
    const items = [
      { text: "im Oktober", citations: [citation("de", "im Oktober.")] },
      { text: "Lena Brandt", citations: [citation("de", "Lena Brandt.")] },
    ];
    const list = localiseAnswer({
      kind: "list",
      answer: "im Oktober, Lena Brandt",
      language: "en",
      citations: [],
      items,
    });
    expect(list.answer).toBe("in October, Lena Brandt");
    const sentence = {
      kind: "sentence" as const,
      answer: "Im Oktober 2024.",
      language: "en" as const,
      citations: [citation("de", "Im Oktober 2024.")],
    };
    expect(localiseAnswer(sentence)).toBe(sentence);
    // The value's language is the quote's: a German asker of a German quote gets it as it is.
    const same = {
      kind: "value" as const,
      answer: "im Oktober",
      language: "de" as const,
      citations: [citation("de", "im Oktober.")],
    };
    expect(localiseAnswer(same)).toBe(same);
  });
});

describe("localiseAnswer for a German asker of English text (issue 15)", () => {
  const cite = (quote: string) => citation("en", quote);
  const value = (answer: string, quote: string) =>
    localiseAnswer({ kind: "value", answer, language: "de", citations: [cite(quote)] }, lexicon);

  it.each([
    ["$6.4 billion", "Zentrix raised $6.4 billion last year.", "6,4 Milliarden Dollar"],
    ["in April", "The lab opens in April.", "im April"],
    ["1,000", "It employs 1,000 people.", "1.000"],
    ["April 15, 2024", "It opened on April 15, 2024.", "15. April 2024"],
    ["12.5%", "Sales rose 12.5% in May.", "12,5 %"],
    ["about 2,500", "Zentrix has about 2,500 staff.", "rund 2.500"],
    ["the end of this year", "It opens at the end of this year.", "Ende dieses Jahres"],
  ])("gives the value %s in German (%s) -> %s, the quote verbatim", (answer, quote, german) => {
    const a = value(answer, quote);
    expect(a.answer).toBe(german);
    expect(a.citations[0]?.quote).toBe(quote);
  });

  it("gives a role span in German, the English title the German press keeps as it is", () => {
    expect(value("former president", "Ida Vale, the former president of Hooli, spoke.").answer).toBe(
      "ehemaliger Präsident",
    );
    expect(value("spokeswoman", "A spokeswoman for Zentrix declined.").answer).toBe("Sprecherin");
    expect(value("Chief Revenue Officer", "Jo Pike, Chief Revenue Officer, said.").answer).toBe(
      "Chief Revenue Officer",
    );
  });

  it("localises list items, not names or sentences", () => {
    const list = localiseAnswer(
      {
        kind: "list",
        answer: "in May, Lena Brandt",
        language: "de",
        citations: [],
        items: [
          { text: "in May", citations: [cite("It opens in May.")] },
          { text: "Lena Brandt", citations: [cite("Lena Brandt leads it.")] },
        ],
      },
      lexicon,
    );
    expect(list.answer).toBe("im Mai, Lena Brandt");
    const sentence = {
      kind: "sentence" as const,
      answer: "It opens in May.",
      language: "de" as const,
      citations: [cite("It opens in May.")],
    };
    expect(localiseAnswer(sentence, lexicon)).toBe(sentence);
  });
});

describe("localiseAnswer: a German title for an English asker", () => {
  const cite = (quote: string) => citation("de", quote);
  it.each([
    ["Geschäftsführer", "Geschäftsführer Ole Brink eröffnete das Werk.", "managing director"],
    ["Vorstandsvorsitzender", "Vorstandsvorsitzender Kai Rau sprach.", "chief executive"],
    [
      "ehemalige Missionsleiterin",
      "Die ehemalige Missionsleiterin Ada Lenz sprach.",
      "former head of mission",
    ],
  ])("%s -> %s, the German original in the quote", (de, quote, en) => {
    const a = localiseAnswer(
      { kind: "value", answer: de, language: "en", citations: [cite(quote)] },
      lexicon,
    );
    expect(a.answer).toBe(en);
    expect(a.citations[0]?.quote).toBe(quote);
  });
  it("translates no title without the lexicon, and no name", () => {
    const a = {
      kind: "value" as const,
      answer: "Geschäftsführer",
      language: "en" as const,
      citations: [cite("x")],
    };
    expect(localiseAnswer(a)).toBe(a);
    const name = { ...a, answer: "Ole Brink" };
    expect(localiseAnswer(name, lexicon)).toBe(name);
  });
});
