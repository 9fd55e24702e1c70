#!/usr/bin/env node
// Part of the build: extracts compromise's lexicon of names into .cache/gazetteer.json, so the
// bot's first start does not have to (src/text/gazetteer.ts would otherwise do it on first use).
import { loadGazetteer } from "../dist/text/gazetteer.js";

loadGazetteer();
