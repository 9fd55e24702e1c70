import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sortedLineValue, writeFileAtomic } from "../../src/util/files.js";

const dir = mkdtempSync(join(tmpdir(), "files-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sortedLineValue", () => {
  const table = ["apple\t1", "banana\t2,3", "cherry\t", "date\tx|y"].join("\n");
  it("finds every key, first, middle and last, with its value (possibly empty)", () => {
    expect(sortedLineValue(table, "apple")).toBe("1");
    expect(sortedLineValue(table, "banana")).toBe("2,3");
    expect(sortedLineValue(table, "cherry")).toBe("");
    expect(sortedLineValue(table, "date")).toBe("x|y");
  });
  it("is undefined for a key between, before or after the table's, and for a text that is no table", () => {
    expect(sortedLineValue(table, "avocado")).toBeUndefined();
    expect(sortedLineValue(table, "aaa")).toBeUndefined();
    expect(sortedLineValue(table, "zebra")).toBeUndefined();
    expect(sortedLineValue("no tabs here\nat all", "no")).toBeUndefined();
    expect(sortedLineValue("", "x")).toBeUndefined();
  });
});

describe("writeFileAtomic", () => {
  it("writes the whole file, making its folder, and leaves no temporary file", () => {
    const file = join(dir, "sub", "a.txt");
    expect(writeFileAtomic(file, "hello")).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("hello");
    expect(readdirSync(join(dir, "sub"))).toEqual(["a.txt"]);
  });
  it("says false, and throws nothing, when the folder cannot be made", () => {
    const blocker = join(dir, "blocker");
    writeFileSync(blocker, "a file, not a folder");
    expect(writeFileAtomic(join(blocker, "b.txt"), "x")).toBe(false);
  });
});
