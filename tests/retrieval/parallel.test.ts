import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load.js";
import { loadLexicon } from "../../src/lexicon/load.js";
import { buildIndex, type CorpusIndex, searchSentences } from "../../src/retrieval/index.js";
import { loadIndex } from "../../src/retrieval/parallel.js";
import { Analyzer } from "../../src/text/terms.js";
import { INTENTS, ROOT, tempDir } from "../helpers/fixtures.js";

// The helper thread runs compiled code: `npm test` builds dist/ before running the tests.
const WORKER = pathToFileURL(join(ROOT, "dist/retrieval/shard-worker.js"));
const lexiconDir = `${INTENTS}/lexicon`;
const analyzer = () => new Analyzer(loadLexicon(lexiconDir));

/** Made-up articles in both languages, with a place name, a broken file and an unsupported one. */
function folder(): string {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 24; i++) {
    const n = String(i).padStart(2, "0");
    files[`a${n}.md`] =
      i % 5 === 3
        ? `---\ntitle: Bericht ${n}\n---\nDie Firma Velmora${n} eröffnet ein Büro in München. Sie beschäftigt ${i} Leute.\n`
        : `# Velmora${n} opens an office in New York City\n\nVelmora${n} hired ${i * 3} people. Tobin de Marvel leads the team${i % 2 ? " in Oslo" : ""}.\n`;
  }
  // An article whose every sentence is page furniture: it has no sentences (and no terms).
  files["a10.md"] = Array.from({ length: 12 }, (_, i) => `Read more: the Velmora story ${i} is here.`).join(
    " ",
  );
  files["a07.md"] = Buffer.from([0, 1, 2, 3]);
  files["a15.pdf"] = "not an article";
  return tempDir(files);
}

/** Everything an index holds, as plain data, to compare two builds. */
function snapshot(index: CorpusIndex) {
  return {
    articles: index.corpus.articles,
    sentences: index.corpus.sentences,
    warnings: index.corpus.warnings,
    vocabulary: index.sentenceTerms.vocabulary,
    ids: [...index.sentenceTerms.ids],
    offsets: [...index.sentenceTerms.offsets],
    stats: index.stats,
    articleSearch: JSON.stringify(index.articleSearch),
    articlePostings: index.articlePostings,
  };
}

describe("reading a folder on several threads", () => {
  const dir = folder();
  const oneThread = buildIndex(loadCorpus(dir), analyzer());

  it("gives the same index as reading it on one thread, warnings included and in order", () => {
    const warnings: string[] = [];
    let threads = 0;
    const index = loadIndex(dir, analyzer(), {
      lexiconDir,
      threads: 3,
      minFilesPerThread: 1,
      workerUrl: WORKER,
      onWarning: (w) => warnings.push(w),
      onTiming: (t) => {
        threads = t.threads;
      },
    });
    expect(threads).toBe(3);
    expect(snapshot(index)).toEqual(snapshot(oneThread));
    expect(warnings).toEqual([expect.stringMatching(/a07\.md/), expect.stringMatching(/a15\.pdf/)]);
    // And it answers the same way.
    const query = [{ term: "velmora11", weight: 1 }];
    expect(searchSentences(index, query)).toEqual(searchSentences(oneThread, query));
  });

  it("reads a small folder on this thread only", () => {
    let threads = 0;
    loadIndex(dir, analyzer(), {
      lexiconDir,
      workerUrl: WORKER,
      onTiming: (t) => {
        threads = t.threads;
      },
    });
    expect(threads).toBe(1);
  });

  it("reads a failed helper's files itself: nothing is lost", () => {
    // A helper that reports a failure, and one that dies without a word.
    const scripts = tempDir({
      "fails.mjs":
        "import { workerData } from 'node:worker_threads';\n" +
        "workerData.port.postMessage({ ok: false, error: 'disk on fire' });\n" +
        "Atomics.store(workerData.done, 0, 1); Atomics.notify(workerData.done, 0);\n",
      "dies.mjs": "process.exit(3);\n",
    });
    for (const script of ["fails.mjs", "dies.mjs"]) {
      const index = loadIndex(dir, analyzer(), {
        lexiconDir,
        threads: 2,
        minFilesPerThread: 1,
        workerUrl: pathToFileURL(join(scripts, script)),
        helperTimeoutMs: 1500,
      });
      expect(snapshot(index)).toEqual(snapshot(oneThread));
    }
  });

  it("says which folder it cannot read", () => {
    expect(() => loadIndex(join(dir, "missing"), analyzer(), { lexiconDir })).toThrow(/missing/);
  });

  it("warns when no file is an article", () => {
    const empty = tempDir({ "notes.pdf": "x" });
    writeFileSync(join(empty, "b.txt"), "");
    const index = loadIndex(empty, analyzer(), {
      lexiconDir,
      threads: 2,
      minFilesPerThread: 1,
      workerUrl: WORKER,
    });
    expect(index.corpus.articles).toEqual([]);
    expect(index.corpus.warnings.at(-1)).toMatch(/no readable article/);
  });
});
