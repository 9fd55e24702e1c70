import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { toContract } from "../../src/answer/types.js";
import { answer } from "../../src/core.js";
import { PostgresArticles } from "../../src/retrieval/postgres/articles.js";
import { ingestInto as ingest, postgresForFile } from "../helpers/articles-db.js";
import { waitUntil } from "../helpers/fake-slack.js";
import { depsFor, FICTION, INTENTS, ROOT, SEEDS, seedsDeps, tempDir } from "../helpers/fixtures.js";

const postgres = postgresForFile();
/** The dev sets of ../shared/eval (CI has a copy of shared/ beside the clone). */
const DATA = join(ROOT, "../shared/eval");

const questions = readFileSync(join(import.meta.dirname, "../fixtures/eval/dev.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l).q as string);

describe("the PostgreSQL backend", () => {
  it("answers the seeds' dev questions as the in-memory index does", async () => {
    const url = await postgres().createDatabase("seeds");
    const report = await ingest(url, SEEDS);
    expect(report.added.length).toBe(5);
    const db = await PostgresArticles.open({ databaseUrl: url, intentsDir: INTENTS });
    try {
      for (const q of questions)
        expect(toContract(await db.answer(q))).toEqual(toContract(answer(q, seedsDeps())));
    } finally {
      await db.close();
    }
  });

  // The dev sets of other kinds: German articles, the same in English, eight Wikipedia articles
  // and one. Each holds fewer articles than the first stage keeps, so this checks the sentences,
  // offsets and analysis, not the first stage's order at scale (see BENCHMARKS.md for the
  // 100,000-article agreement).
  for (const set of ["german", "german-en", "squad", "normans"])
    it(`answers the ${set} dev set's questions as the in-memory index does`, async () => {
      const dir = join(DATA, set, "seeds");
      if (!existsSync(dir))
        throw new Error(`${dir}: the dev sets are missing (shared/eval beside the project)`);
      const asked = readFileSync(join(DATA, set, "dev.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l).q as string);
      const url = await postgres().createDatabase(set.replace("-", "_"));
      await ingest(url, dir);
      const db = await PostgresArticles.open({ databaseUrl: url, intentsDir: INTENTS });
      const memory = depsFor(dir);
      const differ: string[] = [];
      try {
        for (const q of asked) {
          const a = JSON.stringify(toContract(await db.answer(q)));
          if (a !== JSON.stringify(toContract(answer(q, memory)))) differ.push(q);
        }
      } finally {
        await db.close();
      }
      expect(differ).toEqual([]);
    }, 300_000);

  it("ingests incrementally: changed files again, unchanged ones not, removed ones removed; a broken one named and skipped", async () => {
    const url = await postgres().createDatabase("incremental");
    const dir = tempDir(FICTION);
    const names = Object.keys(FICTION).sort();
    const first = await ingest(url, dir);
    expect(first.added.sort()).toEqual(names);
    const [changed, removed] = names as [string, string];
    writeFileSync(
      join(dir, changed),
      `${FICTION[changed]}\nThe company also opened an office in Reykjavik.\n`,
    );
    rmSync(join(dir, removed));
    writeFileSync(join(dir, "broken.txt"), Buffer.from([0, 1, 2, 3]));
    const second = await ingest(url, dir);
    expect(second.changed).toEqual([changed]);
    expect(second.removed).toEqual([removed]);
    expect(second.unchanged).toBe(names.length - 2);
    expect(second.added).toEqual([]);
    expect(second.warnings).toEqual([expect.stringContaining("broken.txt")]);
    const db = await PostgresArticles.open({ databaseUrl: url, intentsDir: INTENTS });
    try {
      expect(db.articleCount).toBe(names.length - 1);
      const memory = depsFor(dir);
      for (const q of ["Where did the company open an office?", "Who leads the company?"])
        expect(toContract(await db.answer(q))).toEqual(toContract(answer(q, memory)));
    } finally {
      await db.close();
    }
  });

  it("an idle connection the server closes (a restart, a fail-over) is logged and replaced, never a crash", async () => {
    const url = await postgres().createDatabase("failover");
    await ingest(url, tempDir(FICTION));
    const logs: string[] = [];
    const db = await PostgresArticles.open({
      databaseUrl: url,
      intentsDir: INTENTS,
      log: (m) => logs.push(m),
    });
    try {
      const before = await db.answer("Who leads the company?");
      const admin = new pg.Client({ connectionString: postgres().url });
      admin.on("error", () => {});
      await admin.connect();
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        ["failover"],
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await waitUntil(() => logs.some((l) => /idle connection failed/.test(l)), 5000, "the log line");
      expect(toContract(await db.answer("Who leads the company?"))).toEqual(toContract(before));
    } finally {
      await db.close();
    }
  });

  it("a running backend reads a newer ingest without a restart", async () => {
    const url = await postgres().createDatabase("newer");
    const dir = tempDir(FICTION);
    await ingest(url, dir);
    const db = await PostgresArticles.open({ databaseUrl: url, intentsDir: INTENTS, refreshMs: 0 });
    try {
      const count = db.articleCount;
      writeFileSync(
        join(dir, "zephyr.md"),
        "# Zephyr Motors opens a plant\n\nZephyr Motors opened a plant in Quito, led by Ines Varga.\n",
      );
      await ingest(url, dir);
      const a = await db.answer("Who leads the Zephyr Motors plant?");
      expect(db.articleCount).toBe(count + 1);
      expect(a.answered).toBe(true);
      expect(a.citations[0]?.source).toBe("zephyr.md");
    } finally {
      await db.close();
    }
  });
});
