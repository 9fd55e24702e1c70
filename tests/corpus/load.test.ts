import { chmodSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { BOILERPLATE } from "../../src/eval/judge.js";
import { SEEDS, tempDir } from "../helpers/fixtures.js";

const GOOD = "Acme opened an office in Berlin. It is the first one in Europe.\n";

describe("loadCorpus", () => {
  it("loads every seed article with verbatim sentences and offsets", () => {
    const corpus = loadCorpus(SEEDS);
    expect(corpus.warnings).toEqual([]);
    expect(corpus.articles.map((a) => a.source)).toHaveLength(5);
    for (const s of corpus.sentences) {
      const article = corpus.articles[s.article];
      const file = readFileSync(join(SEEDS, article?.source ?? ""), "utf8");
      expect(file.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it("never keeps page furniture as a sentence", () => {
    const corpus = loadCorpus(SEEDS);
    const furniture = [...BOILERPLATE, "Photo by"];
    for (const s of corpus.sentences) for (const f of furniture) expect(s.text).not.toContain(f);
  });

  it("reads front matter and detects the language", () => {
    const corpus = loadCorpus(SEEDS);
    const withTitle = corpus.articles.find((a) => a.date === "2024-04-16");
    expect(withTitle?.title).toBe("OpenAI chooses Tokyo for its first Asian office");
    expect(corpus.articles.filter((a) => a.language === "de")).toHaveLength(1);
    expect(corpus.articles.filter((a) => a.language === "en")).toHaveLength(4);
  });

  it("skips each broken file with a warning naming it, and loads the rest", () => {
    const dir = tempDir({
      "good.txt": GOOD,
      "empty.txt": "",
      "binary.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
      "latin1.txt": Buffer.from("Caf\xe9 in M\xfcnchen er\xf6ffnet.", "latin1"),
      "broken-yaml.md": "---\ntitle: [unclosed\n---\nText here. More text.\n",
      "bad-field.md": "---\ntitle: 42\nlanguage: fr\n---\nText here. More text.\n",
      "picture.png": Buffer.from([1, 2, 3]),
      "only-furniture.txt": "![img](x.png)\nTags: a, b\n---\n",
    });
    const warnings: string[] = [];
    const corpus = loadCorpus(dir, { onWarning: (m) => warnings.push(m) });
    expect(corpus.articles.map((a) => a.source)).toEqual(["good.txt"]);
    const byFile = (name: string) => warnings.find((w) => w.includes(name)) ?? "";
    expect(byFile("empty.txt")).toMatch(/empty/);
    expect(byFile("binary.txt")).toMatch(/binary/);
    expect(byFile("latin1.txt")).toMatch(/UTF-8/);
    expect(byFile("broken-yaml.md")).toMatch(/front matter is not valid YAML/);
    expect(byFile("bad-field.md")).toMatch(/front matter is invalid: (title|language)/);
    expect(byFile("picture.png")).toMatch(/unsupported file type/);
    expect(byFile("only-furniture.txt")).toMatch(/no readable sentences/);
    expect(warnings).toHaveLength(7);
  });

  it("skips files over the size limit and unreadable files", () => {
    const dir = tempDir({ "big.txt": `${"Word ".repeat(300)}.`, "locked.txt": GOOD, "ok.txt": GOOD });
    chmodSync(join(dir, "locked.txt"), 0o000);
    const corpus = loadCorpus(dir, { maxBytes: 1000 });
    expect(corpus.warnings.some((w) => w.includes("big.txt") && /larger than/.test(w))).toBe(true);
    // root can read a 000 file; anyone else gets a warning for it
    const locked = corpus.articles.some((a) => a.source === "locked.txt");
    expect(locked || corpus.warnings.some((w) => w.includes("locked.txt"))).toBe(true);
    expect(corpus.articles.some((a) => a.source === "ok.txt")).toBe(true);
  });

  it("skips a 10 MB article with a warning naming it, at the default limit", () => {
    const dir = tempDir({
      "huge.txt": `${"Acme opened an office in Berlin. ".repeat(330_000)}\n`,
      "ok.txt": GOOD,
    });
    const corpus = loadCorpus(dir);
    expect(corpus.warnings).toEqual([expect.stringMatching(/huge\.txt: it is larger than 5242880 bytes/)]);
    expect(corpus.articles.map((a) => a.source)).toEqual(["ok.txt"]);
  });

  it("says so when a folder has no article, and names a missing folder", () => {
    expect(loadCorpus(tempDir()).warnings).toEqual([expect.stringMatching(/no readable article/)]);
    expect(() => loadCorpus("/no/such/folder")).toThrow(/cannot read the articles folder \/no\/such\/folder/);
  });

  it("derives a title when there is no front matter", () => {
    const dir = tempDir({
      "a.txt": "Big News Today\n\nAcme opened an office in Berlin on Monday. More later.\n",
    });
    expect(loadCorpus(dir).articles[0]?.title).toBe("Big News Today");
  });
});
