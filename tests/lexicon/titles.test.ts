import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLexicon } from "../../src/lexicon/load.js";
import { buildTitles, NO_TITLES, type TitleWords, translateTitle } from "../../src/lexicon/titles.js";
import { INTENTS, tempDir } from "../helpers/fixtures.js";

const lexicon = loadLexicon(join(INTENTS, "lexicon"));
const words: TitleWords = {
  titles: lexicon.titles,
  deToEn: lexicon.deToEn,
  placeEn: (name) => lexicon.placeByAlias.get(name.toLowerCase())?.en,
};
const toEn = (text: string) => translateTitle(text, "de", "en", words);
const toDe = (text: string) => translateTitle(text, "en", "de", words);

describe("translateTitle with the project's titles.yml: German titles for an English asker", () => {
  it.each([
    ["Geschäftsführer", "managing director"],
    ["Geschäftsführerin", "managing director"],
    ["Vorstandsvorsitzender", "chief executive"],
    ["Vorstandsvorsitzende", "chief executive"],
    ["Vorstandschefin", "CEO"],
    ["Aufsichtsratsvorsitzende", "chairman of the supervisory board"],
    ["Sprecherin", "spokesperson"],
    ["Bürgermeisterin", "mayor"],
    ["Sängerin", "singer"],
    ["ehemaliger Geschäftsführer", "former managing director"],
    ["ehemalige Leiterin", "former head"],
    ["Ex-Vorstandschef", "former CEO"],
    ["stellvertretende Vorsitzende", "deputy chair"],
    ["Präsident von Hooli Systems", "president of Hooli Systems"],
  ])("%s -> %s", (de, en) => expect(toEn(de)).toBe(en));

  it.each([
    ["Missionsleiterin", "head of mission"],
    ["Vertriebsleiter", "head of sales"],
    ["Abteilungsleiterin", "head of department"],
    ["Finanzminister", "finance minister"],
    ["Außenministerin", "foreign minister"],
    ["Marketingdirektorin", "marketing director"],
    ["Asien-Chef", "head of Asia"],
    ["Europachefin", "head of Europe"],
    ["Forschungsleiter", "head of research"],
  ])("splits a compound into a known first part and head: %s -> %s", (de, en) => expect(toEn(de)).toBe(en));

  it.each([
    "Lena Brandt",
    "Geschäftsführerin Lena Brandt", // a title with a name is not a title as a whole
    "Gurkenleiter", // an unknown first part
    "Leiter der Abteilung", // a tail that is not a name
    "die Drehscheibe",
    "",
  ])("knows no title in %j: undefined, the article's words stay", (de) => expect(toEn(de)).toBeUndefined());
});

describe("translateTitle: English titles for a German asker", () => {
  it.each([
    ["president", "Präsident"],
    ["President", "Präsident"],
    ["managing director", "Geschäftsführer"],
    ["general manager", "Geschäftsführer"],
    ["chief executive", "Vorstandsvorsitzender"],
    ["spokeswoman", "Sprecherin"],
    ["founder", "Gründer"],
    ["former president", "ehemaliger Präsident"],
    ["former spokeswoman", "ehemalige Sprecherin"],
    ["former chairwoman", "ehemalige Vorsitzende"],
    ["deputy mayor", "stellvertretender Bürgermeister"],
    ["former president of Amazon Web Services", "ehemaliger Präsident von Amazon Web Services"],
    ["head of Hooli", "Leiter von Hooli"],
  ])("%s -> %s", (en, de) => expect(toDe(en)).toBe(de));

  it.each([
    "CEO", // German business text writes CEO; "Vorstandschef" -> "CEO" goes one way only
    "Chief Revenue Officer",
    "Chief Operating Officer",
    "head of sales at Hooli",
    "Tadao Nagasaki",
  ])("keeps what German text writes in English, or any title it does not know: %s", (en) =>
    expect(toDe(en)).toBeUndefined(),
  );

  it("is nothing for one language", () => {
    expect(translateTitle("Geschäftsführer", "de", "de", words)).toBeUndefined();
    expect(translateTitle("president", "en", "en", words)).toBeUndefined();
  });
});

describe("titles.yml as data", () => {
  it("builds from any titles file: the first form is written, a one-way entry reads one way", () => {
    const titles = buildTitles({
      titles: [
        { de: ["Oberhexer", "Oberhexerin"], en: ["chief wizard"] },
        { de: ["Zauberchef"], en: ["wizard boss"], direction: "de-en" },
      ],
      prefixes: [{ de: ["alter", "alte"], en: ["old"] }],
      heads: [{ de: ["hexer"], en: "{} wizard" }],
      parts: { Wetter: "weather" },
    });
    const w = { titles };
    expect(translateTitle("Oberhexerin", "de", "en", w)).toBe("chief wizard");
    expect(translateTitle("alte Oberhexerin", "de", "en", w)).toBe("old chief wizard");
    expect(translateTitle("old chief wizard", "en", "de", w)).toBe("alter Oberhexer");
    expect(translateTitle("Zauberchef", "de", "en", w)).toBe("wizard boss");
    expect(translateTitle("wizard boss", "en", "de", w)).toBeUndefined();
    expect(translateTitle("Wetterhexer", "de", "en", w)).toBe("weather wizard");
    expect(translateTitle("Oberhexerin", "de", "en", { titles: NO_TITLES })).toBeUndefined();
  });

  it("loads a lexicon folder without titles.yml as translating no titles", () => {
    const dir = tempDir({
      "places.yml": "[]\n",
      "roles.yml": "en: [mayor]\nde: [Bürgermeister]\n",
      "de-en.yml": "bürgermeister: mayor\n",
    });
    const bare = loadLexicon(dir);
    expect(translateTitle("Bürgermeister", "de", "en", { titles: bare.titles })).toBeUndefined();
  });

  it("stops on a malformed titles.yml, naming it", () => {
    const dir = tempDir({
      "places.yml": "[]\n",
      "roles.yml": "en: []\nde: []\n",
      "de-en.yml": "{}\n",
      "titles.yml": "titles:\n  - { de: [], en: [mayor] }\n",
    });
    expect(() => loadLexicon(dir)).toThrow(/titles\.yml/);
  });
});
