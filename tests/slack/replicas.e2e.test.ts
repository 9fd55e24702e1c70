import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, onReplicaPair } from "../helpers/app-process.js";
import { answersPer, type Delivery, deliver, inWindows, mentions, tally } from "../helpers/deliveries.js";
import { FakeSlack, waitUntil } from "../helpers/fake-slack.js";
import { LoadBalancer } from "../helpers/load-balancer.js";

const SECRET = "replicasecret0123456789abcdef";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Two `npm start` processes in HTTP mode sharing a real Redis, behind a round-robin load
 * balancer on loopback, against a fake Slack. Sized for about a minute and a half.
 */
describe("two replicas sharing Redis behind a load balancer", () => {
  const fake = new FakeSlack();
  const pair = onReplicaPair(fake, SECRET, { EVENT_LEASE_MS: "1500", LOG_LEVEL: "info" });
  let a: AppProcess;
  let b: AppProcess;
  let lb: LoadBalancer;

  beforeAll(async () => {
    ({ a, b } = pair());
    lb = new LoadBalancer([a.port, b.port]);
    await lb.start();
  });
  afterAll(async () => {
    await lb?.close();
  });

  it("answers each of 1,000 mentions exactly once, each also retried on the other replica", async () => {
    const ms = mentions(1000, 1);
    const before = fake.callsOf("chat.postMessage").length;
    const acks: number[] = [];
    let crossed = 0;
    await inWindows(ms, 50, async (m) => {
      const first = await deliver(lb.port, SECRET, m);
      const retry = await deliver(lb.port, SECRET, m, {
        retry: 1,
        headers: { "x-lb-avoid": String(first.backend) },
      });
      expect([first.status, retry.status]).toEqual([200, 200]);
      if (retry.backend !== first.backend) crossed++;
      acks.push(first.ms, retry.ms);
    });
    await waitUntil(() => fake.callsOf("chat.postMessage").length >= before + 1000, 90_000, "1,000 answers");
    await sleep(1000); // time for any second answer to show
    const t = tally(answersPer(fake, ms));
    acks.sort((x, y) => x - y);
    const p = (q: number) => acks[Math.min(acks.length - 1, Math.floor(q * acks.length))];
    console.info(
      `replicas: 2,000 deliveries (1,000 mentions + 1,000 retries, ${crossed} of them on the other replica), ${t.answered} answered, ${t.duplicates} duplicates, ${t.lost} lost; ack p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms`,
    );
    expect(crossed).toBe(1000);
    expect(t).toEqual({ answered: 1000, duplicates: 0, lost: 0 });
    expect(fake.callsOf("chat.postMessage").length).toBe(before + 1000);
  }, 150_000);

  it("kill -9 of one replica mid-burst: its acked events are answered once by the other, and the retries of the unacked ones once too", async () => {
    const ms = mentions(300, 2);
    const before = fake.callsOf("chat.postMessage").length;
    const deliveries: Delivery[] = new Array(ms.length);
    let killed = false;
    const ackedByA = () => deliveries.filter((d) => d?.status === 200 && d.backend === a.port).length;
    const burst = inWindows(ms, 40, async (m, i) => {
      deliveries[i] = await deliver(lb.port, SECRET, m);
      if (!killed && ackedByA() >= 60) {
        killed = true;
        a.child.kill("SIGKILL");
      }
    });
    await burst;
    expect(killed).toBe(true);
    expect(await a.exited).toBeNull();
    lb.remove(a.port); // the balancer's health check takes it out
    const acked = deliveries.filter((d) => d.status === 200);
    const unacked = ms.filter((_, i) => deliveries[i]?.status !== 200);
    // Slack retries what was not acked (here at once, not minutes later).
    const retries = await inWindows(unacked, 20, (m) => deliver(lb.port, SECRET, m, { retry: 1 }));
    expect(retries.every((r) => r.status === 200 && r.backend === b.port)).toBe(true);
    // Retries of the acked ones too (Slack retries an ack that came late): all on the survivor.
    const ackedMs = ms.filter((_, i) => deliveries[i]?.status === 200);
    const late = await inWindows(ackedMs, 20, (m) => deliver(lb.port, SECRET, m, { retry: 2 }));
    expect(late.every((r) => r.status === 200)).toBe(true);
    await waitUntil(
      () => answersPer(fake, ms).every((n) => n > 0),
      // Correctness, not speed: a loaded machine (the whole suite in parallel) takes longer to take over.
      60_000,
      "every one of the 300 answered",
    ).catch((err: Error) => {
      // What the survivor logged about the events still unanswered, to tell why.
      const missing = ms.filter((_, i) => answersPer(fake, ms)[i] === 0).map((m) => m.id);
      const said = b
        .output()
        .split("\n")
        .filter((l) => missing.some((id) => l.includes(`${id}:`) || l.includes(`${id} `)));
      throw new Error(
        `${err.message}: ${missing.length} not (${missing.join(", ")}); the survivor logged:\n${said.join("\n")}`,
      );
    });
    await sleep(2500); // more than a lease: any second takeover or post would show
    const t = tally(answersPer(fake, ms));
    const takenOver = (b.output().match(/taking it over/g) ?? []).length;
    const postedBefore = (b.output().match(/its answer was posted before the process stopped/g) ?? []).length;
    console.info(
      `kill -9 of a replica: 300 mentions, ${acked.length} acked (${ackedByA()} by the killed one), ${unacked.length} not acked and retried (the acked ones retried too); ${takenOver} taken over by the survivor (${postedBefore} of them found already posted); ${t.answered} answered, ${t.duplicates} duplicates, ${t.lost} lost`,
    );
    expect(t).toEqual({ answered: 300, duplicates: 0, lost: 0 });
    expect(fake.callsOf("chat.postMessage").length).toBe(before + 300);
  }, 120_000);
});
