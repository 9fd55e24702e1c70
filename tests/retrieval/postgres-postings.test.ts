import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { describe, expect, it } from "vitest";
import { toContract } from "../../src/answer/types.js";
import { answer } from "../../src/core.js";
import { CANDIDATE_ARTICLES, firstStageTerms } from "../../src/retrieval/index.js";
import { PostgresArticles } from "../../src/retrieval/postgres/articles.js";
import { corpusStatsOf, type StoredStats } from "../../src/retrieval/postgres/stats.js";
import { analyzer, ingestInto as ingest, postgresForFile, withClient } from "../helpers/articles-db.js";
import { depsFor, FICTION, INTENTS, tempDir } from "../helpers/fixtures.js";
import { seededRandom as random } from "../helpers/random.js";

const postgres = postgresForFile();

/** Every posting as (file, term, key), in order; and postings of no article. */
async function postings(url: string): Promise<{ rows: string[]; orphans: number }> {
  return withClient(url, async (c) => {
    const rows = await c.query<{ source: string; term: string; key: number }>(
      `SELECT a.source, t.term, p.key FROM fact_postings p
       JOIN fact_articles a ON a.id = p.article_id JOIN fact_terms t ON t.id = p.term_id
       ORDER BY a.source COLLATE "C", t.term COLLATE "C"`,
    );
    const orphans = await c.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM fact_postings p WHERE NOT EXISTS (SELECT 1 FROM fact_articles a WHERE a.id = p.article_id)",
    );
    return {
      rows: rows.rows.map((r) => `${r.source} ${r.term} ${r.key}`),
      orphans: orphans.rows[0]?.n ?? -1,
    };
  });
}

/** Schema 1's tables (commit dbd4e93), for the migration test. */
const SCHEMA_1 = `
CREATE TABLE fact_articles (
  id serial PRIMARY KEY, source text NOT NULL UNIQUE, hash text NOT NULL, title text NOT NULL,
  display_title text, date text, author text, url text, language text NOT NULL, text text NOT NULL,
  config regconfig NOT NULL, fts tsvector NOT NULL, terms tsvector NOT NULL, n_terms integer NOT NULL,
  stats text NOT NULL
);
CREATE INDEX fact_articles_fts ON fact_articles USING gin (fts);
CREATE INDEX fact_articles_terms ON fact_articles USING gin (terms);
CREATE TABLE fact_sentences (
  article_id integer NOT NULL REFERENCES fact_articles (id) ON DELETE CASCADE, n integer NOT NULL,
  start_offset integer NOT NULL, end_offset integer NOT NULL, terms text NOT NULL, PRIMARY KEY (article_id, n)
);
CREATE TABLE fact_corpus (
  id integer PRIMARY KEY CHECK (id = 1), schema_version integer NOT NULL, analysis_key text NOT NULL,
  version bigint NOT NULL, article_count integer NOT NULL, mean_terms double precision NOT NULL, stats text NOT NULL
);
INSERT INTO fact_articles (source, hash, title, language, text, config, fts, terms, n_terms, stats)
  VALUES ('old.md', 'x', 'Old', 'en', 'Old text.', 'english', ''::tsvector, '''old'':2'::tsvector, 1, '{}');
INSERT INTO fact_corpus VALUES (1, 1, 'schema-1', 7, 1, 1, '{}');
`;

/** Schema 1's `terms` column of an article (commit dbd4e93, schema.ts termsVector), verbatim. */
function schema1TermsVector(titleTerms: Iterable<string>, bodyTerms: Iterable<string>): string {
  const quote = (t: string) => `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  const positions = new Map<string, string>();
  for (const t of titleTerms) if (t) positions.set(t, "1A");
  for (const t of bodyTerms) if (t) positions.set(t, positions.has(t) ? "1A,2" : "2");
  return [...positions].map(([t, p]) => `${quote(t)}:${p}`).join(" ");
}

/** Schema 1's `terms` of every stored article, as it would have written them, in `schema1_terms`. */
async function writeSchema1Terms(c: pg.Client): Promise<void> {
  const articles = await c.query<{ id: number; title: string; language: string; sentences: string[] }>(
    `SELECT a.id, a.title, a.language,
            (SELECT coalesce(json_agg(s.terms ORDER BY s.n), '[]') FROM fact_sentences s WHERE s.article_id = a.id) AS sentences
     FROM fact_articles a`,
  );
  await c.query("CREATE TEMP TABLE schema1_terms (id integer PRIMARY KEY, terms tsvector NOT NULL)");
  await c.query("INSERT INTO schema1_terms SELECT * FROM unnest($1::int[], $2::tsvector[])", [
    articles.rows.map((a) => a.id),
    articles.rows.map((a) =>
      schema1TermsVector(
        analyzer.terms(a.title, a.language as "en"),
        a.sentences.flatMap((t) => JSON.parse(t) as string[]),
      ),
    ),
  ]);
}

/**
 * Schema 1's first-stage query (commit dbd4e93, PostgresArticles.candidates), verbatim but for
 * reading `terms` from `schema1_terms`: the reference the postings' search must equal.
 */
async function schema1Candidates(c: pg.Client, terms: string[], weights: number[], meanTerms: number) {
  const q = (t: string) => `'${t.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  const params: unknown[] = [terms.map(q).join(" | "), meanTerms];
  const parts = terms.map((t, i) => {
    params.push(q(t), `${q(t)}:A`, weights[i]);
    const n = params.length;
    return `(CASE WHEN terms @@ $${n - 2}::tsquery THEN $${n}::float8 * body ELSE 0 END
            + CASE WHEN terms @@ $${n - 1}::tsquery THEN $${n}::float8 * ${2 * (0.5 + 1)} ELSE 0 END)`;
  });
  const matched = terms.map((_, i) => `(terms @@ $${3 + 3 * i}::tsquery)::int`).join(" + ");
  const r = await c.query<{ id: number }>(
    `SELECT id FROM (
       SELECT a.id, a.source, v.terms,
              ${0.5} + ${1.2 + 1} / (1 + ${1.2} * (${1 - 0.7} + ${0.7} * a.n_terms / $2::float8)) AS body
       FROM fact_articles a JOIN schema1_terms v ON v.id = a.id WHERE v.terms @@ $1::tsquery
     ) m
     ORDER BY (${parts.join(" + ")}) * (${matched}) DESC, source COLLATE "C"
     LIMIT ${CANDIDATE_ARTICLES}`,
    params,
  );
  return r.rows.map((x) => x.id);
}

/** Made-up words: a few in most articles, most in few (none of them a seed's word). */
const WORDS = Array.from(
  { length: 60 },
  (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${"bdfgklmnprstv"[i % 13]}x${Math.floor(i / 26)}an`,
);

function madeUpCollection(seed: number, articles: number): Record<string, string> {
  const r = random(seed);
  const files: Record<string, string> = {};
  for (let a = 0; a < articles; a++) {
    const pick = () => WORDS[Math.floor(WORDS.length * r() ** 3)] as string;
    const title = `${pick()} ${pick()} ${pick()}`;
    const sentences = Array.from(
      { length: 1 + Math.floor(r() * 8) },
      () => `The ${Array.from({ length: 3 + Math.floor(r() * 8) }, pick).join(" ")} report.`,
    );
    files[`${String(Math.floor(r() * 1e6)).padStart(6, "0")}-${a}.md`] =
      `# ${title}\n\n${sentences.join(" ")}\n`;
  }
  return files;
}

describe("the PostgreSQL backend's postings", () => {
  it("after an incremental ingest of a changed and a removed article, the postings are a fresh ingest's", async () => {
    const url = await postgres().createDatabase("postings_incremental");
    const dir = tempDir(FICTION);
    await ingest(url, dir);
    const [changed, removed] = Object.keys(FICTION).sort() as [string, string];
    const before = await postings(url);
    expect(before.rows.some((r) => r.startsWith(`${removed} `))).toBe(true);
    writeFileSync(
      join(dir, changed),
      `${FICTION[changed]}\nThe company also opened an office in Reykjavik.\n`,
    );
    rmSync(join(dir, removed));
    const second = await ingest(url, dir);
    expect(second.changed).toEqual([changed]);
    expect(second.removed).toEqual([removed]);
    const after = await postings(url);
    const fresh = await postgres().createDatabase("postings_fresh");
    await ingest(fresh, dir);
    expect(after.rows).toEqual((await postings(fresh)).rows);
    expect(after.orphans).toBe(0);
    expect(after.rows.some((r) => r.startsWith(`${removed} `))).toBe(false);
    expect(after.rows.filter((r) => r.startsWith(`${changed} `)).length).toBeGreaterThan(
      before.rows.filter((r) => r.startsWith(`${changed} `)).length,
    );
    // The changed article's key reflects its new length; the title's terms come first.
    const keys = after.rows.filter((r) => r.startsWith(`${changed} `)).map((r) => Number(r.split(" ")[2]));
    expect(new Set(keys.map((k) => k % 2 ** 30)).size).toBe(1);
    expect(keys.some((k) => k < 2 ** 30)).toBe(true);
  });

  it("a database of schema 1 is rebuilt by the next ingest; until then the backend says to ingest again", async () => {
    const url = await postgres().createDatabase("schema1");
    await withClient(url, (c) => c.query(SCHEMA_1));
    await expect(PostgresArticles.open({ databaseUrl: url, intentsDir: INTENTS })).rejects.toThrow(
      /schema 1.*npm run ingest/,
    );
    const dir = tempDir(FICTION);
    const report = await ingest(url, dir);
    expect(report.full).toBe(true);
    expect(report.added.sort()).toEqual(Object.keys(FICTION).sort());
    const p = await postings(url);
    expect(p.rows.some((r) => r.startsWith("old.md "))).toBe(false);
    expect(p.rows.length).toBeGreaterThan(0);
    const columns = await withClient(url, (c) =>
      c.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'fact_articles'"),
    );
    expect(columns.rows.map((r) => r.column_name)).not.toContain("terms");
    const db = await PostgresArticles.open({ databaseUrl: url, intentsDir: INTENTS });
    try {
      const q = "Who leads the company?";
      expect(toContract(await db.answer(q))).toEqual(toContract(answer(q, depsFor(dir))));
    } finally {
      await db.close();
    }
  });

  it("the first stage returns schema 1's SQL ranking's articles, on a made-up collection of 400 articles", async () => {
    const url = await postgres().createDatabase("first_stage");
    const files = madeUpCollection(3, 400);
    await ingest(url, tempDir(files));
    const db = await PostgresArticles.open({ databaseUrl: url, intentsDir: INTENTS });
    try {
      await withClient(url, async (c) => {
        const row = (await c.query("SELECT article_count, mean_terms, stats FROM fact_corpus")).rows[0];
        const stats = corpusStatsOf(JSON.parse(row.stats) as StoredStats);
        await writeSchema1Terms(c);
        const terms = [...stats.articleDf.keys()].filter((t) => t.startsWith("zq"));
        expect(terms.length).toBeGreaterThan(20);
        const r = random(17);
        let compared = 0;
        for (let n = 0; n < 60; n++) {
          const weights = new Map<string, number>();
          const size = 1 + Math.floor(r() * 6);
          for (let i = 0; i < size; i++)
            weights.set(terms[Math.floor(r() * terms.length)] as string, r() < 0.8 ? 1 : 0.5);
          const stage = firstStageTerms(stats, row.article_count, weights);
          if (stage.length === 0) continue;
          const w = stage.map((t) => {
            const df = stats.articleDf.get(t) ?? 0;
            return Math.log(1 + (row.article_count - df + 0.5) / (df + 0.5)) * (weights.get(t) ?? 1);
          });
          const got = await db.candidates(weights, "", "en");
          expect(got, [...weights].join(" ")).toEqual(await schema1Candidates(c, stage, w, row.mean_terms));
          expect(got.length).toBe(CANDIDATE_ARTICLES);
          compared++;
        }
        expect(compared).toBeGreaterThan(40);
      });
    } finally {
      await db.close();
    }
  });
});
