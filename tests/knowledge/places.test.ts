import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPlaces,
  PLACES_FILE,
  type PlaceInfo,
  type Places,
  placeKey,
  within,
} from "../../src/knowledge/places.js";
import {
  AMBIGUOUS_MIN_POPULATION,
  decodePlaces,
  extractPlaces,
  MIN_CITY_POPULATION,
  placesVersion,
} from "../../src/knowledge/places-extract.js";
import { loadCuratedPlaces } from "../../src/lexicon/load.js";
import { INTENTS, tempDir } from "../helpers/fixtures.js";

/** The packages' places alone, and merged with the project's places.yml. */
let packages: Places;
let places: Places;
beforeAll(() => {
  packages = loadPlaces(); // .cache/places.txt, extracted first when missing or stale
  places = loadPlaces({ overrides: loadCuratedPlaces(join(INTENTS, "lexicon")) });
});

const kinds = (list: readonly PlaceInfo[]) => list.map((p) => `${p.kind} ${p.en}`);

describe("Places.lookup", () => {
  it("Tokio = Tokyo, Brüssel = Brussels: places.yml's German names over the packages' cities", () => {
    const tokyo = places.lookup("Tokyo");
    expect(tokyo).toMatchObject({
      kind: "city",
      en: "Tokyo",
      de: "Tokio",
      country: "JP",
      continents: ["AS"],
    });
    expect(places.lookup("Tokio")).toBe(tokyo);
    expect(places.lookup("Brüssel")).toBe(places.lookup("Brussels"));
    expect(places.lookup("Bruxelles")).toMatchObject({ en: "Brussels", de: "Brüssel", country: "BE" });
    // The city package alone has no German names.
    expect(packages.lookup("Tokio")).toBeUndefined();
  });

  it("Deutschland = Germany, from i18n-iso-countries alone (places.yml has no entry)", () => {
    const germany = packages.lookup("Deutschland");
    expect(germany).toMatchObject({ kind: "country", en: "Germany", de: "Deutschland", country: "DE" });
    expect(packages.lookup("germany")).toBe(germany);
    expect(packages.lookup("Russland")).toMatchObject({ en: "Russia", continents: ["AS", "EU"] });
    expect(loadCuratedPlaces(join(INTENTS, "lexicon")).map((p) => p.en)).not.toContain("Germany");
  });

  it("continents have their German names from places.yml (Europa, Asien)", () => {
    expect(places.lookup("Europa")).toMatchObject({ kind: "continent", en: "Europe", continents: ["EU"] });
    expect(places.lookup("asien")).toBe(places.lookup("Asia"));
    expect(packages.lookup("Europe")?.kind).toBe("continent");
  });

  it("Singapore is a city and a country; the name means the country first", () => {
    expect(kinds(places.lookupAll("Singapore"))).toEqual(["country Singapore", "city Singapore"]);
    // The German name is the country's (i18n-iso-countries); both are in Asia.
    expect(kinds(places.lookupAll("Singapur"))).toEqual(["country Singapore"]);
    expect(places.lookupAll("Singapore").every((p) => places.within(p, "Asia"))).toBe(true);
  });

  it("a name belongs to the most populous city of that name: London is in GB, Paris in FR", () => {
    expect(kinds(packages.lookupAll("London"))).toEqual(["city London"]);
    expect(packages.lookup("London")).toMatchObject({ country: "GB", capital: true });
    expect(packages.lookup("Paris")?.country).toBe("FR");
  });

  it("ignores case, spacing and punctuation, and knows the names without their diacritics", () => {
    expect(places.lookup("TOKIO")?.en).toBe("Tokyo");
    expect(places.lookup("mexiko-stadt")).toBe(places.lookup("Mexico City"));
    expect(places.lookup("Mexiko Stadt")).toBe(places.lookup("Mexico City"));
    expect(packages.lookup("Sao Paulo")).toBe(packages.lookup("São Paulo"));
    expect(placeKey("N.Y.C.")).toBe("n y c");
    expect(places.lookup("N.Y.C.")?.en).toBe("New York City");
  });

  it("an ordinary word is not a place: cities of 100,000 people named Reading, Nice, Mobile, Split", () => {
    for (const word of ["Reading", "reading", "Nice", "Mobile", "Split", "Orange", "Male", "Van", "Of"])
      expect(packages.lookup(word), word).toBeUndefined();
    // Iceland's German name is an English word: shown in German, not matched.
    expect(packages.lookup("Island")).toBeUndefined();
    expect(packages.lookup("Iceland")?.de).toBe("Island");
  });

  it("a one-word city named like a person, or a name of ordinary words, needs a million people", () => {
    expect(AMBIGUOUS_MIN_POPULATION).toBe(1_000_000);
    for (const name of ["Victoria", "Austin", "Charlotte", "Long Beach", "Port Said", "High Point"])
      expect(packages.lookup(name), name).toBeUndefined();
    for (const name of ["Sydney", "Houston", "Cape Town"])
      expect(packages.lookup(name)?.kind, name).toBe("city");
  });

  it("keeps cities of MIN_CITY_POPULATION people or more, and capitals of any size", () => {
    const cities = packages.all.filter((p) => p.kind === "city");
    expect(cities.length).toBeGreaterThan(3000);
    for (const c of cities) expect(c.capital || (c.population ?? 0) >= MIN_CITY_POPULATION, c.en).toBe(true);
    expect(packages.lookup("Vaduz")).toMatchObject({ kind: "city", country: "LI", capital: true });
  });
});

describe("Places.within", () => {
  it("London within Europe and the United Kingdom; Tokyo and Japan within Asia", () => {
    expect(places.within("London", "Europe")).toBe(true);
    expect(places.within("London", "Europa")).toBe(true);
    expect(places.within("London", "United Kingdom")).toBe(true);
    expect(places.within("Tokyo", "Asia")).toBe(true);
    expect(places.within("Tokio", "Asien")).toBe(true);
    expect(places.within("Japan", "Asia")).toBe(true);
    expect(places.within("Tokyo", "Japan")).toBe(true);
  });

  it("'offices in Europe' gathers London, Dublin, Paris and Brussels, not Tokyo or New York", () => {
    const offices = ["London", "Dublin", "Paris", "Brussels", "Tokyo", "New York", "Singapore"];
    expect(offices.filter((o) => places.within(o, "Europe"))).toEqual([
      "London",
      "Dublin",
      "Paris",
      "Brussels",
    ]);
  });

  it("is false the other way round, across continents, for regions and for names that are no place", () => {
    expect(places.within("Europe", "London")).toBe(false);
    expect(places.within("Tokyo", "Europe")).toBe(false);
    expect(places.within("Japan", "Tokyo")).toBe(false);
    expect(places.within("Berlin", "European Union")).toBe(false); // a region: no source says what is in it
    expect(places.within("Atlantis", "Europe")).toBe(false);
    // A country spanning two continents lies in both.
    expect(places.within("Russia", "Europe") && places.within("Russia", "Asia")).toBe(true);
  });

  it("a place is within itself; a curated place of its own takes its country's continents", () => {
    const london = places.lookup("London") as PlaceInfo;
    expect(within(london, london)).toBe(true);
    // Venice is too small for the table: places.yml gives it with its country.
    expect(places.lookup("Venedig")).toMatchObject({
      en: "Venice",
      kind: "city",
      country: "IT",
      continents: ["EU"],
    });
    expect(places.within("Venice", "Europe")).toBe(true);
  });
});

describe("Places (lazy table)", () => {
  it("resolves every name as the whole table does: curated first, then broader, then bigger", () => {
    const order = (p: PlaceInfo) =>
      (p.curated ? 0 : 4) + ["continent", "country", "region", "city"].indexOf(p.kind);
    const all = places.all;
    const first = new Map<string, PlaceInfo>();
    const sorted = all
      .map((p, i) => ({ p, i }))
      .sort((a, b) => order(a.p) - order(b.p) || a.i - b.i)
      .map((x) => x.p);
    for (const p of sorted) for (const key of p.keys) if (!first.has(key)) first.set(key, p);
    const keys = [...places.keys()];
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(first.keys()));
    for (const key of keys) {
      expect(places.byKey(key)[0], key).toBe(first.get(key));
      expect(places.hasKey(key)).toBe(true);
    }
    expect(places.hasKey("zzyzxquux")).toBe(false);
    expect(places.byKey("zzyzxquux")).toEqual([]);
  });

  it("answers the same once it has looked up enough names to keep them all in a set", () => {
    const fresh = loadPlaces({ overrides: loadCuratedPlaces(join(INTENTS, "lexicon")) });
    for (let i = 0; i < 6000; i++) expect(fresh.hasKey(`zz${i}`)).toBe(false); // past SET_AFTER
    for (const key of places.keys()) expect(kinds(fresh.byKey(key)), key).toEqual(kinds(places.byKey(key)));
  });
});

describe("loadPlaces (the extracted table)", () => {
  it("rebuilds a stale table (another version) and writes the current one", () => {
    const file = join(tempDir(), "places.txt");
    const current = readFileSync(PLACES_FILE, "utf8");
    writeFileSync(file, current.replace(placesVersion(), "0:stale"));
    expect(loadPlaces({ file }).lookup("Deutschland")?.en).toBe("Germany");
    expect(decodePlaces(readFileSync(file, "utf8"))?.version).toBe(placesVersion());
  });

  it("rebuilds a corrupt table", () => {
    const file = join(tempDir(), "places.txt");
    writeFileSync(file, "not a table at all");
    expect(loadPlaces({ file }).lookup("London")?.country).toBe("GB");
    expect(decodePlaces(readFileSync(file, "utf8"))?.version).toBe(placesVersion());
  });

  it("extracts the same table twice (the build and a first load agree)", () => {
    const a = extractPlaces();
    expect(a.version).toBe(placesVersion());
    expect(a.table.split("\n").length).toBeGreaterThan(4000);
    expect(decodePlaces(readFileSync(PLACES_FILE, "utf8"))).toEqual(a);
  });
});
