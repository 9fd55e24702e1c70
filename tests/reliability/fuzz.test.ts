import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toContract } from "../../src/answer/types.js";
import { answer } from "../../src/core.js";
import { MAX_QUESTION_CHARS } from "../../src/question/analyze.js";
import { renderAnswer } from "../../src/slack/render.js";
import { ROOT, SEEDS, seedsDeps } from "../helpers/fixtures.js";

// Strings that stress every stage: Slack markup, control characters, RTL marks, emoji, JSON,
// injection attempts, German, very long text.
const nasty = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    "",
    "\u0000\u0001\u0002",
    "\u202e\u200f who leads tokyo \u202c",
    "<!channel> <@U1|bob> <#C1|general> <https://x.y|label> &lt;&gt;&amp;",
    '{"q": "who leads tokyo", "answered": true}',
    "'; DROP TABLE articles; --",
    "$(rm -rf /) `cat /etc/passwd` ../../etc/passwd",
    "😀🙈🇯🇵 wer leitet 東京?",
    "Wer leitet das Büro in Tokio?",
  ),
  fc
    .tuple(fc.string(), fc.integer({ min: 1, max: 60_000 }))
    .map(([s, n]) => (s || "x").repeat(Math.ceil(n / (s.length || 1))).slice(0, n)),
);

function checkContract(a: ReturnType<typeof toContract>, question: string) {
  expect(a.question).toBe(question);
  expect(typeof a.answered).toBe("boolean");
  expect(typeof a.answer).toBe("string");
  expect(a.answer.length).toBeGreaterThan(0);
  expect(typeof a.intent).toBe("string");
  expect(a.confidence).toBeGreaterThanOrEqual(0);
  expect(a.confidence).toBeLessThanOrEqual(1);
  expect(["en", "de"]).toContain(a.language);
  for (const c of a.citations) {
    const file = readFileSync(join(SEEDS, c.source), "utf8");
    expect(file.slice(c.start, c.end)).toBe(c.quote);
  }
}

let inputsTried = 0;

describe("property: any line of text gets a valid answer or an abstention, never a crash", () => {
  const deps = seedsDeps();

  it("holds for the core and the Slack renderer", () => {
    fc.assert(
      fc.property(nasty, (q) => {
        inputsTried++;
        const a = answer(q, deps);
        checkContract(toContract(a), q);
        const msg = renderAnswer(a, { question: q });
        const sent = JSON.stringify(msg);
        expect(sent).not.toMatch(/<!(channel|here|everyone)|<@U|<https?:/);
        expect(msg.blocks.length).toBeLessThanOrEqual(50);
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });

  it("reads only the first MAX_QUESTION_CHARS characters of a question", () => {
    const long = `${"a".repeat(MAX_QUESTION_CHARS)} who leads Tokyo?`;
    expect(answer(long, deps).answer).not.toContain("Nagasaki");
    expect(answer("who leads Tokyo?", deps).answer).toContain("Nagasaki");
  });

  it("holds through the ask --jsonl contract, one valid JSON line per input line, in order", () => {
    const lines = fc.sample(nasty, { numRuns: 60, seed: 7 }).map((s) => s.replace(/[\r\n]/g, " ")); // readline ends lines at \r and \n only
    inputsTried += lines.length;
    const r = spawnSync(process.execPath, [join(ROOT, "dist/bin/ask.js"), "--jsonl"], {
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    expect(r.status).toBe(0);
    const out = r.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(lines.length);
    for (const [i, a] of out.entries()) checkContract(a, lines[i] as string);
  });

  it("reports how many inputs were tried", () => {
    expect(inputsTried).toBeGreaterThanOrEqual(460);
    console.info(`fuzz: ${inputsTried} inputs tried`);
  });
});
