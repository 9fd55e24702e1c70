import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayBreak, splitSentences } from "../../src/corpus/sentences.js";

const split = (text: string, lang: "en" | "de" = "en") =>
  splitSentences(text, lang).map((s) => text.slice(s.start, s.end));

describe("splitSentences", () => {
  it("keeps figures, abbreviations and initials inside sentences", () => {
    expect(
      split(
        "Microsoft will invest $2.9 billion in the U.S. and Japan. Dr. Smith agreed. John F. Kennedy spoke.",
      ),
    ).toEqual([
      "Microsoft will invest $2.9 billion in the U.S. and Japan.",
      "Dr. Smith agreed.",
      "John F. Kennedy spoke.",
    ]);
  });

  it("keeps quotations whole", () => {
    expect(split("He said, “We have a backlog of demand.” Then he left.")).toEqual([
      "He said, “We have a backlog of demand.”",
      "Then he left.",
    ]);
  });

  it("handles German dates and abbreviations", () => {
    expect(
      split(
        "Das Büro öffnet am 15. April 2024 in Berlin. Es kostet 6,4 Mrd. Dollar, z. B. für Miete. Gut.",
        "de",
      ),
    ).toEqual([
      "Das Büro öffnet am 15. April 2024 in Berlin.",
      "Es kostet 6,4 Mrd. Dollar, z. B. für Miete.",
      "Gut.",
    ]);
  });

  it("looks only at the last word before a full stop, however long the sentence so far", () => {
    const long = `${"Acme grew fast in many markets, ".repeat(200)}said the report by Acme Inc. in Berlin.`;
    expect(split(`${long} It was a busy day. Non-U.S. sales rose. Then... nothing. Ende am 3. Mai.`)).toEqual(
      [long, "It was a busy day.", "Non-U.S. sales rose.", "Then... nothing.", "Ende am 3. Mai."],
    );
  });

  it("returns offsets into the original text", () => {
    const text = "  One sentence here.   Another one. ";
    const spans = splitSentences(text, "en", 100);
    expect(spans).toEqual([
      { start: 102, end: 120 },
      { start: 123, end: 135 },
    ]);
  });

  it("skips the segmenter only where it would find one sentence (property test)", () => {
    // Words, spaces and every kind of punctuation and separator, in any order.
    const piece = fc.oneof(
      fc.constantFrom("Acme", "opened", "U.S", "z", "15", "Tokio", "東京", "Привет", "مرحبا", " ", "  "),
      fc.constantFrom(
        ".",
        "!",
        "?",
        "…",
        ",",
        ";",
        "”",
        "“",
        ")",
        "।",
        "。",
        "！",
        "؟",
        "\u2029",
        "\u0085",
        "\r",
        "\t",
      ),
      fc.string({ unit: "binary", maxLength: 3 }),
    );
    const line = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));
    const en = new Intl.Segmenter("en", { granularity: "sentence" });
    const de = new Intl.Segmenter("de", { granularity: "sentence" });
    fc.assert(
      fc.property(line, (text) => {
        if (mayBreak(text)) return;
        expect([...en.segment(text)].length).toBeLessThanOrEqual(1);
        expect([...de.segment(text)].length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });
});
