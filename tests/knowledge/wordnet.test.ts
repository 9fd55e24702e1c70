import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWordNet, type WordNet, type WordNetRelation } from "../../src/knowledge/wordnet.js";
import {
  extractWordNet,
  saveWordNet,
  type WordNetData,
  wordnetVersion,
} from "../../src/knowledge/wordnet-extract.js";

let wn: WordNet;
beforeAll(() => {
  wn = loadWordNet(); // .cache/wordnet.json, extracted first when missing or stale
});

function related(word: string, relation?: WordNetRelation): string[] {
  return wn
    .related(word)
    .filter((r) => relation === undefined || r.relation === relation)
    .map((r) => r.lemma);
}

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "wordnet-test-"));
  scratchDirs.push(dir);
  return dir;
}

describe("WordNet.antonyms", () => {
  it("direct antonyms of the word itself", () => {
    expect(wn.antonyms("important")).toContain("unimportant");
    expect(wn.antonyms("increase")).toContain("decrease");
    expect(wn.antonyms("least")).toContain("most");
  });

  it("an adjective satellite takes its head's antonyms", () => {
    // "formal" has no antonym in some senses; its satellites' heads give "informal"
    expect(wn.antonyms("formal")).toContain("informal");
  });

  it("antonyms are never among the related lemmas, and a word without any has none", () => {
    expect(related("important")).not.toContain("unimportant");
    expect(wn.antonyms("office")).toEqual([]);
    expect(wn.antonyms("not a lemma at all")).toEqual([]);
  });
});

describe("WordNet.related", () => {
  it("boss: chief is a synonym; head is not (WordNet has head as a synonym of chief only)", () => {
    expect(related("boss", "syn")).toEqual(expect.arrayContaining(["chief", "foreman", "honcho"]));
    expect(related("boss")).not.toContain("head");
    expect(related("chief", "syn")).toContain("head");
  });

  it("rival: competitor and challenger are synonyms; opponent is not", () => {
    expect(related("rival", "syn")).toEqual(
      expect.arrayContaining(["competitor", "challenger", "contender"]),
    );
    expect(related("rival")).not.toContain("opponent");
    expect(related("opponent", "syn")).toEqual(expect.arrayContaining(["adversary", "antagonist"]));
  });

  it("hire: engage and employ are synonyms; appoint is not related either way", () => {
    expect(related("hire", "syn")).toEqual(expect.arrayContaining(["engage", "employ"]));
    expect(related("hire")).not.toContain("appoint");
    expect(related("appoint")).not.toContain("hire");
    expect(related("appoint", "syn")).toEqual(expect.arrayContaining(["name", "nominate"]));
  });

  it("run ~ lead only in run's 3rd verb sense (go, pass, extend), beyond the first 2 kept", () => {
    expect(related("run", "syn")).toEqual(expect.arrayContaining(["scat", "run away"]));
    expect(related("run")).not.toContain("lead");
    expect(related("lead", "syn")).toEqual(expect.arrayContaining(["take", "direct", "guide"]));
    expect(related("lead")).not.toContain("run");
  });

  it("derivationally related forms: lead ~ leader, appoint ~ appointee (not appointment: WordNet 3.1 has no such link)", () => {
    expect(related("lead", "der")).toContain("leader");
    expect(related("leader", "der")).toContain("lead");
    expect(related("appoint", "der")).toEqual(expect.arrayContaining(["appointee", "appointive"]));
    expect(related("appoint")).not.toContain("appointment");
  });

  it("hypernyms of the first sense: office -> place of business", () => {
    expect(related("office", "hyper")).toEqual(
      expect.arrayContaining(["place of business", "business establishment"]),
    );
    expect(related("office", "hyper")).not.toContain("agency"); // a synonym of sense 2, not a hypernym
    expect(related("competitor", "hyper")).toContain("contestant");
  });

  it("phrases: team up ~ team, a kind of group; not join", () => {
    expect(wn.related("team up")).toEqual([
      { lemma: "team", relation: "syn" },
      { lemma: "group", relation: "hyper" },
      { lemma: "aggroup", relation: "hyper" },
    ]);
    expect(related("Team_Up ")).toEqual(related("team up"));
  });

  it("never the lemma itself, at most 30, synonyms before derived forms before hypernyms", () => {
    for (const word of ["run", "head", "lead", "set", "take", "office"]) {
      const list = wn.related(word);
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(30);
      expect(list.map((r) => r.lemma)).not.toContain(word);
      const order = list.map((r) => ["syn", "der", "hyper"].indexOf(r.relation));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    expect(wn.related("lot")).toHaveLength(30); // one of 72 lemmas that reach the cap
  });

  it("a word WordNet does not know has nothing", () => {
    expect(wn.related("zzyzxquux")).toEqual([]);
    expect(wn.related("")).toEqual([]);
    expect(wn.related("offices")).toEqual([]); // inflected: base() first
  });
});

describe("WordNet.base", () => {
  it.each([
    ["led", "lead"], // verb.exc
    ["men", "man"], // noun.exc
    ["ran", "run"],
    ["offices", "office"], // -s
    ["companies", "company"], // -ies -> -y
    ["bosses", "boss"], // -ses -> -s
    ["hired", "hire"], // -ed -> -e (WordNet's adjective "hired" is taken for the verb's participle)
    ["appointed", "appoint"],
    ["appointing", "appoint"], // -ing
    ["hiring", "hire"], // -ing -> -e
    ["leading", "leading"], // a lemma (adjective, noun) of its own
    ["stopped", "stop"], // doubled consonant
    ["teamed up", "team up"], // a phrase's first word
    ["business offices", "business office"], // a phrase's last word
    ["office", "office"], // a lemma is its own base
    ["news", "news"], // a lemma, though -s
    ["Offices", "office"],
  ])("%s -> %s", (form, base) => expect(wn.base(form)).toBe(base));

  it("is undefined when no candidate is a lemma", () => {
    expect(wn.base("zzyzxquuxes")).toBeUndefined();
    expect(wn.base("")).toBeUndefined();
  });
});

describe("loadWordNet", () => {
  it("loads a warm file fast (measured: 50-90 ms)", () => {
    loadWordNet();
    const started = performance.now();
    const again = loadWordNet();
    const ms = performance.now() - started;
    expect(again.base("led")).toBe("lead");
    expect(ms).toBeLessThan(500); // generous: the target is 150 ms on an idle machine
  });

  it("extracts and writes a missing file, creating its folder", () => {
    const file = join(scratch(), "sub", "wordnet.json");
    const w = loadWordNet(file);
    expect(w.base("men")).toBe("man");
    const data = JSON.parse(readFileSync(file, "utf8")) as WordNetData;
    expect(data.version).toBe(wordnetVersion());
    expect(data.table).toContain("\nboss\t");
    expect(readdirSync(join(file, ".."))).toEqual(["wordnet.json"]); // no temp file left
  });

  it("rebuilds a corrupt file", () => {
    const file = join(scratch(), "wordnet.json");
    writeFileSync(file, '{"version": "1:3.1');
    expect(
      loadWordNet(file)
        .related("boss")
        .map((r) => r.lemma),
    ).toContain("chief");
    expect((JSON.parse(readFileSync(file, "utf8")) as WordNetData).version).toBe(wordnetVersion());
  });

  it("rebuilds a file of another version", () => {
    const file = join(scratch(), "wordnet.json");
    writeFileSync(file, JSON.stringify({ version: "0:old", table: "boss\tnobody", morph: {} }));
    expect(
      loadWordNet(file)
        .related("boss")
        .map((r) => r.lemma),
    ).not.toContain("nobody");
    expect((JSON.parse(readFileSync(file, "utf8")) as WordNetData).version).toBe(wordnetVersion());
  });

  it("uses a file of its version as it is", () => {
    const file = join(scratch(), "wordnet.json");
    writeFileSync(file, JSON.stringify({ version: wordnetVersion(), table: "boss\tnobody", morph: {} }));
    expect(loadWordNet(file).related("boss")).toEqual([{ lemma: "nobody", relation: "syn" }]);
  });

  it("works where the file cannot be written (a read-only checkout)", () => {
    const dir = scratch();
    writeFileSync(join(dir, "not-a-folder"), "");
    const file = join(dir, "not-a-folder", "wordnet.json");
    expect(loadWordNet(file).base("offices")).toBe("office");
    expect(existsSync(file)).toBe(false);
  });
});

describe("extractWordNet", () => {
  let data: WordNetData;
  beforeAll(() => {
    data = extractWordNet();
  });

  it("keeps every lemma without digits, sorted, at most 30 related lemmas and 10 antonyms each", () => {
    const lines = data.table.split("\n");
    expect(lines.length).toBeGreaterThan(140_000);
    const keys = lines.map((l) => l.slice(0, l.indexOf("\t")));
    expect(keys).toEqual([...keys].sort());
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.table).not.toMatch(/[0-9]/);
    for (const line of lines) {
      const [key = "", entry = ""] = line.split("\t");
      const fields = entry.split("|");
      const others = fields.slice(0, 3).join(",").split(",").filter(Boolean);
      const antonyms = (fields[3] ?? "").split(",").filter(Boolean);
      expect(fields.length).toBeLessThanOrEqual(4);
      expect(others.length).toBeLessThanOrEqual(30);
      expect(antonyms.length).toBeLessThanOrEqual(10);
      expect([...others, ...antonyms]).not.toContain(key);
    }
    expect(keys).toContain("team up");
    expect(keys).not.toContain("team_up");
  });

  it("maps irregular forms to lemmas", () => {
    expect(data.morph).toMatchObject({
      led: "lead",
      men: "man",
      went: "go",
      children: "child",
      better: "good",
    });
    const keys = new Set(data.table.split("\n").map((l) => l.slice(0, l.indexOf("\t"))));
    for (const [form, base] of Object.entries(data.morph)) {
      expect(keys.has(base)).toBe(true);
      expect(form).not.toBe(base);
    }
  });
});

describe("saveWordNet", () => {
  it("writes the file whole, and says when it cannot", () => {
    const dir = scratch();
    const data: WordNetData = { version: "x", table: "a\t", morph: {} };
    expect(saveWordNet(data, join(dir, "w.json"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "w.json"), "utf8"))).toEqual(data);
    writeFileSync(join(dir, "file"), "");
    expect(saveWordNet(data, join(dir, "file", "w.json"))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["file", "w.json"]); // no temp file left
  });
});

describe("wordnetVersion", () => {
  it("names the format and the installed packages' versions", () => {
    expect(wordnetVersion()).toMatch(/^\d+:3\.1\.\d+:\d+\.\d+\.\d+$/);
  });
});
