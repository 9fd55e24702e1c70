import { describe, expect, it } from "vitest";
import { isFurnitureLine, markFurniture } from "../../src/corpus/furniture.js";

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
});
