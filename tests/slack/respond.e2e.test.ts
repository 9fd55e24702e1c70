import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToResponseUrl } from "../../src/slack/respond.js";
import { waitUntil } from "../helpers/fake-slack.js";
import { startSlack, type TestSlack } from "../helpers/slack-app.js";

describe("response_url calls are retried on 429 and 5xx (HTTP, against the fake Slack)", () => {
  let t: TestSlack;
  beforeAll(async () => {
    t = await startSlack({ mode: "http" });
  });
  afterAll(() => t.close());

  const tries = (id: string) => t.fake.responses.filter((r) => r.method.endsWith(`/${id}`));

  it("answers the slash command after a 429 (honouring Retry-After) and a 503", async () => {
    t.fake.failNext(
      "response_url",
      { status: 429, headers: { "retry-after": "1" }, body: "rate_limited" },
      { status: 503, body: "unavailable" },
    );
    await t.command("who leads the Tokyo office?", "retried");
    await waitUntil(() => tries("retried").length === 3, 5000, "three tries");
    const [first, second, third] = tries("retried");
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
    expect(JSON.stringify(third?.body.blocks)).toContain("Kenji Sato");
  });

  it("gives up after its retries, logs it with the status, and goes on serving", async () => {
    const failures = Array.from({ length: 4 }, () => ({ status: 500, body: "boom" }));
    t.fake.failNext("response_url", ...failures);
    await t.command("who leads the Tokyo office?", "lost").catch(() => undefined);
    await waitUntil(() => tries("lost").length === 4, 5000, "four tries");
    await waitUntil(
      () =>
        t.capture.lines.some((l) =>
          /responding to \/openai-facts failed: .*after 4 tries \(last: HTTP 500\)/.test(l),
        ),
      5000,
      "the failure logged",
    );
    await t.command("who leads the Berlin office?", "after");
  });

  it("does not retry another 4xx", async () => {
    t.fake.failNext("response_url", { status: 404, body: "expired_url" });
    await expect(
      postToResponseUrl(t.fake.responseUrl("gone"), { text: "x" }, { baseDelayMs: 10 }),
    ).rejects.toThrow(/HTTP 404/);
    expect(tries("gone")).toHaveLength(1);
  });
});
