import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlaces } from "../../src/knowledge/places.js";
import { aliasKey, loadCuratedPlaces, loadLexicon, placeWithin } from "../../src/lexicon/load.js";
import type { Place } from "../../src/lexicon/types.js";
import { INTENTS, tempDir } from "../helpers/fixtures.js";

const LEXICON = join(INTENTS, "lexicon");
const lexicon = loadLexicon(LEXICON);
const place = (name: string) => lexicon.placeByAlias.get(aliasKey(name));

describe("loadLexicon: places", () => {
  it("joins every name of a place under one key: Tokio = Tokyo, Deutschland = Germany, NYC = New York City", () => {
    expect(place("Tokio")).toBe(place("Tokyo"));
    expect(place("Tokio")).toMatchObject({
      key: "tokyo",
      en: "Tokyo",
      de: "Tokio",
      type: "city",
      country: "JP",
    });
    expect(place("Deutschland")).toMatchObject({
      key: "germany",
      en: "Germany",
      de: "Deutschland",
      type: "country",
    });
    expect(place("Brüssel")?.key).toBe("brussels");
    expect(place("NYC")).toBe(place("New York City"));
    expect(place("Mexiko-Stadt")?.key).toBe("mexico city");
    expect(place("Europa")).toMatchObject({ key: "europe", type: "continent" });
  });

  it("keeps places.yml's names and display names over the packages' (Turkey, not Türkiye; USA in German)", () => {
    expect(place("Turkey")).toMatchObject({ key: "turkey", en: "Turkey", de: "Türkei" });
    expect(place("Türkiye")).toBe(place("Turkey"));
    expect(place("US")).toMatchObject({ en: "United States", de: "USA" });
    expect(place("UK")?.en).toBe("United Kingdom");
  });

  it("knows the cities and countries of the data packages that places.yml does not list", () => {
    expect(place("Dublin")).toMatchObject({ type: "city", country: "IE", continents: ["EU"] });
    expect(place("Frankreich")).toMatchObject({ en: "France", type: "country" });
    expect(place("Nairobi")?.type).toBe("city");
  });

  it("leaves ordinary words out: reading, nice and island are no places", () => {
    for (const word of ["reading", "nice", "mobile", "island", "split"])
      expect(lexicon.placeByAlias.has(word), word).toBe(false);
  });

  it("London lies within Europe, Tokyo within Asia (placeWithin)", () => {
    const [london, europe, tokyo, asia] = ["London", "Europe", "Tokyo", "Asien"].map(
      (n) => place(n) as Place,
    );
    expect(placeWithin(london as Place, europe as Place)).toBe(true);
    expect(placeWithin(tokyo as Place, asia as Place)).toBe(true);
    expect(placeWithin(tokyo as Place, europe as Place)).toBe(false);
    expect(placeWithin(europe as Place, london as Place)).toBe(false);
  });

  it("placeByAlias is a read-only map: the same place for the same name, keys and size agree", () => {
    const map = lexicon.placeByAlias;
    expect(map.get("tokyo")).toBe(map.get("tokyo"));
    expect(map.get("zzyzxquux")).toBeUndefined();
    const keys = [...map.keys()];
    expect(map.size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(["tokio", "new york city", "deutschland", "europa"]));
    for (const [key, p] of [...map].slice(0, 50)) expect(map.get(key)).toBe(p);
    expect(lexicon.places.length).toBeGreaterThan(4000);
    expect(lexicon.places).toContain(map.get("tokio"));
  });

  it("every places.yml entry without a type names a place of the packages (none is a guess)", () => {
    const packages = loadPlaces();
    for (const entry of loadCuratedPlaces(LEXICON)) {
      if (entry.kind) continue;
      const names = [entry.en, entry.de ?? entry.en, ...(entry.aliases ?? [])];
      expect(
        names.some((n) => packages.lookup(n)),
        entry.en,
      ).toBe(true);
    }
  });

  it("places.yml says in its header that it holds what the packages lack", () => {
    const header = readFileSync(join(LEXICON, "places.yml"), "utf8").split("\n- ")[0] as string;
    expect(header).toMatch(/no data package gives/);
  });

  it("a bad places.yml stops with the file and the entry", () => {
    const dir = tempDir({
      "places.yml": "- { type: planet, en: Mars }\n",
      "roles.yml": readFileSync(join(LEXICON, "roles.yml"), "utf8"),
      "de-en.yml": readFileSync(join(LEXICON, "de-en.yml"), "utf8"),
    });
    expect(() => loadLexicon(dir)).toThrow(/places\.yml: 0\.type/);
  });
});
