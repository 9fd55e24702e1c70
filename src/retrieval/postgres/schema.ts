import type pg from "pg";

/**
 * The tables of the PostgreSQL backend (ARTICLES_BACKEND=postgres). Bumped when what is stored,
 * or how articles are read and analysed, changes: a database of another version is re-ingested
 * whole by `npm run ingest`.
 */
export const SCHEMA_VERSION = 2;

/**
 * - `fact_articles`: one row per article file: its text (quotes are slices of it), front matter,
 *   content hash, its number of distinct body terms (`n_terms`), and `fts` (GIN-indexed):
 *   PostgreSQL's own analysis of title and text with the article's language's configuration
 *   (`english` or `german`, in `config`), the fallback when none of a question's terms is in
 *   any article.
 * - `fact_terms`: the analyser's terms (English Snowball stems; German words through the
 *   bilingual lexicon; place names as one term), numbered.
 * - `fact_postings`: one row per article and distinct term of it (title or body), with `key`:
 *   the posting's place in the term's list, boosted postings (the title's terms, and terms of
 *   two or more sentences) first, then by the article's
 *   `n_terms` (src/retrieval/postgres/first-stage.ts, postingKey): the first stage reads a
 *   term's postings in that order (`fact_postings_impact`) and looks articles up by
 *   `fact_postings_article`. It searches the same terms as the in-memory index, so a question finds the
 *   same articles in either language. Schema 1 kept these as a `terms` tsvector per article.
 * - `fact_sentences`: each article's sentences, in reading order, as character offsets into its
 *   text, with their distinct terms (a JSON array, in the analyser's order).
 * - `fact_corpus`: one row: the collection's word and term statistics (what weighs terms and
 *   reads questions: typos, names), computed from the articles' own after each ingest, and a
 *   version that readers poll to reload them.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS fact_articles (
  id serial PRIMARY KEY,
  source text NOT NULL UNIQUE,
  hash text NOT NULL,
  title text NOT NULL,
  display_title text,
  date text,
  author text,
  url text,
  language text NOT NULL,
  text text NOT NULL,
  config regconfig NOT NULL,
  fts tsvector NOT NULL,
  n_terms integer NOT NULL,
  stats text NOT NULL
);
CREATE INDEX IF NOT EXISTS fact_articles_fts ON fact_articles USING gin (fts);
CREATE TABLE IF NOT EXISTS fact_terms (
  id serial PRIMARY KEY,
  term text NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS fact_postings (
  article_id integer NOT NULL,
  term_id integer NOT NULL,
  key integer NOT NULL
);
CREATE TABLE IF NOT EXISTS fact_sentences (
  article_id integer NOT NULL REFERENCES fact_articles (id) ON DELETE CASCADE,
  n integer NOT NULL,
  start_offset integer NOT NULL,
  end_offset integer NOT NULL,
  terms text NOT NULL,
  PRIMARY KEY (article_id, n)
);
CREATE TABLE IF NOT EXISTS fact_corpus (
  id integer PRIMARY KEY CHECK (id = 1),
  schema_version integer NOT NULL,
  analysis_key text NOT NULL,
  version bigint NOT NULL,
  article_count integer NOT NULL,
  mean_terms double precision NOT NULL,
  stats text NOT NULL
);
`;

/**
 * The postings' indexes: by article (each article's terms once; lookups, removals) and each
 * term's list in key order. A full ingest makes them after loading (faster than row by row).
 */
export const POSTINGS_INDEXES_SQL = `
CREATE UNIQUE INDEX IF NOT EXISTS fact_postings_article ON fact_postings (article_id, term_id) INCLUDE (key);
CREATE INDEX IF NOT EXISTS fact_postings_impact ON fact_postings (term_id, key, article_id);
`;

/** The article tables of every schema version so far (fact_corpus is kept: it says the version). */
const ARTICLE_TABLES = "fact_postings, fact_terms, fact_sentences, fact_articles";

/**
 * Creates the tables when missing (idempotent; concurrent ingests are serialised by a lock).
 * `rebuild`: the stored articles are of another schema or analysis (or there are none): their
 * tables are dropped and made again, empty, without the postings' indexes (the ingest then
 * reads every file, and makes those at the end).
 */
export async function ensureSchema(client: pg.ClientBase, rebuild = false): Promise<void> {
  if (rebuild) await client.query(`DROP TABLE IF EXISTS ${ARTICLE_TABLES}`);
  await client.query(SCHEMA_SQL);
  if (!rebuild) await client.query(POSTINGS_INDEXES_SQL);
}

/** PostgreSQL's text search configuration for an article's language. */
export const configOf = (language: string): string => (language === "de" ? "german" : "english");

/** A lexeme quoted for tsvector and tsquery input: 'it''s', backslashes doubled. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}
