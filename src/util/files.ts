import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Writes a file atomically (a temporary file beside it, then a rename: a reader never sees half
 * a file), making its folder; false when it cannot (a read-only checkout), never throws.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // no folder to write in: nothing was written
    }
    return false;
  }
}

/**
 * The value of `key` in a table of sorted "key\tvalue" lines joined by "\n" (JavaScript string
 * order), by a binary search over the text itself; undefined when the key is absent or the text
 * is not such a table.
 */
export function sortedLineValue(table: string, key: string): string | undefined {
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === lo ? lo : table.lastIndexOf("\n", mid - 1) + 1;
    let end = table.indexOf("\n", start);
    if (end < 0) end = table.length;
    const tab = table.indexOf("\t", start);
    if (tab < 0 || tab > end) return undefined; // not a table: corrupt
    const k = table.slice(start, tab);
    if (k === key) return table.slice(tab + 1, end);
    if (key < k) hi = start;
    else lo = end + 1;
  }
  return undefined;
}
