import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../helpers/app-process.js";
import { answersPer, deliver, mentions, tally } from "../helpers/deliveries.js";
import { FakeSlack, waitUntil } from "../helpers/fake-slack.js";
import { tempDir } from "../helpers/fixtures.js";

const SECRET = "burstsecret0123456789abcdef0123";

/**
 * 2,000 mentions, 100 at a time, to one `npm start` process: every one acknowledged and answered
 * exactly once. How fast the acks come is measured by `npm run bench:acks` (BENCHMARKS.md), not
 * here: a timing asserted inside a loaded test run says more about the test run than the bot.
 */
describe("a burst of 2,000 mentions, 100 at a time", () => {
  const fake = new FakeSlack();
  let app: AppProcess;
  beforeAll(async () => {
    await fake.start();
    app = await startAppProcess({ apiUrl: fake.apiUrl, secret: SECRET, env: { DATA_DIR: tempDir() } });
  }, 60_000);
  afterAll(async () => {
    if (app && app.child.exitCode === null) app.child.kill("SIGKILL");
    await fake.close();
  });

  it("acknowledges every one with 200 and answers each exactly once", async () => {
    const ms = mentions(2000, 7);
    const acks = [];
    for (let i = 0; i < ms.length; i += 100)
      acks.push(...(await Promise.all(ms.slice(i, i + 100).map((m) => deliver(app.port, SECRET, m)))));
    expect(acks.filter((d) => d.status !== 200)).toEqual([]);
    await waitUntil(() => tally(answersPer(fake, ms)).answered === ms.length, 90_000, "every answer");
    await new Promise((r) => setTimeout(r, 300));
    expect(tally(answersPer(fake, ms))).toEqual({ answered: 2000, duplicates: 0, lost: 0 });
    const sorted = acks.map((d) => d.ms).sort((a, b) => a - b);
    console.log(
      `burst: ack p50 ${sorted[1000]} ms, p99 ${sorted[1980]} ms, max ${sorted[1999]} ms (in a loaded test run)`,
    );
  }, 150_000);
});
