import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tuneV8, V8_FLAGS } from "../../src/util/v8-tuning.js";
import { ROOT } from "../helpers/fixtures.js";

describe("V8 flags", () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<
    string,
    string
  >;

  it.each(["start", "ask", "console", "eval", "train"])(
    "npm run %s puts them on node's command line, where V8 reads them before it starts",
    (name) => {
      const words = (scripts[name] ?? "").split(/\s+/);
      expect(words[0]).toBe("node");
      expect(words.filter((w) => w.startsWith("--"))).toEqual(V8_FLAGS);
    },
  );

  it("says whether they came on the command line or had to be set at run time", () => {
    expect(tuneV8([...V8_FLAGS, "--enable-source-maps"])).toBe("command line");
    expect(tuneV8(V8_FLAGS.slice(1))).toBe("set at runtime");
  });
});
