import { type PlaceInfo, type Places, within } from "../knowledge/places.js";
import type { Place } from "./types.js";

/** The lexicon's form of a place of the place table. */
function toPlace(info: PlaceInfo): Place {
  return {
    key: info.en.toLowerCase(),
    en: info.en,
    de: info.de,
    aliases: info.names.filter((n) => n !== info.en && n !== info.de),
    type: info.kind,
    country: info.country,
    continents: info.continents,
  };
}

/**
 * The lexicon's `placeByAlias`: every name of every place (lower case, words joined by one
 * space) -> the place it means first, read through from the place table (which decodes a place
 * when first asked for), so that a start does not build some 4,500 places it never meets. Each
 * place is made once: the same name always gives the same object.
 */
export class PlaceMap implements ReadonlyMap<string, Place> {
  private readonly made = new Map<PlaceInfo, Place>();
  private count: number | undefined;

  constructor(private readonly places: Places) {}

  /** The lexicon's place for a place of the table. */
  placeOf(info: PlaceInfo): Place {
    let place = this.made.get(info);
    if (!place) {
      place = toPlace(info);
      this.made.set(info, place);
    }
    return place;
  }

  get(key: string): Place | undefined {
    const info = this.places.byKey(key)[0];
    return info && this.placeOf(info);
  }

  has(key: string): boolean {
    return this.places.hasKey(key);
  }

  get size(): number {
    if (this.count === undefined) {
      this.count = 0;
      for (const _ of this.places.keys()) this.count++;
    }
    return this.count;
  }

  keys(): MapIterator<string> {
    return this.places.keys();
  }

  *values(): MapIterator<Place> {
    for (const [, place] of this.entries()) yield place;
  }

  *entries(): MapIterator<[string, Place]> {
    for (const key of this.places.keys()) yield [key, this.get(key) as Place];
  }

  [Symbol.iterator](): MapIterator<[string, Place]> {
    return this.entries();
  }

  forEach(
    callback: (value: Place, key: string, map: ReadonlyMap<string, Place>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, place] of this.entries()) callback.call(thisArg, place, key, this);
  }
}

/**
 * True when a place lies in an area or is it: a city in its country or continent, a country in
 * its continent (London in Europe, Japan in Asia). A region contains nothing (no source says what).
 */
export function placeWithin(place: Place, area: Place): boolean {
  if (place === area) return true;
  const info = (p: Place): PlaceInfo => ({
    kind: p.type ?? "city",
    en: p.en,
    de: p.de,
    names: [],
    keys: [],
    country: p.country,
    continents: p.continents ?? [],
  });
  return within(info(place), info(area));
}
