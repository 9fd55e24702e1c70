#!/usr/bin/env node
// The naive anchor of the benchmark (issue 5): one minisearch index over every sentence of every
// article, the top sentence as the answer. It speaks the same --jsonl contract as `ask`.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import MiniSearch from "minisearch";

const args = process.argv.slice(2);
const dir = args.includes("--seeds") ? args[args.indexOf("--seeds") + 1] : "seeds";
const docs = [];
for (const source of readdirSync(dir)) {
  const text = readFileSync(join(dir, source), "utf8");
  for (const m of text.matchAll(/[^.!?\n]+[.!?]?/g)) {
    if (m[0].trim().length > 20) docs.push({ id: docs.length, source, text: m[0].trim(), start: m.index });
  }
}
const index = new MiniSearch({ fields: ["text"], storeFields: ["source", "text", "start"] });
index.addAll(docs);
for await (const line of createInterface({ input: process.stdin })) {
  const hit = index.search(line, { fuzzy: 0.2 })[0];
  const out = hit
    ? {
        question: line,
        answered: true,
        answer: hit.text,
        intent: "fallback",
        confidence: 0.5,
        language: "en",
        citations: [
          {
            source: hit.source,
            title: hit.source,
            quote: hit.text,
            start: hit.start,
            end: hit.start + hit.text.length,
          },
        ],
      }
    : {
        question: line,
        answered: false,
        answer: "",
        intent: "fallback",
        confidence: 0,
        language: "en",
        citations: [],
      };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
