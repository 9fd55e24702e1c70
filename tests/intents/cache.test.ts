import { cpSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadIntentModel } from "../../src/intents/cache.js";
import { IntentFileError, loadIntents } from "../../src/intents/load.js";
import { buildIntentModel } from "../../src/intents/match.js";
import { loadLexicon } from "../../src/lexicon/load.js";
import { Analyzer } from "../../src/text/terms.js";
import { INTENTS, tempDir } from "../helpers/fixtures.js";

/** A copy of the project's intents folder (with its lexicon), to edit freely. */
function intentsCopy(): string {
  const dir = tempDir();
  cpSync(INTENTS, dir, { recursive: true });
  return dir;
}

const analyzerOf = (dir: string) => new Analyzer(loadLexicon(join(dir, "lexicon")));
const cacheFiles = (cacheDir: string) => readdirSync(cacheDir).filter((f) => f.startsWith("intents-"));

describe("the intent model cache", () => {
  it("gives the same model as building it, and is written once", () => {
    const dir = intentsCopy();
    const cacheDir = tempDir();
    const built = buildIntentModel(loadIntents(dir), analyzerOf(dir));
    const first = loadIntentModel(dir, analyzerOf(dir), cacheDir);
    expect(cacheFiles(cacheDir)).toHaveLength(1);
    const second = loadIntentModel(dir, analyzerOf(dir), cacheDir);
    expect(first).toEqual(built);
    expect(second).toEqual(built);
    // The example and the intent it belongs to are still the same objects after the round trip.
    expect(second.intents.indexOf(second.intents[3] as never)).toBe(3);
  });

  it("is rebuilt when an intent file changes, and a malformed one still stops the load", () => {
    const dir = intentsCopy();
    const cacheDir = tempDir();
    loadIntentModel(dir, analyzerOf(dir), cacheDir);
    const file = join(dir, "leadership.yml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^description:.*$/m, "description: ''"));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(() => loadIntentModel(dir, analyzerOf(dir), cacheDir)).toThrow(IntentFileError);
    expect(() => loadIntentModel(dir, analyzerOf(dir), cacheDir)).toThrow(/leadership\.yml.*description/);
  });

  it("sees a new example after an edit", () => {
    const dir = intentsCopy();
    const cacheDir = tempDir();
    const before = loadIntentModel(dir, analyzerOf(dir), cacheDir);
    const file = join(dir, "leadership.yml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(/^ {2}en:\n/m, "  en:\n    - Who captains the zeppelin crew?\n"),
    );
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const after = loadIntentModel(dir, analyzerOf(dir), cacheDir);
    expect(after.examples.length).toBe(before.examples.length + 1);
    expect(after.words.has("zeppelin")).toBe(true);
  });

  it("is rebuilt, never trusted, when its file is corrupt", () => {
    const dir = intentsCopy();
    const cacheDir = tempDir();
    const built = loadIntentModel(dir, analyzerOf(dir), cacheDir);
    const [file] = cacheFiles(cacheDir);
    writeFileSync(join(cacheDir, file as string), Buffer.from("not a cache at all"));
    expect(loadIntentModel(dir, analyzerOf(dir), cacheDir)).toEqual(built);
  });
});
