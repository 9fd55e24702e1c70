import { describe, expect, it } from "vitest";
import { type AppProcess, onOneFolder } from "../helpers/app-process.js";
import { deliverEvent } from "../helpers/deliveries.js";
import { FakeSlack, mentionEvent, threadReplyEvent, waitUntil } from "../helpers/fake-slack.js";

const SECRET = "whytakeoversecret0123456789abc";

/**
 * "why?" acked by a process that dies while Slack has not taken its private reply (the call
 * hangs), taken over at the next start on the same folder: the reply is sent, once.
 */
describe('a "why?" taken over', () => {
  const fake = new FakeSlack();
  const folder = onOneFolder(fake, SECRET);
  const send = async (p: AppProcess, event: Record<string, unknown>, id: string) =>
    expect((await deliverEvent(p.port, SECRET, event, id)).status).toBe(200);
  /** The private replies Slack took (answered) in the thread. */
  const replies = (thread: string) =>
    fake.callsOf("chat.postEphemeral").filter((c) => c.body.thread_ts === thread && c.response);

  it("is answered by the process that takes it over when the stopped one had not sent it", async () => {
    const first = await folder.start();
    const question = mentionEvent("who leads the Tokyo office?");
    await send(first, question, "EvWhyQ");
    await waitUntil(
      () => fake.callsOf("reactions.remove").some((c) => c.body.timestamp === question.ts),
      15_000,
      "the answer",
    );
    // Slack does not answer the private reply: the process is killed while it waits.
    fake.failNext("chat.postEphemeral", { status: 0 });
    const calls = fake.callsOf("chat.postEphemeral").length;
    await send(first, threadReplyEvent("why?", question.ts), "EvWhy");
    await waitUntil(() => fake.callsOf("chat.postEphemeral").length > calls, 15_000, "the private reply");
    expect(replies(question.ts)).toHaveLength(0);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();

    const second = await folder.start();
    await waitUntil(() => replies(question.ts).length > 0, 15_000, "the private reply after the takeover");
    await new Promise((r) => setTimeout(r, 500)); // time for a second one to show
    const sent = replies(question.ts);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toMatchObject({ channel: "C1", user: "U1" });
    expect(JSON.stringify(sent[0]?.body.blocks)).toContain("who leads the Tokyo office?");
    const out = second.output();
    expect(out).toContain("event EvWhy: taking it over");
    expect(out).toContain(
      "event EvWhy: the stopped process had not recorded its private reply as sent (Slack cannot be asked); sending it",
    );
  }, 60_000);
});
