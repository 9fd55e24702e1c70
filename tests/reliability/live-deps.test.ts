import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core.js";
import { LiveDeps } from "../../src/live-deps.js";
import { FICTION, INTENTS, tempDir } from "../helpers/fixtures.js";

/** A copy of the project's intents, to break on purpose. */
function intentsCopy(): string {
  const files: Record<string, string> = {};
  for (const f of ["leadership.yml", "offices.yml", "investments.yml", "help.yml"])
    files[f] = readFileSync(join(INTENTS, f), "utf8");
  for (const f of ["places.yml", "roles.yml", "de-en.yml"])
    files[`lexicon/${f}`] = readFileSync(join(INTENTS, "lexicon", f), "utf8");
  return tempDir(files);
}

describe("LiveDeps: reload without a restart, keeping the last good set", () => {
  it("picks up a new article", () => {
    const seeds = tempDir(FICTION);
    const live = new LiveDeps({ seedsDir: seeds, intentsDir: INTENTS });
    expect(answer("Who leads the Madrid office?", live.current()).answered).toBe(false);
    writeFileSync(
      join(seeds, "madrid.txt"),
      "The Madrid office of Acme is led by Elena Rossi, the former head of sales at Hooli.\n",
    );
    expect(live.reload().ok).toBe(true);
    expect(answer("Who leads the Madrid office?", live.current()).answer).toBe("Elena Rossi");
  });

  it("keeps the last good corpus when an article that loaded before turns broken", () => {
    const seeds = tempDir(FICTION);
    const logs: string[] = [];
    const live = new LiveDeps({ seedsDir: seeds, intentsDir: INTENTS, log: (m) => logs.push(m) });
    const before = live.current();
    writeFileSync(join(seeds, "acme.md"), Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    const r = live.reload();
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/acme\.md/);
    expect(live.current()).toBe(before);
    expect(answer("Who leads the Berlin office?", live.current()).answer).toBe("Maria Okafor");
    expect(logs.some((l) => /reload refused/.test(l))).toBe(true);
  });

  it("gives the articles' warnings the kind warning, at the first load and at a reload", () => {
    const seeds = tempDir({ ...FICTION, "broken.md": "" });
    const logged: [string, string | undefined][] = [];
    const live = new LiveDeps({
      seedsDir: seeds,
      intentsDir: INTENTS,
      log: (m, kind) => logged.push([m, kind]),
    });
    expect(logged.filter(([, k]) => k === "warning").map(([m]) => m)).toEqual([
      expect.stringMatching(/^warning: .*broken\.md/),
    ]);
    logged.length = 0;
    live.reload();
    expect(logged.filter(([, k]) => k === "warning").map(([m]) => m)).toEqual([
      expect.stringMatching(/^warning: .*broken\.md/),
    ]);
    // the reload itself is an event
    expect(logged.find(([m]) => m.startsWith("reloaded"))?.[1]).toBeUndefined();
  });

  it("keeps the last good intents when an intent file turns malformed, naming it", () => {
    const intents = intentsCopy();
    const live = new LiveDeps({ seedsDir: tempDir(FICTION), intentsDir: intents });
    const before = live.current();
    writeFileSync(join(intents, "offices.yml"), "id: offices\nexamples: not-a-map\n");
    const r = live.reload();
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/offices\.yml: field "description"|offices\.yml: field "examples"/);
    expect(live.current()).toBe(before);
  });

  it("keeps serving when the folder is emptied", () => {
    const seeds = tempDir({ "a.txt": FICTION["northwind.txt"] as string });
    const live = new LiveDeps({ seedsDir: seeds, intentsDir: INTENTS });
    writeFileSync(join(seeds, "a.txt"), "");
    expect(live.reload().ok).toBe(false);
    expect(answer("How much did Northwind raise?", live.current()).answer).toBe("$45 million");
  });

  it("reloads by itself when a file changes (watch)", async () => {
    const seeds = tempDir(FICTION);
    const live = new LiveDeps({ seedsDir: seeds, intentsDir: INTENTS, debounceMs: 50 });
    live.watch();
    try {
      writeFileSync(
        join(seeds, "oslo.txt"),
        "The Oslo office of Northwind is led by Ingrid Larsen, a former analyst at Globex.\n",
      );
      const end = Date.now() + 5000;
      while (!answer("Who leads the Oslo office?", live.current()).answered && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(answer("Who leads the Oslo office?", live.current()).answer).toBe("Ingrid Larsen");
    } finally {
      live.close();
    }
  });
});
