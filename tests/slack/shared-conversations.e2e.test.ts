import { beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, onOneFolder, onReplicaPair } from "../helpers/app-process.js";
import { deliverEvent } from "../helpers/deliveries.js";
import { editEvent, FakeSlack, mentionEvent, threadReplyEvent, waitUntil } from "../helpers/fake-slack.js";

const SECRET = "conversationsecret0123456789ab";

/** Delivers one event to one process (as Slack would, signed); expects it acked. */
async function send(p: AppProcess, event: Record<string, unknown>): Promise<void> {
  expect((await deliverEvent(p.port, SECRET, event)).status).toBe(200);
}

/**
 * A conversation begun with one process and carried on with another (a replica, or the same
 * folder after a restart): the thread is recognised, its names carried, "why?" explains the
 * other process's answer, and an edit updates the other process's answer.
 */
function conversationAcross(
  fake: FakeSlack,
  first: () => AppProcess,
  second: () => AppProcess,
  /** Runs once the first process has answered (the restart). */
  between: () => Promise<void> = async () => undefined,
) {
  const posts = () => fake.callsOf("chat.postMessage");
  /** The bot is done with a channel message once it takes its :eyes: off (after posting and remembering). */
  const done = (ts: unknown, what: string) =>
    waitUntil(
      () => fake.callsOf("reactions.remove").some((c) => c.body.timestamp === ts),
      15_000,
      `${what} to be done`,
    );
  return async () => {
    // Asked of the first process.
    const question = mentionEvent("who leads the Tokyo office?");
    const before = posts().length;
    await send(first(), question);
    await waitUntil(() => posts().length > before, 15_000, "the answer to the mention");
    const answer = posts()[before];
    expect(answer?.body.thread_ts).toBe(question.ts);
    const answerTs = String(answer?.response?.ts);
    await done(question.ts, "the mention");
    await between();

    // A reply in its thread, without a mention, reaches the second: answered there.
    const followUp = threadReplyEvent("when did it open?", question.ts);
    const beforeFollowUp = posts().length;
    await send(second(), followUp);
    await waitUntil(() => posts().length > beforeFollowUp, 15_000, "the answer to the thread reply");
    expect(posts().slice(beforeFollowUp)).toHaveLength(1);
    expect(posts()[beforeFollowUp]?.body).toMatchObject({ channel: "C1", thread_ts: question.ts });
    await done(followUp.ts, "the thread reply");

    // "why?" reaching the first (after a restart: the one process) explains the second's answer: the follow-up, read with Tokyo.
    const ephemerals = fake.callsOf("chat.postEphemeral").length;
    await send(first(), threadReplyEvent("why?", question.ts));
    await waitUntil(() => fake.callsOf("chat.postEphemeral").length > ephemerals, 15_000, "the explanation");
    const why = fake.callsOf("chat.postEphemeral")[ephemerals]?.body;
    expect(why).toMatchObject({ channel: "C1", user: "U1", thread_ts: question.ts });
    const text = JSON.stringify(why?.blocks);
    expect(text).toContain("when did it open?");
    expect(text).toMatch(/read it with \*Tokyo\* from the earlier question/);

    // The question edited, delivered to the second: the first's answer is updated in place.
    const updates = fake.callsOf("chat.update").length;
    await send(
      second(),
      editEvent(question.ts, "<@UBOT> who leads the Berlin office?", String(question.text)),
    );
    await waitUntil(() => fake.callsOf("chat.update").length > updates, 15_000, "the update");
    const update = fake.callsOf("chat.update")[updates]?.body;
    expect(update).toMatchObject({ channel: "C1", ts: answerTs });
    expect(JSON.stringify(update?.blocks)).not.toEqual(JSON.stringify(answer?.body.blocks));
  };
}

describe("conversations shared by two replicas through Redis", () => {
  const fake = new FakeSlack();
  const pair = onReplicaPair(fake, SECRET, { LOG_LEVEL: "info" });

  it(
    "a thread answered by A is carried on by B: the reply answered in the thread with its names, why? and an edit too",
    conversationAcross(
      fake,
      () => pair().a,
      () => pair().b,
    ),
    60_000,
  );
});

describe("conversations kept by the file store across a restart", () => {
  const fake = new FakeSlack();
  const folder = onOneFolder(fake, SECRET);
  let first: AppProcess | undefined;
  let second: AppProcess | undefined;
  beforeAll(async () => {
    first = await folder.start();
  }, 60_000);

  it(
    "a thread answered before a restart is carried on after it: the reply answered with its names, why? and an edit too",
    conversationAcross(
      fake,
      () => (second ?? first) as AppProcess,
      () => second as AppProcess,
      async () => {
        first?.child.kill("SIGTERM");
        expect(await first?.exited).toBe(0);
        second = await folder.start();
      },
    ),
    90_000,
  );
});
