/**
 * A helper thread of `loadIndex` (parallel.ts): reads, splits and analyses its share of the
 * article files and posts them back, then flags that it is done (the parent waits on the flag).
 */
import { type MessagePort, workerData } from "node:worker_threads";
import { loadArticleFiles } from "../corpus/load.js";
import { loadLexicon } from "../lexicon/load.js";
import { Analyzer } from "../text/terms.js";
import { analyzeSentences } from "./index.js";
import { packShard, type ShardRequest, type ShardResult } from "./parallel.js";

const request = workerData as ShardRequest & { port: MessagePort };
let result: ShardResult;
try {
  const analyzer = new Analyzer(loadLexicon(request.lexiconDir));
  const corpus = loadArticleFiles(request.dir, request.names, { maxBytes: request.maxBytes });
  result = packShard(corpus, analyzeSentences(corpus.sentences, analyzer));
} catch (err) {
  result = { ok: false, error: String((err as Error)?.message ?? err) };
}
const transfer = result.analysis
  ? [
      result.spans,
      result.sentenceCounts,
      result.analysis.ids,
      result.analysis.offsets,
      result.analysis.sentenceDf,
      result.analysis.articleDf,
      result.analysis.articleIds,
      result.analysis.articleCounts,
      result.analysis.articleOffsets,
    ].map((a) => (a as Int32Array).buffer as ArrayBuffer)
  : [];
request.port.postMessage(result, transfer);
Atomics.store(request.done, 0, 1);
Atomics.notify(request.done, 0);
