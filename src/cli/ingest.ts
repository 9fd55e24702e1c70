#!/usr/bin/env node
import { join, resolve } from "node:path";
import pg from "pg";
import { intentsDirFrom, seedsDirFrom, setting } from "../config-paths.js";
import { loadLexicon } from "../lexicon/load.js";
import { ingestFolder } from "../retrieval/postgres/ingest.js";
import { Analyzer } from "../text/terms.js";
import { runMain } from "./run-main.js";

const USAGE = `usage: npm run ingest -- [DIR]
  Loads a folder of articles (default: SEEDS_DIR, else seeds/) into the PostgreSQL database of
  DATABASE_URL, for ARTICLES_BACKEND=postgres. Incremental: files whose content is unchanged are
  left as they are, changed ones are read again, removed ones are removed; a file that cannot be
  an article is reported by name and skipped.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const databaseUrl = setting(process.env, "DATABASE_URL");
  if (!databaseUrl) {
    process.stderr.write(`configuration error: DATABASE_URL is missing (a postgres:// URL)\n${USAGE}\n`);
    return 2;
  }
  const dir = args[0] ? resolve(args[0]) : seedsDirFrom(undefined);
  const lexiconDir = join(intentsDirFrom(), "lexicon");
  const client = new pg.Client({ connectionString: databaseUrl });
  // A connection the server closes fails the query in progress; the 'error' event must not also stop the process.
  client.on("error", (err) => process.stderr.write(`PostgreSQL connection failed: ${err.message}\n`));
  await client.connect();
  try {
    const report = await ingestFolder(client, dir, new Analyzer(loadLexicon(lexiconDir)), {
      lexiconDir,
      onWarning: (m) => process.stderr.write(`warning: ${m}\n`),
      onProgress: (done, total) => {
        if (total >= 2000) process.stderr.write(`read ${done} of ${total} files\n`);
      },
    });
    const rate = report.added.length + report.changed.length;
    process.stdout.write(
      `ingested ${dir}${report.full ? " (all files read: first ingest, or the analysis changed)" : ""}: ` +
        `${report.added.length} added, ${report.changed.length} changed, ${report.unchanged} unchanged, ` +
        `${report.removed.length} removed, ${report.warnings.length} skipped; ${report.articles} articles; ` +
        `${(report.ms / 1000).toFixed(1)} s${rate ? ` (${Math.round((rate * 1000) / Math.max(1, report.ms))} articles/s)` : ""}\n`,
    );
  } finally {
    await client.end();
  }
  return 0;
}

runMain(main);
