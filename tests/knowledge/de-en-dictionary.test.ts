import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Deps, route } from "../../src/core.js";
import {
  DICTIONARY_FILE,
  DING_FILE,
  dictionaryText,
  parseDictionary,
  parseDing,
  splitCompound,
} from "../../src/knowledge/de-en-dictionary.js";
import { relatedTerms } from "../../src/ranking/pipeline.js";
import { depsFor, tempDir } from "../helpers/fixtures.js";

// Made-up lines in the Ding format (Debian's trans-de-en): German :: English, sub-entries
// aligned by " | ", alternatives by "; ", notes in braces, brackets and parentheses.
const DING = [
  "# Version :: made up",
  "Brennerei {f} | Brennereien {pl} :: distillery | distilleries",
  "leiten {vt} (Strom) [phys.] | leitend | geleitet :: to conduct | conducting | conducted",
  "leiten {vt} | leitend | geleitet :: to lead; to head; to run sth. | leading | led",
  "Vorrat {m}; Bestand {m} :: stock; supply; hoard [Br.]",
  "eine Runde drehen :: to go for a spin",
  "Ofen {m} | Öfen {pl} :: oven; furnace | ovens | furnaces",
].join("\n");

// English word frequencies: lower is more frequent.
const RANK: Record<string, number> = {
  led: 10,
  lead: 20,
  run: 30,
  head: 40,
  conduct: 900,
  conducted: 950,
  supply: 200,
  stock: 300,
  hoard: 5000,
  distillery: 4000,
  distilleries: 4500,
  oven: 3000,
  furnace: 3500,
  ovens: 3600,
};

describe("parseDing", () => {
  const map = parseDing(DING, (w) => RANK[w]);

  it("keeps each German word's most frequent one-word translations across its senses", () => {
    expect(map.get("leiten")).toEqual(["lead", "run", "head"]);
    expect(map.get("geleitet")).toEqual(["led", "conducted"]);
    expect(map.get("brennereien")).toEqual(["distilleries"]);
  });

  it("reads alternatives on both sides and drops the notes", () => {
    expect(map.get("bestand")).toEqual(["supply", "stock", "hoard"]);
    expect(map.get("vorrat")).toEqual(["supply", "stock", "hoard"]);
    // a misaligned entry (two sub-entries on one side, three on the other) is left out
    expect(map.get("öfen")).toBeUndefined();
  });

  it("leaves out German phrases and English words without a frequency", () => {
    expect(map.has("eine runde drehen")).toBe(false);
    expect(parseDing(DING, (w) => (w === "lead" ? 1 : undefined)).get("leiten")).toEqual(["lead"]);
  });
});

describe("dictionaryText and parseDictionary", () => {
  it("reads the extracted lines and inverts them, the German words that give a word first first", () => {
    const d = parseDictionary(
      dictionaryText(
        new Map([
          ["leiten", ["lead", "run"]],
          ["führen", ["run", "lead"]],
          ["brennerei", ["distillery"]],
        ]),
      ),
    );
    expect(d.deToEn.get("leiten")).toEqual(["lead", "run"]);
    expect(d.enToDe.get("lead")).toEqual(["leiten", "führen"]);
    expect(d.enToDe.get("run")).toEqual(["führen", "leiten"]);
    expect(d.deToEn.get("constructor")).toBeUndefined();
    expect(d.deToEn.get("aaa")).toBeUndefined();
    expect(d.deToEn.get("zzz")).toBeUndefined();
    expect(d.deToEn.has("brennerei")).toBe(true);
  });
});

describe("splitCompound", () => {
  const known = (w: string) =>
    ["finanzierung", "runde", "kunde", "service", "stadt", "verwaltung", "rund"].includes(w);
  it("splits a German compound into its first part and its longest known head, across a linking element", () => {
    expect(splitCompound("Finanzierungsrunde", known)).toEqual(["finanzierung", "runde"]);
    expect(splitCompound("Kundenservice", known)).toEqual(["kunde", "service"]);
    expect(splitCompound("Stadtverwaltung", known)).toEqual(["stadt", "verwaltung"]);
  });
  it("leaves a word alone that is no two known words", () => {
    expect(splitCompound("Verwaltung", known)).toBeUndefined();
    expect(splitCompound("Finanzamtrunde", known)).toBeUndefined();
  });
});

describe("relatedTerms with the dictionary", () => {
  const base = depsFor(
    tempDir({
      "de.txt": "Die Brennerei in Telgard wird von Ida Roche geleitet.\n",
      "en.txt": "The Ostra distillery opened a shop in Velmora.\n",
    }),
  );
  const deps = {
    ...base,
    dictionary: parseDictionary(
      dictionaryText(
        new Map([
          ["brennerei", ["distillery"]],
          ["destillerie", ["distillery"]],
          ["obst", ["fruit"]],
        ]),
      ),
    ),
  };
  const related = (question: string, d: Deps = deps) => {
    const r = route(question, d);
    return [...relatedTerms(r.q, d).values()].flatMap((x) => [...x.syn]);
  };
  const termOf = (word: string, language: "en" | "de") => base.index.analyzer.terms(word, language)[0];

  it("gives a German question word its English translation the articles use", () => {
    expect(related("Wo steht die Brennerei?")).toContain(termOf("distillery", "en"));
  });

  it("gives an English question word its German translation the articles use", () => {
    expect(related("Who leads the distillery?")).toContain(termOf("Brennerei", "de"));
  });

  it("gives a German compound its head the articles use", () => {
    expect(related("Wer leitet die Obstbrennerei?")).toContain(termOf("Brennerei", "de"));
  });

  it("adds nothing without a dictionary", () => {
    expect(related("Wo steht die Brennerei?", { ...base, dictionary: undefined })).not.toContain(
      termOf("distillery", "en"),
    );
  });
});

describe("the built dictionary", () => {
  it("is extracted by the build when Debian's trans-de-en is installed (.ci/run installs it)", () => {
    expect(existsSync(DING_FILE)).toBe(true);
    expect(existsSync(DICTIONARY_FILE)).toBe(true);
  });
});
