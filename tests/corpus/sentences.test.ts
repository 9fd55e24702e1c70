import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markFurniture } from "../../src/corpus/furniture.js";
import { BREAK, joinPieces, sentenceCuts, splitSentences } from "../../src/corpus/sentences.js";
import { FIXTURES, SEEDS } from "../helpers/fixtures.js";

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

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

  it("starts a sentence at an opening straight quotation mark", () => {
    expect(split('The lab will study vision. "Lyon has talent," she said. "It is." " Then more.')).toEqual([
      "The lab will study vision.",
      '"Lyon has talent," she said.',
      '"It is." " Then more.',
    ]);
  });

  it("handles German dates and abbreviations", () => {
    expect(
      split("Das Büro öffnet am 15. April 2024 in Berlin. Es kostet 6,4 Mrd. Dollar, z. B. für Miete. Gut."),
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
    const spans = splitSentences(text, 100);
    expect(spans).toEqual([
      { start: 102, end: 120 },
      { start: 123, end: 135 },
    ]);
  });

  it("cuts after terminators with closing marks, ideographic stops and paragraph separators", () => {
    expect(split("**Bold claim.** Next one here. Fin.")).toEqual([
      "**Bold claim.**",
      "Next one here.",
      "Fin.",
    ]);
    expect(split("東京に開設。大阪は未定。")).toEqual(["東京に開設。", "大阪は未定。"]);
    expect(split("First part here\u2029Second part here")).toEqual(["First part here", "Second part here"]);
    // No cut inside a token, as Unicode's rules would make ("../x", "?`"), or before a lower-case word.
    expect(split("See ../docs/x.md?`y` for more. Set it in the file. `config` is read. It is.")).toEqual([
      "See ../docs/x.md?`y` for more.",
      "Set it in the file. `config` is read.",
      "It is.",
    ]);
  });

  it("gives the sentences Intl.Segmenter's breaks give, on the seeds and the Normans article", () => {
    const icu = new Intl.Segmenter("en", { granularity: "sentence" });
    const icuCuts = (line: string) => [...icu.segment(line)].map((s) => s.index + s.segment.length);
    let compared = 0;
    for (const dir of [SEEDS, `${FIXTURES}/eval/normans/seeds`]) {
      for (const file of readdirSync(dir)) {
        const lines = readFileSync(join(dir, file), "utf8").split("\n");
        // The lines the loader reads (Unicode's rules cut "![image](...)" after the "!").
        const furniture = markFurniture(lines);
        lines.forEach((line, i) => {
          if (furniture[i]) return;
          expect(splitSentences(line)).toEqual(joinPieces(line, icuCuts(line)));
          compared += splitSentences(line).length;
        });
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it("cuts where the BREAK expression matches, in any text (property test)", () => {
    const byRegex = (text: string) => {
      const cuts = [...text.matchAll(new RegExp(BREAK))].map((m) => (m.index ?? 0) + m[0].length);
      if ((cuts.at(-1) ?? 0) < text.length) cuts.push(text.length);
      return cuts;
    };
    const piece = fc.oneof(
      fc.constantFrom(
        ".",
        "!",
        "?",
        "…",
        "‼",
        "⁇",
        "．",
        "。",
        "！",
        "？",
        "｡",
        "\r",
        "\u0085",
        "\u2028",
        "\u2029",
      ),
      fc.constantFrom('"', "'", "‘", "’", "“", "”", "«", "»", ")", "]", "}", "*", "_", "(", "["),
      fc.constantFrom(" ", "\n", "\t", "\u00a0", "\u2009", "\u3000", "\ufeff", "\u180e", "\u200b"),
      fc.constantFrom("a", "Velmora", "3", "z.B", "U.S"),
      fc.string({ unit: "binary", maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join("")),
        (text) => {
          expect(sentenceCuts(text)).toEqual(byRegex(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it("loses no text and returns ordered, trimmed, non-empty spans (property test)", () => {
    // Words, spaces and every kind of punctuation and separator, in any order.
    const piece = fc.oneof(
      fc.constantFrom(
        "Acme",
        "opened",
        "U.S",
        "z",
        "15",
        "Tokio",
        "東京",
        "Привет",
        "مرحبا",
        " ",
        "  ",
        "etc",
      ),
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
        "*",
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
    fc.assert(
      fc.property(line, fc.nat(1000), (text, offset) => {
        const spans = splitSentences(text, offset);
        let at = offset;
        for (const { start, end } of spans) {
          expect(start).toBeGreaterThanOrEqual(at);
          expect(end).toBeGreaterThan(start);
          const sentence = text.slice(start - offset, end - offset);
          expect(sentence).toBe(sentence.trim());
          // Only white space between two sentences.
          expect(text.slice(at - offset, start - offset).trim()).toBe("");
          at = end;
        }
        expect(text.slice(at - offset).trim()).toBe("");
      }),
      { numRuns: 3000 },
    );
  });
});
