import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { loadLexicon } from "../../src/lexicon/load.js";
import { ingestFolder } from "../../src/retrieval/postgres/ingest.js";
import { Analyzer } from "../../src/text/terms.js";
import { INTENTS } from "./fixtures.js";
import { startPostgres, type TestPostgres } from "./postgres.js";

/** The PostgreSQL backend's tests: a server per test file, and ingests as `npm run ingest` does. */
export const lexiconDir = join(INTENTS, "lexicon");
export const analyzer = new Analyzer(loadLexicon(lexiconDir));

/** A server started before the file's tests and stopped after them (call at the top level). */
export function postgresForFile(): () => TestPostgres {
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => server as TestPostgres;
}

/** Runs `f` on a connection to `url`, closed after. */
export async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  // The server's shutdown at the end may reach a connection still closing: not an error of the test.
  client.on("error", () => {});
  await client.connect();
  try {
    return await f(client);
  } finally {
    await client.end();
  }
}

/** `npm run ingest -- dir` into the database at `url`. */
export const ingestInto = (url: string, dir: string) =>
  withClient(url, (c) => ingestFolder(c, dir, analyzer, { lexiconDir }));
