import { describe, expect, it } from "vitest";
import { extractGazetteer, nameTags } from "../../src/text/gazetteer.js";

describe("nameTags (compromise's lexicon of names)", () => {
  it.each([
    ["Tokyo", { place: true, city: true, country: false }],
    ["Japan", { place: true, city: false, country: true }],
    ["San Francisco", { place: true, city: true }],
    ["Microsoft", { organisation: true, place: false }],
    ["Oliver Jay", { firstName: true, person: true, place: false }],
    ["Zzyzxquux", { place: false, organisation: false, person: false, firstName: false }],
  ])("%s", (name, expected) => expect(nameTags(name)).toMatchObject(expected));

  it("is extracted from compromise with its version, names only", () => {
    const g = extractGazetteer();
    expect(g.version).toMatch(/^\d+:\d+\.\d+/);
    expect(Object.keys(g.entries).length).toBeGreaterThan(3000);
    expect(g.entries.running).toBeUndefined();
  });
});
