import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type pg from "pg";
import { listArticleFiles, loadArticleFiles } from "../../corpus/load.js";
import type { Sentence } from "../../corpus/types.js";
import { placesVersion } from "../../knowledge/places.js";
import type { Analyzer } from "../../text/terms.js";
import { cacheKey } from "../../util/disk-cache.js";
import { postingKey } from "./first-stage.js";
import { configOf, ensureSchema, POSTINGS_INDEXES_SQL, SCHEMA_VERSION } from "./schema.js";
import { type ArticleStats, analyzeArticle, StatsMerger } from "./stats.js";

/** What one ingest did. */
export interface IngestReport {
  /** File names added, changed (re-read), removed; `unchanged`: how many were left as they were. */
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** One line per file skipped, naming it and saying why (a broken article). */
  warnings: string[];
  /** Articles stored after the ingest. */
  articles: number;
  /** Whether everything was read again (first ingest, or the analyser or the schema changed). */
  full: boolean;
  ms: number;
}

export interface IngestOptions {
  /** The lexicon folder the analyser was made from (part of the analysis key). */
  lexiconDir: string;
  onWarning?: (message: string) => void;
  /** Called after each batch with the files read so far and how many are to be read. */
  onProgress?: (done: number, total: number) => void;
  /** Files read and written per batch (default 500). */
  batch?: number;
}

/** Longest text given to PostgreSQL's own analysis (`fts`; a tsvector holds at most 1 MB). */
const MAX_FTS_CHARS = 200_000;
/** A fixed key for the advisory lock that serialises ingests of one database. */
const INGEST_LOCK = 7_171_717;

const hashOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** What the stored analysis depends on besides the files: the schema, the code and the lexicon. */
export function analysisKey(lexiconDir: string): string {
  return cacheKey(SCHEMA_VERSION, { contents: [lexiconDir], stats: [], versions: [placesVersion()] });
}

/**
 * Loads a folder of articles into PostgreSQL, incrementally: only the files whose content hash
 * changed are read and analysed again (with their sentences and offsets), files gone (or now
 * unreadable) are removed, and a file that cannot be an article is reported by name and
 * skipped. Then the collection's statistics are summed again from every article's own and the
 * version is bumped, in the same transaction: readers see the old collection or the new one.
 */
export async function ingestFolder(
  client: pg.ClientBase,
  dir: string,
  analyzer: Analyzer,
  options: IngestOptions,
): Promise<IngestReport> {
  const t0 = performance.now();
  const batchSize = options.batch ?? 500;
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const names = listArticleFiles(dir);
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [INGEST_LOCK]);
    const key = analysisKey(options.lexiconDir);
    const exists = await client.query<{ t: boolean }>("SELECT to_regclass('fact_corpus') IS NOT NULL AS t");
    const meta = exists.rows[0]?.t
      ? await client.query<{ analysis_key: string; schema_version: number }>(
          "SELECT analysis_key, schema_version FROM fact_corpus WHERE id = 1",
        )
      : { rows: [] };
    const full = meta.rows[0]?.analysis_key !== key || meta.rows[0]?.schema_version !== SCHEMA_VERSION;
    // Another schema's or analysis's articles (or none): their tables are made again, empty.
    await ensureSchema(client, full);
    const stored = new Map<string, string>();
    for (const r of (
      await client.query<{ source: string; hash: string }>("SELECT source, hash FROM fact_articles")
    ).rows)
      stored.set(r.source, r.hash);
    // The files to read: new or changed content.
    const toRead: { name: string; hash: string }[] = [];
    const present = new Set<string>();
    let unchanged = 0;
    for (const name of names) {
      let bytes: Buffer;
      try {
        if (!statSync(join(dir, name)).isFile()) continue;
        bytes = readFileSync(join(dir, name));
      } catch {
        toRead.push({ name, hash: "" }); // the loader reports why
        continue;
      }
      const hash = hashOf(bytes);
      if (stored.get(name) === hash) {
        present.add(name);
        unchanged++;
      } else toRead.push({ name, hash });
    }
    const added: string[] = [];
    const changed: string[] = [];
    for (let b = 0; b < toRead.length; b += batchSize) {
      const batch = toRead.slice(b, b + batchSize);
      const corpus = loadArticleFiles(
        dir,
        batch.map((f) => f.name),
        { onWarning: warn },
      );
      const hashes = new Map(batch.map((f) => [f.name, f.hash]));
      const rows = corpus.articles.map((article) => {
        const sentences = article.sentences.map((id) => corpus.sentences[id] as Sentence);
        const { stats, sentenceTerms } = analyzeArticle(sentences, analyzer);
        const body = new Set(sentenceTerms.flat());
        return { article, sentences, stats, sentenceTerms, bodyTerms: body.size };
      });
      const sources = rows.map((r) => r.article.source);
      // A changed file replaces its row (its sentences and postings go with it).
      if (!full) await removeArticles(client, sources);
      if (rows.length > 0) {
        const inserted = await client.query<{ id: number; source: string }>(
          `INSERT INTO fact_articles
             (source, hash, title, display_title, date, author, url, language, text, config, fts, n_terms, stats)
           SELECT s, h, ti, dt, d, au, u, l, tx, c::regconfig,
                  setweight(to_tsvector(c::regconfig, ti), 'A') || to_tsvector(c::regconfig, left(tx, ${MAX_FTS_CHARS})),
                  nt, st
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $9::text[], $10::text[], $11::int[], $12::text[])
             AS x(s, h, ti, dt, d, au, u, l, tx, c, nt, st)
           RETURNING id, source`,
          [
            sources,
            rows.map((r) => hashes.get(r.article.source) ?? ""),
            rows.map((r) => r.article.title),
            rows.map((r) => r.article.displayTitle ?? null),
            rows.map((r) => r.article.date ?? null),
            rows.map((r) => r.article.author ?? null),
            rows.map((r) => r.article.url ?? null),
            rows.map((r) => r.article.language),
            rows.map((r) => r.article.text),
            rows.map((r) => configOf(r.article.language)),
            rows.map((r) => r.bodyTerms),
            rows.map((r) => JSON.stringify(r.stats)),
          ],
        );
        const idOf = new Map(inserted.rows.map((r) => [r.source, r.id]));
        const ids: number[] = [];
        const ns: number[] = [];
        const starts: number[] = [];
        const ends: number[] = [];
        const terms: string[] = [];
        for (const r of rows) {
          const id = idOf.get(r.article.source) as number;
          r.sentences.forEach((s, n) => {
            ids.push(id);
            ns.push(n);
            starts.push(s.start);
            ends.push(s.end);
            terms.push(JSON.stringify(r.sentenceTerms[n]));
          });
        }
        await client.query(
          `INSERT INTO fact_sentences (article_id, n, start_offset, end_offset, terms)
           SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[])`,
          [ids, ns, starts, ends, terms],
        );
        await insertPostings(
          client,
          rows.map((r) => ({
            id: idOf.get(r.article.source) as number,
            title: analyzer.terms(r.article.title, r.article.language),
            body: r.sentenceTerms.flat(),
            bodyTerms: r.bodyTerms,
          })),
        );
      }
      for (const s of sources) {
        present.add(s);
        (stored.has(s) ? changed : added).push(s);
      }
      options.onProgress?.(Math.min(toRead.length, b + batchSize), toRead.length);
    }
    // Files gone, or no longer readable as articles.
    const removed = [...stored.keys()].filter((s) => !present.has(s));
    if (removed.length) await removeArticles(client, removed);
    if (full) await client.query(POSTINGS_INDEXES_SQL);
    const articles = await updateStats(client, key);
    await client.query("COMMIT");
    // The planner's statistics of the new postings (the first stage's lookups use them).
    if (added.length + changed.length + removed.length > 0) await client.query("ANALYZE fact_postings");
    return {
      added,
      changed,
      removed,
      unchanged,
      warnings,
      articles,
      full,
      ms: Math.round(performance.now() - t0),
    };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

/** Removes articles by file name, with their sentences (a cascade) and their postings. */
async function removeArticles(client: pg.ClientBase, sources: string[]): Promise<void> {
  await client.query(
    "DELETE FROM fact_postings WHERE article_id IN (SELECT id FROM fact_articles WHERE source = ANY($1::text[]))",
    [sources],
  );
  await client.query("DELETE FROM fact_articles WHERE source = ANY($1::text[])", [sources]);
}

/**
 * Each article's postings: one per distinct term of its title or body (an empty term is none),
 * keyed by whether it is boosted and the article's distinct body terms (postingKey). New terms
 * are numbered first. Boosted, as weight A was in schema 1's `terms` tsvector: a term of the
 * title, and (as schema 1 wrote that vector, from the sentences' terms one after the other) a
 * body term in two or more of the article's sentences. Kept so, the first stage ranks as
 * before; whether repeated body terms should keep the title's boost is a ranking question of
 * its own.
 */
async function insertPostings(
  client: pg.ClientBase,
  articles: { id: number; title: string[]; body: string[]; bodyTerms: number }[],
): Promise<void> {
  const perArticle = articles.map((a) => {
    const boosted = new Map<string, boolean>();
    for (const t of a.title) if (t) boosted.set(t, true);
    for (const t of a.body) if (t) boosted.set(t, boosted.has(t));
    return { id: a.id, terms: boosted, bodyTerms: a.bodyTerms };
  });
  const distinct = [...new Set(perArticle.flatMap((a) => [...a.terms.keys()]))];
  if (distinct.length === 0) return;
  await client.query(
    "INSERT INTO fact_terms (term) SELECT unnest($1::text[]) ON CONFLICT (term) DO NOTHING",
    [distinct],
  );
  const termIds = new Map(
    (
      await client.query<{ id: number; term: string }>(
        "SELECT id, term FROM fact_terms WHERE term = ANY($1::text[])",
        [distinct],
      )
    ).rows.map((r) => [r.term, r.id]),
  );
  const articleIds: number[] = [];
  const ids: number[] = [];
  const keys: number[] = [];
  for (const a of perArticle)
    for (const [t, title] of a.terms) {
      articleIds.push(a.id);
      ids.push(termIds.get(t) as number);
      keys.push(postingKey(title, a.bodyTerms));
    }
  await client.query(
    `INSERT INTO fact_postings (article_id, term_id, key)
     SELECT * FROM unnest($1::int[], $2::int[], $3::int[])`,
    [articleIds, ids, keys],
  );
}

/** Rows of articles' statistics read at a time. */
const STATS_PAGE = 2000;

/**
 * Sums every article's statistics (in file-name order, as the in-memory index reads them:
 * JavaScript's sort, the code units' order, which "C" collation gives for UTF-8) into the
 * collection's, and bumps the version. Returns the number of articles.
 */
async function updateStats(client: pg.ClientBase, key: string): Promise<number> {
  const merger = new StatsMerger();
  let articles = 0;
  let terms = 0;
  let after = "";
  for (;;) {
    const page = await client.query<{
      source: string;
      language: string;
      n: number;
      stats: string;
      n_terms: number;
    }>(
      `SELECT a.source, a.language, a.stats, a.n_terms,
              (SELECT count(*)::int FROM fact_sentences s WHERE s.article_id = a.id) AS n
       FROM fact_articles a WHERE a.source COLLATE "C" > $1 ORDER BY a.source COLLATE "C" LIMIT ${STATS_PAGE}`,
      [after],
    );
    for (const r of page.rows) {
      merger.add(JSON.parse(r.stats) as ArticleStats, r.n, r.language);
      terms += r.n_terms;
      articles++;
    }
    if (page.rows.length < STATS_PAGE) break;
    after = (page.rows[page.rows.length - 1] as { source: string }).source;
  }
  await client.query(
    `INSERT INTO fact_corpus (id, schema_version, analysis_key, version, article_count, mean_terms, stats)
     VALUES (1, $1, $2, 1, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET schema_version = $1, analysis_key = $2, version = fact_corpus.version + 1,
       article_count = $3, mean_terms = $4, stats = $5`,
    [SCHEMA_VERSION, key, articles, terms / Math.max(1, articles), JSON.stringify(merger.stored())],
  );
  return articles;
}
