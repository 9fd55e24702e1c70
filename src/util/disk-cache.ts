import { createHash } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { threadId } from "node:worker_threads";

/**
 * The folder of the running code: dist/ (compiled, or bundled into dist/bin/) or src/ (tests).
 * Every file under it is part of the code fingerprint.
 */
const CODE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

let fingerprint: string | undefined;

/**
 * A fingerprint of the code (every file's path, size and modification time under the code
 * folder): a new build makes every cache written by the old one stale.
 */
export function codeFingerprint(): string {
  if (fingerprint === undefined) {
    const hash = createHash("sha256");
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.isFile() && !e.name.endsWith(".map")) {
          const st = statSync(path);
          hash.update(`${path}\t${st.size}\t${st.mtimeMs}\n`);
        }
      }
    };
    walk(CODE_ROOT);
    fingerprint = hash.digest("hex");
  }
  return fingerprint;
}

/**
 * The cache key of data read from folders: a format number, the code fingerprint, the
 * contents of small data folders (`contents`, e.g. the lexicon), the name, size and
 * modification time of every file of the others (`stats`, e.g. the articles) and the version
 * keys of data read from elsewhere (`versions`, e.g. the place table of the data packages).
 * Any change gives another key.
 */
export function cacheKey(
  format: number,
  folders: { contents?: string[]; stats: string[]; versions?: string[] },
): string {
  const hash = createHash("sha256").update(`${format}\n${codeFingerprint()}\n`);
  for (const version of folders.versions ?? []) hash.update(`${version}\n`);
  for (const dir of folders.contents ?? []) {
    for (const f of readdirSync(dir).sort()) hash.update(readFileSync(join(dir, f)));
  }
  for (const dir of folders.stats) {
    hash.update(`${resolve(dir)}\n`);
    for (const name of readdirSync(dir).sort()) {
      try {
        const st = statSync(join(dir, name));
        hash.update(`${name}\t${st.size}\t${st.mtimeMs}\n`);
      } catch {
        hash.update(`${name}\tunreadable\n`);
      }
    }
  }
  return hash.digest("hex").slice(0, 32);
}

/** The cache file of one folder: `<prefix>-<hash of its path>.bin` in the cache folder. */
export function cacheFileFor(cacheDir: string, prefix: string, dir: string): string {
  const id = createHash("sha256").update(resolve(dir)).digest("hex").slice(0, 16);
  return join(cacheDir, `${prefix}-${id}.bin`);
}

/** What a cache file holds around its value. */
interface Envelope<T> {
  format: number;
  key: string;
  value: T;
}

/**
 * Reads a cached value; undefined when the file is missing, unreadable, corrupt, or written
 * for another format or key. A cache is never trusted beyond that: callers rebuild.
 */
export function readCache<T>(file: string, format: number, key: string): T | undefined {
  try {
    const stored = deserialize(readFileSync(file)) as Envelope<T>;
    return stored?.format === format && stored.key === key ? stored.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file atomically (a reader never sees half a file); best effort, never throws.
 * The file is written aside under a name of this process and thread, so threads writing the
 * same cache at once (ask --jsonl's) never write into one another's file.
 */
export function writeCache<T>(file: string, format: number, key: string, value: T): boolean {
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, serialize({ format, key, value } satisfies Envelope<T>));
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing written
    }
    return false;
  }
}
