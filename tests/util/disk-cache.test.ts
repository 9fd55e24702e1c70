import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { readCache, writeCache } from "../../src/util/disk-cache.js";
import { ROOT, tempDir } from "../helpers/fixtures.js";

// The writers run compiled code (npm test builds first): a worker thread cannot load TypeScript.
const compiled = pathToFileURL(join(ROOT, "dist/util/disk-cache.js")).href;

/** A thread that writes `file` `times` times with values of its own, each a few megabytes. */
function writer(file: string, label: string, times: number): Promise<boolean[]> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.compiled).then(({ writeCache }) => {
      const out = [];
      for (let i = 0; i < workerData.times; i++)
        out.push(writeCache(workerData.file, 1, "key", { label: workerData.label, fill: "x".repeat(3e6) }));
      parentPort.postMessage(out);
    });`;
  const worker = new Worker(code, { eval: true, workerData: { compiled, file, label, times } });
  return new Promise((done, fail) => {
    worker.once("message", done);
    worker.once("error", fail);
  });
}

describe("the disk cache", () => {
  it("reads back what was written, and nothing under another key or format", () => {
    const file = join(tempDir({}), "c.bin");
    expect(writeCache(file, 1, "k", { a: [1, 2] })).toBe(true);
    expect(readCache(file, 1, "k")).toEqual({ a: [1, 2] });
    expect(readCache(file, 1, "other")).toBeUndefined();
    expect(readCache(file, 2, "k")).toBeUndefined();
  });

  it("two threads of one process writing the same cache at once leave one whole file", async () => {
    const file = join(tempDir({}), "shared.bin");
    const [a, b] = await Promise.all([writer(file, "a", 12), writer(file, "b", 12)]);
    // every write went through: no thread renamed a file another was still writing
    expect([...(a ?? []), ...(b ?? [])].every(Boolean)).toBe(true);
    const value = readCache<{ label: string; fill: string }>(file, 1, "key");
    expect(["a", "b"]).toContain(value?.label);
    expect(value?.fill).toHaveLength(3e6);
  });
});
