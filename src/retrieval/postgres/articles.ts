import { join } from "node:path";
import MiniSearch from "minisearch";
import pg from "pg";
import { retrievalQuery } from "../../answer/evidence.js";
import type { Answer } from "../../answer/types.js";
import type { Ask, Browse, Catalog } from "../../answering.js";
import { catalogOf } from "../../answering.js";
import { type AnswerOptions, answer, type Deps, depsFromIndex, route } from "../../core.js";
import type { Article, Corpus, Sentence } from "../../corpus/types.js";
import { loadLexicon } from "../../lexicon/load.js";
import { relatedTerms } from "../../ranking/pipeline.js";
import type { Language } from "../../text/language.js";
import { Analyzer } from "../../text/terms.js";
import {
  CANDIDATE_ARTICLES,
  type CorpusIndex,
  type CorpusStats,
  firstStageTerms,
  indexOptions,
  queryWeights,
} from "../index.js";
import { TermTable } from "../term-table.js";
import {
  type Posting,
  type PostingSource,
  type ReadRequest,
  type TopStats,
  topArticles,
} from "./first-stage.js";
import { quoteLexeme, SCHEMA_VERSION } from "./schema.js";
import { corpusStatsOf, type StoredStats } from "./stats.js";

/** An article as read from PostgreSQL, with its sentences' offsets and terms. */
interface ArticleRow {
  id: number;
  article: Omit<Article, "sentences">;
  sentences: { start: number; end: number; terms: string[] }[];
}

/** The front matter columns of `fact_articles`. */
interface MetaColumns {
  source: string;
  title: string;
  display_title: string | null;
  date: string | null;
  author: string | null;
  url: string | null;
  language: Language;
}

/** `fact_corpus`'s row. */
interface CorpusRow {
  version: string;
  schema_version: number;
  article_count: number;
  mean_terms: number;
  stats: string;
}

/** The collection as of one version of `fact_corpus`. */
interface Snapshot {
  version: string;
  count: number;
  meanTerms: number;
  stats: CorpusStats;
  /** Every article's id and front matter, in file-name order (sources, catalog). */
  listing: { id: number; article: Omit<Article, "sentences" | "text"> }[];
  /** An article's place in `listing` (the first stage's ties). */
  rank: Map<number, number>;
  /** The answering dependencies without sentences: reading and routing a question. */
  base: Deps;
  /** Collections of up to CANDIDATE_ARTICLES articles: every article is a candidate (as in memory). */
  whole?: Deps;
}

export interface PostgresArticlesOptions {
  databaseUrl: string;
  intentsDir: string;
  /** The intents' cache folder (see createDeps). */
  cacheDir?: string;
  /** Connections kept open (default 4). */
  poolSize?: number;
  /** How often, at most, the collection's version is checked for a newer ingest (ms, default 2000). */
  refreshMs?: number;
  /** Articles kept in memory between questions (default 2000). */
  cachedArticles?: number;
  /** Where connection failures are logged (default: standard error). */
  log?: (message: string) => void;
}

/** The article index's token separator (src/retrieval/index.ts). */
const SEP = "\u0001";

/**
 * The PostgreSQL backend: articles, sentences and statistics live in the database (written by
 * `npm run ingest`), and each question is answered by the same core as in memory, on an index
 * of its candidate articles only. The first stage reads the postings of the analyser's terms
 * (`fact_postings`: the same terms the in-memory index has), ranked by BM25 with the collection's
 * article frequencies and pruned (./first-stage.ts); the candidates' sentences are then scored
 * and answered as in memory, with the whole collection's statistics.
 * On a collection of up to CANDIDATE_ARTICLES articles every article is a candidate, as in
 * memory, so the answers are the same; above that, the first stage's ranking is BM25 over
 * every posting (in memory: minisearch, with champion lists for the commonest terms).
 */
export class PostgresArticles {
  private snapshot!: Snapshot;
  /** What the last question's first stage read (diagnostics: the benchmark's notes). */
  lastFirstStage: TopStats | undefined;
  private checkedAt = 0;
  private readonly rows = new Map<number, ArticleRow>();
  private readonly analyzer: Analyzer;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresArticlesOptions,
  ) {
    this.analyzer = new Analyzer(loadLexicon(join(options.intentsDir, "lexicon")));
  }

  /** Connects and reads the collection's statistics; throws when nothing was ingested. */
  static async open(options: PostgresArticlesOptions): Promise<PostgresArticles> {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 4 });
    // An idle connection the server closes (a restart, a fail-over) is an 'error' on the pool:
    // unheard, it would stop the process. The pool drops that connection and opens a new one.
    pool.on("error", (err) =>
      (options.log ?? ((m: string) => process.stderr.write(`${m}\n`)))(
        `PostgreSQL: an idle connection failed (${err.message}); it will be replaced`,
      ),
    );
    const backend = new PostgresArticles(pool, options);
    try {
      await backend.refresh(true);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return backend;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Articles in the collection. */
  get articleCount(): number {
    return this.snapshot.count;
  }

  /** Intents loaded. */
  get intentCount(): number {
    return this.snapshot.base.intents.intents.length;
  }

  /** Reloads the statistics when an ingest bumped the version (checked at most every refreshMs). */
  private async refresh(force = false): Promise<void> {
    const now = Date.now();
    if (!force && now - this.checkedAt < (this.options.refreshMs ?? 2000)) return;
    this.checkedAt = now;
    const v = await this.pool
      .query<{ version: string }>("SELECT version::text FROM fact_corpus WHERE id = 1")
      .catch((err: Error & { code?: string }) => {
        if (err.code === "42P01") return { rows: [] }; // no tables yet
        throw err;
      });
    const version = v.rows[0]?.version;
    if (version === undefined)
      throw new Error("the PostgreSQL database has no articles: run npm run ingest -- DIR first");
    if (!force && version === this.snapshot.version) return;
    const corpusRow = await this.pool.query<CorpusRow>(
      "SELECT version::text, schema_version, article_count, mean_terms, stats FROM fact_corpus WHERE id = 1",
    );
    const c = corpusRow.rows[0] as CorpusRow;
    if (c.schema_version !== SCHEMA_VERSION)
      throw new Error(
        `the PostgreSQL database's articles are of schema ${c.schema_version}, this version reads ${SCHEMA_VERSION}: run npm run ingest -- DIR again (it rebuilds them)`,
      );
    const stats = corpusStatsOf(JSON.parse(c.stats) as StoredStats);
    const listing = (
      await this.pool.query<MetaColumns & { id: number }>(
        `SELECT id, source, title, display_title, date, author, url, language FROM fact_articles ORDER BY source COLLATE "C"`,
      )
    ).rows.map((r) => ({ id: r.id, article: meta(r) }));
    this.rows.clear();
    const snapshot: Snapshot = {
      version: c.version,
      count: c.article_count,
      meanTerms: c.mean_terms,
      stats,
      listing,
      rank: new Map(listing.map((l, i) => [l.id, i])),
      base: this.depsOf([], stats, listing),
    };
    if (listing.length <= CANDIDATE_ARTICLES)
      snapshot.whole = this.depsOf(await this.articles(listing.map((l) => l.id)), stats, listing);
    this.snapshot = snapshot;
  }

  /**
   * The answering dependencies of some articles (`rows`, in this order) with the collection's
   * statistics; `listing`: the collection's other articles, without sentences (sources, catalog).
   */
  private depsOf(rows: ArticleRow[], stats: CorpusStats, listing?: Snapshot["listing"]): Deps {
    const articles: Article[] = [];
    const sentences: Sentence[] = [];
    const vocabulary: string[] = [];
    const idOf = new Map<string, number>();
    const ids: number[] = [];
    const offsets: number[] = [];
    const add = (row: ArticleRow) => {
      const a = articles.length;
      const own: number[] = [];
      for (const s of row.sentences) {
        const id = sentences.length;
        own.push(id);
        sentences.push({
          id,
          article: a,
          start: s.start,
          end: s.end,
          text: row.article.text.slice(s.start, s.end),
          language: row.article.language,
        });
        offsets.push(ids.length);
        for (const t of s.terms) {
          let k = idOf.get(t);
          if (k === undefined) {
            k = vocabulary.length;
            vocabulary.push(t);
            idOf.set(t, k);
          }
          ids.push(k);
        }
      }
      articles.push({ ...row.article, sentences: own });
    };
    for (const row of rows) add(row);
    // The rest of the collection, without sentences, after the candidates.
    const loaded = new Set(rows.map((r) => r.id));
    for (const l of listing ?? [])
      if (!loaded.has(l.id)) add({ id: l.id, article: { ...l.article, text: "" }, sentences: [] });
    offsets.push(ids.length);
    const corpus: Corpus = { dir: "postgres", articles, sentences, warnings: [] };
    const table = TermTable.from({
      vocabulary,
      ids: Int32Array.from(ids),
      offsets: Int32Array.from(offsets),
    });
    const options = indexOptions(corpus, this.analyzer, table);
    // A question's index holds its candidates only (CANDIDATE_ARTICLES at most): never
    // searched. Help's index (the first articles, and every article's front matter) is.
    const articleSearch = new MiniSearch<{ id: number }>({
      ...options,
      extractField: (doc, field) => {
        const article = articles[doc.id] as Article;
        if (field === "id") return String(doc.id);
        if (field === "title") return this.analyzer.terms(article.title, article.language).join(SEP);
        return [...new Set(article.sentences.flatMap((id) => table.termsOf(id)))].join(SEP);
      },
    });
    if (articles.length > CANDIDATE_ARTICLES) articleSearch.addAll(rows.map((_, id) => ({ id })));
    const index: CorpusIndex = {
      corpus,
      analyzer: this.analyzer,
      stats,
      sentenceTerms: table,
      articleSearch,
      articlePostings: { articleCount: 0, terms: [], fields: [], lengths: new Int32Array(0) },
    };
    this.shared ??= depsFromIndex(index, this.options.intentsDir, this.options.cacheDir);
    // Names are looked up per article number: a context of their own for these articles.
    const names = {
      stats,
      lexicon: this.analyzer.lexicon,
      roleWords: this.analyzer.roleWords,
      people: new Set<string>(),
    };
    return { ...this.shared, index, names };
  }

  /** The intents, the fitted models and WordNet: loaded once. */
  private shared: Deps | undefined;

  /** Articles by id, with their sentences, in the order asked (kept between questions). */
  private async articles(ids: number[]): Promise<ArticleRow[]> {
    const missing = ids.filter((id) => !this.rows.has(id));
    if (missing.length > 0) {
      const got = await this.pool.query<
        MetaColumns & { id: number; text: string; sentences: [number, number, string][] }
      >(
        `SELECT a.id, a.source, a.title, a.display_title, a.date, a.author, a.url, a.language, a.text,
                (SELECT coalesce(json_agg(json_build_array(s.start_offset, s.end_offset, s.terms) ORDER BY s.n), '[]')
                 FROM fact_sentences s WHERE s.article_id = a.id) AS sentences
         FROM fact_articles a WHERE a.id = ANY($1::int[])`,
        [missing],
      );
      const max = this.options.cachedArticles ?? 2000;
      for (const r of got.rows) {
        if (this.rows.size >= max) this.rows.delete(this.rows.keys().next().value as number);
        this.rows.set(r.id, {
          id: r.id,
          article: { ...meta(r), text: r.text },
          sentences: r.sentences.map(([start, end, terms]) => ({
            start,
            end,
            terms: JSON.parse(terms) as string[],
          })),
        });
      }
    }
    return ids.flatMap((id) => {
      const row = this.rows.get(id);
      return row ? [row] : [];
    });
  }

  /**
   * The candidate articles of a question's search terms (`weights`, as queryWeights gives them),
   * best first: BM25 over the articles' distinct terms (the title's boosted, as in memory) of the
   * first-stage terms, with the collection's article frequencies, file name breaking ties. It
   * reads the terms' postings (`fact_postings`) with threshold pruning (./first-stage.ts): the
   * same articles as scoring every article that has any of the terms, which schema 1 did over a
   * tsvector per article. When no article has any of the terms, PostgreSQL's own analysis of
   * the question's words (`fts`, in the question's language) picks them. Public for the tests.
   */
  async candidates(weights: Map<string, number>, text: string, language: Language): Promise<number[]> {
    const s = this.snapshot;
    const terms = firstStageTerms(s.stats, s.count, weights);
    if (terms.length === 0) {
      const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
      if (words.length === 0) return [];
      const config = language === "de" ? "german" : "english";
      const r = await this.pool.query<{ id: number }>(
        `SELECT id FROM fact_articles
         WHERE fts @@ to_tsquery($1::regconfig, $2)
         ORDER BY ts_rank(fts, to_tsquery($1::regconfig, $2)) DESC, source COLLATE "C" LIMIT ${CANDIDATE_ARTICLES}`,
        [config, words.map((w) => quoteLexeme(w)).join(" | ")],
      );
      return r.rows.map((x) => x.id);
    }
    const w = terms.map((t) => {
      const df = s.stats.articleDf.get(t) ?? 0;
      const idf = Math.log(1 + (s.count - df + 0.5) / (df + 0.5));
      return idf * (weights.get(t) ?? 1);
    });
    const source = await PgPostings.of(this.pool, terms);
    const stats: TopStats = { postingsRead: 0, lookedUp: 0, rounds: 0 };
    this.lastFirstStage = stats;
    return topArticles(
      source,
      w,
      s.meanTerms,
      CANDIDATE_ARTICLES,
      (id) => s.rank.get(id) ?? s.count,
      {},
      stats,
    );
  }

  /** Answers one question: candidates from PostgreSQL, then the core on their index. */
  async answer(question: string, options: AnswerOptions = {}): Promise<Answer> {
    await this.refresh();
    const s = this.snapshot;
    if (s.whole) return answer(question, s.whole, options);
    const routed = route(question, s.base, options);
    if (routed.meta) return answer(question, await this.metaDeps(), options);
    // The search terms gatherEvidence will use (src/ranking/pipeline.ts, analyse).
    const at = routed.intent.intent ? s.base.intents.intents.indexOf(routed.intent.intent) : -1;
    const expansions = new Set(s.base.intents.expansions[at] ?? []);
    const related = relatedTerms(routed.q, s.base);
    const search = new Set([...expansions, ...[...related.values()].flatMap((r) => [...r.syn])]);
    const weights = queryWeights(retrievalQuery(routed.q, search));
    const ids = await this.candidates(weights, routed.q.text, routed.q.language);
    return answer(question, this.depsOf(await this.articles(ids), s.stats), options);
  }

  /** Help and the suggestions read the first articles' sentences; sources list every article. */
  private async metaDeps(): Promise<Deps> {
    const s = this.snapshot;
    const first = s.listing.slice(0, CANDIDATE_ARTICLES).map((l) => l.id);
    return this.depsOf(await this.articles(first), s.stats, s.listing);
  }

  /** The articles and the suggested questions (App Home, help). */
  async catalog(language: Language): Promise<Catalog> {
    await this.refresh();
    return catalogOf(this.snapshot.whole ?? (await this.metaDeps()), language);
  }

  /** The front ends' view: answering and browsing, like askInProcess and browseInProcess. */
  get ask(): Ask {
    return (question, options) => this.answer(question, options);
  }

  get browse(): Browse {
    return (language) => this.catalog(language);
  }
}

/**
 * A question's first-stage terms' postings in `fact_postings`: read along each term's list in
 * key order (`fact_postings_impact`), and looked up by article (the primary key).
 */
class PgPostings implements PostingSource {
  private constructor(
    private readonly pool: pg.Pool,
    /** Per term of the question: its number in `fact_terms` (none: no postings). */
    private readonly ids: (number | undefined)[],
  ) {}

  static async of(pool: pg.Pool, terms: string[]): Promise<PgPostings> {
    const r = await pool.query<{ id: number; term: string }>(
      "SELECT id, term FROM fact_terms WHERE term = ANY($1::text[])",
      [terms],
    );
    const byTerm = new Map(r.rows.map((x) => [x.term, x.id]));
    return new PgPostings(
      pool,
      terms.map((t) => byTerm.get(t)),
    );
  }

  async read(requests: readonly ReadRequest[]): Promise<Posting[][]> {
    const asked = requests.filter((q) => this.ids[q.term] !== undefined);
    const lists: Posting[][] = requests.map(() => []);
    if (asked.length === 0) return lists;
    // One row per list, its postings as two arrays (in text, read by intsOf): a row per posting
    // costs node an object and two strings each, which at 100,000 rows is most of a read.
    const r = await this.pool.query<{ i: number; articles: string | null; keys: string | null }>(
      `SELECT q.i, p.articles::text, p.keys::text
       FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[]) AS q(i, term_id, after_key, after_id, lim)
       CROSS JOIN LATERAL (
         SELECT array_agg(article_id ORDER BY key, article_id) AS articles, array_agg(key ORDER BY key, article_id) AS keys
         FROM (
           SELECT article_id, key FROM fact_postings
           WHERE term_id = q.term_id AND (key, article_id) > (q.after_key, q.after_id)
           ORDER BY key, article_id LIMIT q.lim
         ) s
       ) p`,
      [
        asked.map((q) => requests.indexOf(q)),
        asked.map((q) => this.ids[q.term]),
        asked.map((q) => q.after?.key ?? -1),
        asked.map((q) => q.after?.article ?? -1),
        asked.map((q) => q.limit),
      ],
    );
    for (const x of r.rows) {
      const articles = intsOf(x.articles);
      const keys = intsOf(x.keys);
      lists[x.i] = articles.map((article, k) => ({ article, key: keys[k] as number }));
    }
    return lists;
  }

  async lookup(
    pairs: readonly { article: number; term: number }[],
  ): Promise<{ article: number; term: number; key: number }[]> {
    const asked = pairs.filter((p) => this.ids[p.term] !== undefined);
    if (asked.length === 0) return [];
    const numberOf = new Map<number, number>();
    for (const p of asked) numberOf.set(this.ids[p.term] as number, p.term);
    // Pairs, one index probe each (`article_id = ANY AND term_id = ANY` filters on the term).
    const r = await this.pool.query<{ article_id: number; term_id: number; key: number }>(
      `SELECT p.article_id, p.term_id, p.key
       FROM unnest($1::int[], $2::int[]) AS x(article_id, term_id)
       JOIN fact_postings p ON p.article_id = x.article_id AND p.term_id = x.term_id`,
      [asked.map((p) => p.article), asked.map((p) => this.ids[p.term])],
    );
    return r.rows.map((x) => ({
      article: x.article_id,
      term: numberOf.get(x.term_id) as number,
      key: x.key,
    }));
  }
}

/** The numbers of a PostgreSQL integer array's text form ("{1,2,3}"; NULL: none), non-negative. */
export function intsOf(text: string | null): number[] {
  const out: number[] = [];
  if (text === null) return out;
  let n = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n = (n < 0 ? 0 : n * 10) + (c - 48);
    else if (n >= 0) {
      out.push(n);
      n = -1;
    }
  }
  if (n >= 0) out.push(n);
  return out;
}

function meta(r: MetaColumns): Omit<Article, "sentences" | "text"> {
  return {
    source: r.source,
    title: r.title,
    ...(r.display_title === null ? {} : { displayTitle: r.display_title }),
    date: r.date ?? undefined,
    author: r.author ?? undefined,
    url: r.url ?? undefined,
    language: r.language,
  };
}
