import { describe, expect, it } from "vitest";
import { extractGazetteer, nameTags, wordClass } from "../../src/text/gazetteer.js";

describe("nameTags (compromise's lexicon of names)", () => {
  it.each([
    ["Tokyo", { place: true, city: true, country: false }],
    ["Japan", { place: true, city: false, country: true }],
    ["San Francisco", { place: true, city: true }],
    ["Microsoft", { organisation: true, place: false }],
    ["Oliver Jay", { firstName: true, person: true, place: false }],
    ["Zzyzxquux", { place: false, organisation: false, person: false, firstName: false }],
  ])("%s", (name, expected) => expect(nameTags(name)).toMatchObject(expected));

  it("is extracted from compromise with its version: names, verbs and adjectives", () => {
    const g = extractGazetteer();
    expect(g.version).toMatch(/^\d+:\d+\.\d+/);
    expect(Object.keys(g.entries).length).toBeGreaterThan(3000);
    // "running" is a verb form, not a name
    expect(nameTags("running")).toMatchObject({ place: false, person: false, organisation: false });
    expect(wordClass("running").verb).toBe(true);
    expect(wordClass("zzyzxquux")).toEqual({ verb: false, adjective: false });
  });
});
