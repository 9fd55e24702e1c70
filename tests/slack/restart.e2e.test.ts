import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../helpers/app-process.js";
import { answersPer, type Delivery, deliver, inWindows, mentions, tally } from "../helpers/deliveries.js";
import { FakeSlack, waitUntil } from "../helpers/fake-slack.js";
import { tempDir } from "../helpers/fixtures.js";
import { freePort } from "../helpers/redis.js";

const SECRET = "restartsecret0123456789abcdef";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One `npm start` process in HTTP mode with the file store (DATA_DIR), stopped by SIGTERM or
 * killed with SIGKILL in the middle of a burst, then started again on the same folder.
 */
describe("one process with the file store: SIGTERM and kill -9 mid-burst, then a restart", () => {
  const fake = new FakeSlack();
  const running: AppProcess[] = [];
  const start = async (dataDir: string, env: Record<string, string> = {}) => {
    const p = await startAppProcess({
      apiUrl: fake.apiUrl,
      secret: SECRET,
      env: { DATA_DIR: dataDir, ...env },
    });
    running.push(p);
    return p;
  };
  beforeAll(() => fake.start());
  afterAll(async () => {
    for (const p of running)
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await fake.close();
  });

  it("stops at start, naming REDIS_URL (not its value), when Redis cannot be reached, and DATA_DIR when another live process holds it", async () => {
    const port = await freePort();
    const err = await startAppProcess({
      apiUrl: fake.apiUrl,
      secret: SECRET,
      env: { REDIS_URL: `redis://:pa55word@127.0.0.1:${port}` },
    }).catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/error: could not connect to Redis at REDIS_URL \(ECONNREFUSED\)/);
    expect(String(err)).not.toMatch(/pa55word|listening/);
    const dataDir = tempDir();
    await start(dataDir);
    const second = await startAppProcess({
      apiUrl: fake.apiUrl,
      secret: SECRET,
      env: { DATA_DIR: dataDir },
    }).catch((e: unknown) => e as Error);
    expect(String(second)).toMatch(/DATA_DIR is used by another running process \(pid \d+\).*set REDIS_URL/);
    expect(String(second)).not.toContain(dataDir);
  }, 60_000);

  it("SIGTERM with 300 in flight: every acked event is answered before it exits 0; the rest, retried after a restart, once", async () => {
    const dataDir = tempDir();
    const first = await start(dataDir, { SHUTDOWN_GRACE_MS: "20000" });
    const ms = mentions(300, 3);
    const deliveries: Delivery[] = new Array(ms.length);
    let signalled = false;
    let answeredAtSignal = 0;
    await inWindows(ms, 300, async (m, i) => {
      deliveries[i] = await deliver(first.port, SECRET, m);
      if (!signalled && deliveries[i]?.status === 200) {
        signalled = true;
        await sleep(200);
        answeredAtSignal = tally(answersPer(fake, ms)).answered;
        first.child.kill("SIGTERM");
      }
    });
    // A delivery once it is stopping is not acked: Slack will retry it.
    await waitUntil(() => /SIGTERM: stopping/.test(first.output()), 5000, "the signal to be handled");
    const late = mentions(1, 5)[0] as (typeof ms)[number];
    const lateDelivery = await deliver(first.port, SECRET, late);
    expect(await first.exited).toBe(0);
    expect(lateDelivery.status).not.toBe(200);
    ms.push(late);
    deliveries.push(lateDelivery);
    const ackedIdx = ms.map((_, i) => i).filter((i) => deliveries[i]?.status === 200);
    const answersAtExit = answersPer(fake, ms);
    const ackedLost = ackedIdx.filter((i) => answersAtExit[i] === 0).length;
    expect(first.output()).toMatch(/SIGTERM: stopping; finishing the \d+ event\(s\) in hand/);
    expect(first.output()).toMatch(/SIGTERM: every acked event finished; exiting/);
    // The process that comes back gets Slack's retries of what was not acked.
    const second = await start(dataDir);
    const unacked = ms.filter((_, i) => deliveries[i]?.status !== 200);
    const retries = await inWindows(unacked, 50, (m) => deliver(second.port, SECRET, m, { retry: 1 }));
    expect(retries.every((r) => r.status === 200)).toBe(true);
    // A restart between a delivery and its retry: retries of the acked (and answered) ones too.
    const lateRetries = await inWindows(
      ms.filter((_, i) => deliveries[i]?.status === 200),
      50,
      (m) => deliver(second.port, SECRET, m, { retry: 2 }),
    );
    expect(lateRetries.every((r) => r.status === 200)).toBe(true);
    await waitUntil(() => answersPer(fake, ms).every((n) => n > 0), 30_000, "every mention answered");
    await sleep(500);
    const t = tally(answersPer(fake, ms));
    const refused = deliveries.filter((d) => d.status === 503).length;
    console.info(
      `SIGTERM: 300 mentions and 1 after the signal (HTTP ${lateDelivery.status}), ${ackedIdx.length} acked (${answeredAtSignal} answered when the signal came), ${refused} refused with 503, ${ms.length - ackedIdx.length - refused} refused otherwise; exit code 0; acked and lost: ${ackedLost}; after a restart and the retries (of the ${unacked.length} not acked, and again of the ${lateRetries.length} acked): ${t.answered} answered, ${t.duplicates} duplicates, ${t.lost} lost`,
    );
    expect(ackedIdx.length).toBeGreaterThan(answeredAtSignal); // there were events in flight
    expect(ackedLost).toBe(0);
    expect(ackedIdx.every((i) => answersAtExit[i] === 1)).toBe(true);
    expect(t).toEqual({ answered: 301, duplicates: 0, lost: 0 });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }, 90_000);

  it("SIGTERM while Slack is slow: the events not finished within SHUTDOWN_GRACE_MS are logged by id, it exits 0, and the next start posts none of them twice", async () => {
    const dataDir = tempDir();
    const first = await start(dataDir, { SHUTDOWN_GRACE_MS: "1000" });
    const ms = mentions(5, 6);
    const before = fake.callsOf("chat.postMessage").length;
    // Slack takes 5 s to answer each post (it has posted the message by then).
    fake.slowDown("chat.postMessage", 5000);
    try {
      for (const m of ms) expect((await deliver(first.port, SECRET, m)).status).toBe(200);
      await waitUntil(() => fake.callsOf("chat.postMessage").length === before + 5, 10_000, "the 5 posts");
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
    } finally {
      fake.slowDown("chat.postMessage", 0);
    }
    for (const m of ms)
      expect(first.output()).toContain(
        `event ${m.id} was not finished within SHUTDOWN_GRACE_MS: left in the journal, to be taken over`,
      );
    expect(first.output()).toMatch(/SIGTERM: 5 event\(s\) left in the journal; exiting/);
    const second = await start(dataDir);
    await waitUntil(
      () => (second.output().match(/its answer was posted before the process stopped/g) ?? []).length === 5,
      10_000,
      "the 5 takeovers to find their answers posted",
    );
    await sleep(500);
    const t = tally(answersPer(fake, ms));
    console.info(
      `SIGTERM with a slow Slack: 5 acked, 5 left unfinished after the 1 s grace and logged by id; at the restart 5 taken over, 5 found already posted; ${t.answered} answered, ${t.duplicates} duplicates, ${t.lost} lost`,
    );
    expect(t).toEqual({ answered: 5, duplicates: 0, lost: 0 });
  }, 60_000);

  it("kill -9 mid-burst, then a restart: its acked events are answered once (taken over), the retries of the others once", async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const ms = mentions(300, 4);
    const deliveries: Delivery[] = new Array(ms.length);
    let killed = false;
    let answeredAtKill = 0;
    // The kill comes once 40 answers are out, while deliveries and answers are still going on.
    const killer = waitUntil(() => tally(answersPer(fake, ms)).answered >= 40, 30_000, "40 answers").then(
      () => {
        killed = true;
        answeredAtKill = tally(answersPer(fake, ms)).answered;
        first.child.kill("SIGKILL");
      },
    );
    await inWindows(ms, 10, async (m, i) => {
      deliveries[i] = await deliver(first.port, SECRET, m);
    });
    await killer;
    expect(killed).toBe(true);
    expect(await first.exited).toBeNull();
    const acked = deliveries.filter((d) => d.status === 200).length;
    const second = await start(dataDir);
    const unacked = ms.filter((_, i) => deliveries[i]?.status !== 200);
    const retries = await inWindows(unacked, 50, (m) => deliver(second.port, SECRET, m, { retry: 1 }));
    expect(retries.every((r) => r.status === 200)).toBe(true);
    await waitUntil(() => answersPer(fake, ms).every((n) => n > 0), 30_000, "every mention answered");
    await sleep(1000);
    const t = tally(answersPer(fake, ms));
    const takenOver = (second.output().match(/taking it over/g) ?? []).length;
    const postedBefore = (second.output().match(/its answer was posted before the process stopped/g) ?? [])
      .length;
    console.info(
      `kill -9 with the file store: 300 mentions, ${acked} acked (${answeredAtKill} answered at the kill), ${unacked.length} not acked and retried after the restart; ${takenOver} taken over at the restart (${postedBefore} found already posted); ${t.answered} answered, ${t.duplicates} duplicates, ${t.lost} lost`,
    );
    expect(takenOver).toBeGreaterThan(0);
    expect(t).toEqual({ answered: 300, duplicates: 0, lost: 0 });
  }, 90_000);
});
