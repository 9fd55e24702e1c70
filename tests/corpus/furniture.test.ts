import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFurnitureLine, lineKey, markFurniture } from "../../src/corpus/furniture.js";

/** markFurniture the plain way: every line's whole key, counted and sorted. */
function plainMarks(lines: string[]): boolean[] {
  const keys = lines.map(lineKey);
  const count = new Map<string, number>();
  for (const k of keys) if (k) count.set(k, (count.get(k) ?? 0) + 1);
  const sorted = [...count.keys()].sort();
  const teasers = new Set(sorted.filter((k, i) => k.length >= 20 && (sorted[i + 1] ?? "").startsWith(k)));
  return lines.map((line, i) => {
    const k = keys[i] as string;
    return isFurnitureLine(line) || (count.get(k) ?? 0) > 1 || teasers.has(k);
  });
}

describe("isFurnitureLine", () => {
  it.each([
    "![图片](https://example.com/a.png)",
    "WATCH: This video is amazing",
    "ALSO READ: Why it matters",
    "See also: Another story",
    "Tags: asia, japan, openai",
    "---",
    "* * *",
    "(Photo by Someone)",
    "Want to learn more about AI? Check out the Expo.",
    "Explore other upcoming enterprise technology events here.",
    "感谢阅读！如果您对AI的最新发展感兴趣，可以查看更多AI文章。",
  ])("marks %s", (line) => expect(isFurnitureLine(line)).toBe(true));

  it.each([
    "OpenAI opened an office in Tokyo.",
    "Die Expansion folgt auf die Finanzierungsrunde.",
    "Watch the market: it moved.",
  ])("keeps %s", (line) => expect(isFurnitureLine(line)).toBe(false));
});

describe("markFurniture", () => {
  it("marks repeated footers and cut-off teasers", () => {
    const lines = [
      "The company opened a new office in Tokyo to grow in the Asian mark",
      "The company opened a new office in Tokyo to grow in the Asian market.",
      "Thanks for reading our newsletter today!",
      "Thanks for reading our newsletter today!",
      "A normal sentence.",
    ];
    expect(markFurniture(lines)).toEqual([true, false, true, true, false]);
  });

  it("finds what comparing every line's whole key finds (property test)", () => {
    // Lines made of a few shared beginnings, spaces of several kinds and cases, cut anywhere:
    // repeats and teasers are common, long lines too.
    const start = "The Velmora office opened in Tarn last spring with forty staff ";
    const piece = fc.constantFrom(
      "a",
      "A",
      " ",
      "  ",
      "\t",
      "\u00a0",
      "\u2009",
      "Σ",
      "İ",
      "x",
      start,
      start.toUpperCase(),
    );
    const line = fc
      .tuple(fc.array(piece, { maxLength: 12 }), fc.nat(200))
      .map(([parts, cut]) => parts.join("").slice(0, cut));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
        const all = [...lines, ...lines.slice(0, 2).map((l) => l.slice(0, 30))];
        expect(markFurniture(all)).toEqual(plainMarks(all));
      }),
      { numRuns: 3000 },
    );
  });
});
