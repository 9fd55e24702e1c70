import { describe, expect, it } from "vitest";
import {
  kindFit,
  nameRuns,
  phraseSpans,
  type Span,
  type SpanKind,
  spansOf,
  wholeOf,
} from "../../src/ranking/spans.js";
import { tokenize } from "../../src/text/terms.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

const texts = (text: string, language: "en" | "de" = "en") =>
  phraseSpans(text, tokenize(text), language).map((s) => s.text);

describe("phraseSpans", () => {
  it("gives content-word windows that end on a content word, with a few stop words inside or before", () => {
    const spans = texts("The river was named after the first half of the 10th century settlers.");
    expect(spans).toContain("river");
    expect(spans).toContain("first half");
    expect(spans).toContain("the 10th century");
    expect(spans).toContain("half of the 10th century");
    expect(spans.every((s) => !/\b(?:the|of|was)$/.test(s))).toBe(true);
  });

  it("does not cross punctuation and keeps to six words", () => {
    const spans = texts(
      "Denmark, Iceland and Norway sent ships (many of them) to the coast of the northern sea lands.",
    );
    expect(spans.some((s) => s.includes(","))).toBe(false);
    expect(spans.some((s) => s.includes("("))).toBe(false);
    expect(spans.every((s) => s.split(/\s+/).length <= 6)).toBe(true);
  });

  it("reads German stop words as German", () => {
    expect(texts("Sie wurden nach ihrer inhärenten Schwierigkeit geordnet.", "de")).toContain(
      "nach ihrer inhärenten Schwierigkeit",
    );
  });
});

describe("spansOf", () => {
  it("types dates, money, percentages and names, offsets relative to the sentence", () => {
    const dir = tempDir({
      "a.txt":
        "Velmora Robotics raised $45 million in May 2021, and 80 percent of it went to Ida Roche in Telgard.\n",
    });
    const deps = depsFor(dir);
    const sentence = deps.index.corpus.sentences[0];
    if (!sentence) throw new Error("no sentence");
    const { spans } = spansOf(deps.index, deps.names, sentence);
    const kinds = new Map(spans.filter((s) => s.kind !== "phrase").map((s) => [s.text, s.kind]));
    expect(kinds.get("$45 million")).toBe("money");
    expect([...kinds].some(([t, k]) => k === "date" && t.includes("2021"))).toBe(true);
    expect(kinds.get("80 percent")).toBe("percent");
    expect(kinds.get("Ida Roche")).toBe("person");
    for (const s of spans) expect(sentence.text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe("spansOf, a span's terms", () => {
  it("are the analyser's terms of the span's text, in English and German, places of several words joined", () => {
    const dir = tempDir({
      "a.txt":
        "The New York office of Velmora's robotics unit, opened in 2021, hired engineers from São Paulo's start-ups.\n",
      "b.txt": "Die Finanzierungsrunde der Firma aus Nordrhein-Westfalen wurde im Mai abgeschlossen.\n",
    });
    const deps = depsFor(dir);
    let phrases = 0;
    for (const sentence of deps.index.corpus.sentences) {
      for (const span of spansOf(deps.index, deps.names, sentence).spans) {
        if (span.kind === "phrase") phrases++;
        expect(span.terms).toEqual(deps.index.analyzer.terms(span.text, sentence.language));
      }
    }
    expect(phrases).toBeGreaterThan(20);
  });
});

describe("kindFit", () => {
  it("fits a span's kind to the expected answer type: 1 first choice, 0.5 another, 0 none", () => {
    expect(kindFit("person", "person")).toBe(1);
    expect(kindFit("person", "organisation")).toBe(0.5);
    expect(kindFit("date", "money")).toBe(0);
    expect(kindFit("description", "phrase")).toBe(1);
  });
});

describe("wholeOf: the whole of the value or name a chosen span is part of", () => {
  /** The whole of the span `part` (of the given kind) in a one-sentence article. */
  const whole = (text: string, part: string, kind?: string) => {
    const deps = depsFor(tempDir({ "a.txt": `${text}\n` }));
    const sentence = deps.index.corpus.sentences[0];
    if (!sentence) throw new Error("no sentence");
    const words = spansOf(deps.index, deps.names, sentence);
    const span = words.spans.find((s) => s.text === part && (kind === undefined || s.kind === kind));
    if (!span) throw new Error(`no span ${part}`);
    const out = wholeOf(sentence.text, words, span);
    expect(sentence.text).toContain(out);
    expect(out).toContain(part);
    return out;
  };

  it("joins two values with a dash or 'to' into a range", () => {
    expect(whole("Pressures at Telgard rose by 27-30% last year.", "30%")).toBe("27-30%");
    expect(whole("The Telgard war lasted from 1562 to 1598 in the valley.", "1598", "date")).toBe(
      "1562 to 1598",
    );
    expect(whole("Building the Telgard dam took five to ten years.", "ten years")).toBe("five to ten years");
  });

  it("gives a count with the lower-case nouns after it, at most two, never across a capital or a comma", () => {
    expect(whole("The Telgard library holds 18 million volumes and three stone towers.", "three")).toBe(
      "three stone towers",
    );
    expect(whole("Velmora owns 5 stone tower walls near Telgard.", "5")).toBe("5 stone tower");
    expect(whole("Velmora hired 40 Telgard engineers, 12 designers.", "40")).toBe("40");
    expect(whole("Velmora hired 12, designers said.", "12")).toBe("12");
  });

  it("gives the value a span is part of", () => {
    expect(whole("Telgard workers get at least 4 weeks paid holidays.", "4", "count")).toBe("4 weeks");
  });

  it("makes no range of values joined by other words", () => {
    expect(whole("Velmora hired 12 engineers in Telgard and 30 in Oslo.", "30")).toBe("30");
  });

  it("gives a name with the capitalised words after it, not its title before it", () => {
    const text = "The uprising was crushed by Emperor Gegeen Khan in 1323.";
    const tokens = tokenize(text);
    const part = (words: string, kind: SpanKind): Span => {
      const start = text.indexOf(words);
      const first = tokens.findIndex((t) => t.start === start);
      return {
        text: words,
        start,
        end: start + words.length,
        kind,
        first,
        last: first + words.split(" ").length,
      };
    };
    expect(nameRuns(text, tokens, [part("Gegeen", "person")]).map((s) => s.text)).toEqual(["Gegeen Khan"]);
    expect(nameRuns(text, tokens, [part("Gegeen Khan", "person")])).toEqual([]);
    // a phrase is no name
    expect(nameRuns(text, tokens, [part("Gegeen", "phrase")])).toEqual([]);
    // the whole of a span is the longest run that holds it
    const words = { tokens, tag: new Uint8Array(tokens.length), spans: [part("Gegeen", "person")] };
    expect(wholeOf(text, words, part("Gegeen", "person"))).toBe("Gegeen Khan");
  });
});
