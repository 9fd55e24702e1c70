import type pg from "pg";

/**
 * The tables of the PostgreSQL backend (ARTICLES_BACKEND=postgres). Bumped when what is stored,
 * or how articles are read and analysed, changes: a database of another version is re-ingested
 * whole by `npm run ingest`.
 */
export const SCHEMA_VERSION = 1;

/**
 * - `fact_articles`: one row per article file: its text (quotes are slices of it), front matter,
 *   content hash, and two full-text columns with GIN indexes. `terms` holds the article's terms
 *   as the project's analyser makes them (English Snowball stems; German words through the
 *   bilingual lexicon; place names as one term), the title's at weight A: the first stage
 *   searches it, so a question finds the same articles in either language as in memory.
 *   `fts` is PostgreSQL's own analysis of title and text with the article's language's
 *   configuration (`english` or `german`, in `config`): the fallback when none of a question's
 *   terms is in any article.
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
  terms tsvector NOT NULL,
  n_terms integer NOT NULL,
  stats text NOT NULL
);
CREATE INDEX IF NOT EXISTS fact_articles_fts ON fact_articles USING gin (fts);
CREATE INDEX IF NOT EXISTS fact_articles_terms ON fact_articles USING gin (terms);
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

/** Creates the tables when missing (idempotent; concurrent ingests are serialised by a lock). */
export async function ensureSchema(client: pg.ClientBase): Promise<void> {
  await client.query(SCHEMA_SQL);
}

/** PostgreSQL's text search configuration for an article's language. */
export const configOf = (language: string): string => (language === "de" ? "german" : "english");

/** A lexeme quoted for tsvector and tsquery input: 'it''s', backslashes doubled. */
export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * An article's `terms` column in tsvector input form: each distinct term once, the title's at
 * weight A (position 1), the body's at position 2 (weight D).
 */
export function termsVector(titleTerms: Iterable<string>, bodyTerms: Iterable<string>): string {
  const positions = new Map<string, string>();
  for (const t of titleTerms) if (t) positions.set(t, "1A");
  for (const t of bodyTerms) if (t) positions.set(t, positions.has(t) ? "1A,2" : "2");
  return [...positions].map(([t, p]) => `${quoteLexeme(t)}:${p}`).join(" ");
}
