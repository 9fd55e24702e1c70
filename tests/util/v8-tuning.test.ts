import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { V8_FLAGS } from "../../src/util/v8-tuning.js";
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

  it("are never set from inside the program (flags changed after start-up are undefined behaviour)", () => {
    const files = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    expect(files.length).toBeGreaterThan(50);
    for (const file of files)
      expect(readFileSync(join(ROOT, "src", file), "utf8"), file).not.toMatch(/setFlagsFromString/);
  });
});
