import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { onOneFolder } from "../helpers/app-process.js";
import { answersPer, deliver, mentions } from "../helpers/deliveries.js";
import { FakeSlack, waitUntil } from "../helpers/fake-slack.js";

const SECRET = "diskfailuresecret0123456789abc";

/**
 * Sets the file size limit of a running process (RLIMIT_FSIZE, as a quota would): a write past
 * it is refused by the kernel (EFBIG), a write across it is cut short there. The soft limit only,
 * which the same user may raise again. Needs prlimit
 * (util-linux).
 */
function limitFileSize(pid: number, bytes: number | "unlimited"): void {
  const run = spawnSync("prlimit", ["--pid", String(pid), `--fsize=${bytes}:unlimited`], {
    encoding: "utf8",
  });
  if (run.error || run.status !== 0)
    throw new Error(
      `prlimit failed (${run.error?.message ?? run.stderr}): this test needs util-linux's prlimit (Debian/Ubuntu: apt-get install util-linux)`,
    );
  const limits = readFileSync(`/proc/${pid}/limits`, "utf8");
  const line = limits.split("\n").find((l) => l.startsWith("Max file size")) ?? "";
  expect(line).toContain(String(bytes));
}

/**
 * The file store's disk refusing writes under a running process (a real OS-level failure: the
 * kernel's file size limit, EFBIG, with a write cut short midway as on a disk that fills up),
 * then accepting them again.
 */
describe("the file store's log cannot be written", () => {
  const fake = new FakeSlack();
  const folder = onOneFolder(fake, SECRET);
  const { dataDir } = folder;
  const log = join(dataDir, "state.log");

  it("refuses the events it cannot record (HTTP 500, logged naming the file), keeps running, and takes Slack's retry once the disk works again", async () => {
    const first = await folder.start();
    const pid = first.child.pid as number;
    const [ok, refused, later] = mentions(3, 71) as [
      ReturnType<typeof mentions>[number],
      ReturnType<typeof mentions>[number],
      ReturnType<typeof mentions>[number],
    ];
    expect((await deliver(first.port, SECRET, ok)).status).toBe(200);
    await waitUntil(() => answersPer(fake, [ok])[0] === 1, 15_000, "the first answer");
    await new Promise((r) => setTimeout(r, 300)); // its finish written
    // The log may grow by 20 bytes more: the next line is cut short there.
    limitFileSize(pid, statSync(log).size + 20);
    const delivery = await deliver(first.port, SECRET, refused);
    expect(delivery.status).toBe(500);
    await waitUntil(
      () => /not acknowledged, Slack will retry it/.test(first.output() ?? ""),
      5000,
      "the log",
    );
    const out = first.output();
    expect(out).toMatch(
      /state store: writing DATA_DIR\/state\.log failed \(EFBIG: file too large\): changes are refused/,
    );
    expect(out).toContain(
      `event ${refused.id}: recording it in the state store failed (writing DATA_DIR/state.log failed (EFBIG: file too large)); not acknowledged, Slack will retry it`,
    );
    // The failure names DATA_DIR's file, never its path (the start-up line says where DATA_DIR is) nor a token.
    const afterStart = out.slice(out.indexOf("listening for Slack"));
    expect(afterStart).not.toContain(dataDir);
    expect(out).not.toContain("xoxb-");
    // Refused again while the disk refuses; the process is alive and answers /healthz.
    expect((await deliver(first.port, SECRET, refused, { retry: 1 })).status).toBe(500);
    expect(first.child.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).status).toBe(200);
    expect(answersPer(fake, [refused])).toEqual([0]);

    // The disk works again: Slack's next retry is recorded, acked and answered, once.
    limitFileSize(pid, "unlimited");
    expect((await deliver(first.port, SECRET, refused, { retry: 2 })).status).toBe(200);
    expect((await deliver(first.port, SECRET, later)).status).toBe(200);
    await waitUntil(() => answersPer(fake, [refused, later]).every((n) => n === 1), 15_000, "the answers");
    expect(first.output()).toContain("state store: DATA_DIR/state.log is written again");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    // What was recorded after the failure is read back at the next start (the cut line alone is lost).
    const second = await folder.start();
    expect(second.output()).toMatch(/state store: 1 damaged line\(s\) of state\.log skipped/);
    for (const m of [ok, refused, later])
      expect((await deliver(second.port, SECRET, m, { retry: 3 })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(answersPer(fake, [ok, refused, later])).toEqual([1, 1, 1]);
  }, 90_000);
});
