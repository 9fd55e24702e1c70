import { describe, expect, it } from "vitest";
import { formatFeedback, summariseFeedback } from "../../src/cli/feedback-summary.js";

const line = (helpful: boolean, intent: string, question: string, answer: string) =>
  JSON.stringify({
    at: "2025-01-01T00:00:00.000Z",
    user: "U1",
    helpful,
    question,
    answer,
    intent,
    language: "en",
    sources: ["a.md"],
  });

describe("summariseFeedback / formatFeedback (npm run feedback)", () => {
  const log = [
    line(true, "leadership", "who leads Tokyo?", "Kenji Sato"),
    line(true, "leadership", "who leads Tokyo?", "Kenji Sato"),
    line(false, "leadership", "who leads Berlin?", "Globex"),
    line(false, "openings", "when did it open?", "June 2025"),
    "not json",
    '{"helpful":"yes"}',
    "",
  ].join("\n");

  it("counts ratings per intent and per answer with the share helpful, skipping unreadable lines", () => {
    const s = summariseFeedback(log);
    expect(s).toMatchObject({ ratings: 4, helpful: 2, skipped: [5, 6] });
    expect(s.byIntent).toEqual([
      { key: "leadership", ratings: 3, helpful: 2 },
      { key: "openings", ratings: 1, helpful: 0 },
    ]);
    expect(s.byAnswer[0]).toEqual({ key: "who leads Tokyo? -> Kenji Sato", ratings: 2, helpful: 2 });
  });

  it("prints the totals, the tables and the skipped lines", () => {
    const text = formatFeedback(summariseFeedback(log));
    expect(text).toMatch(/^4 ratings, 2 helpful \(50%\)/);
    expect(text).toMatch(/3\s+67% helpful {2}leadership/);
    expect(text).toMatch(/2\s+100% helpful {2}who leads Tokyo\? -> Kenji Sato/);
    expect(text).toContain("skipped 2 unreadable lines: 5, 6");
    expect(formatFeedback(summariseFeedback(""))).toBe("No feedback yet.\n");
  });
});
