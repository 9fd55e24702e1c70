import { describe, expect, it } from "vitest";
import { onReplicaPair } from "../helpers/app-process.js";
import { deliverEvent } from "../helpers/deliveries.js";
import { assistantMessageEvent, FakeSlack, waitUntil } from "../helpers/fake-slack.js";

const SECRET = "stallsecret0123456789abcdef012";

/**
 * A replica held up (SIGSTOP: a real stall, no timer runs) past EVENT_LEASE_MS while it handles
 * an event, taken over by the other, then let go on (SIGCONT) before the other has posted: it
 * posts nothing and leaves the event to the other, which answers it once.
 */
describe("a replica stalled past its lease", () => {
  const fake = new FakeSlack();
  const pair = onReplicaPair(fake, SECRET, { EVENT_LEASE_MS: "1000", LOG_LEVEL: "info" });

  it("posts nothing once it lost the event: the replica that took it over answers, once", async () => {
    const { a, b } = pair();
    const thread = "1700300000.000100";
    const titles = () =>
      fake.callsOf("assistant.threads.setTitle").filter((c) => c.body.thread_ts === thread).length;
    const answers = () => fake.callsOf("chat.postMessage").filter((c) => c.body.thread_ts === thread).length;
    // Before it answers, each replica titles the new thread: Slack takes 3 s to answer that.
    fake.slowDown("assistant.threads.setTitle", 3000);
    try {
      expect(
        (
          await deliverEvent(
            a.port,
            SECRET,
            assistantMessageEvent("who leads the Tokyo office?", thread),
            "EvStall",
          )
        ).status,
      ).toBe(200);
      await waitUntil(() => titles() === 1, 10_000, "A at work on it");
      a.child.kill("SIGSTOP");
      // A's lease lapses; B takes the event over and is at work on it too.
      await waitUntil(() => titles() === 2, 15_000, "B to take it over");
      a.child.kill("SIGCONT");
      await waitUntil(() => answers() > 0, 20_000, "the answer");
      await waitUntil(
        () => /event EvStall: taken over by another process while this one was held up/.test(a.output()),
        10_000,
        "A to stand down",
      );
      await new Promise((r) => setTimeout(r, 1500)); // time for a second answer to show
    } finally {
      fake.slowDown("assistant.threads.setTitle", 0);
      a.child.kill("SIGCONT");
    }
    expect(answers()).toBe(1);
    expect(b.output()).toContain("event EvStall: taking it over");
    expect(a.output()).toContain(
      "event EvStall: taken over by another process while this one was held up (past EVENT_LEASE_MS); leaving its answer to that one",
    );
    expect(a.output()).toContain(
      "event EvStall: taken over by another process meanwhile; left for it to finish",
    );
  }, 60_000);
});
