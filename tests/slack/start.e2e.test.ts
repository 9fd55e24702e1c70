import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { V8_FLAGS } from "../../src/util/v8-tuning.js";
import { eventEnvelope, FakeSlack, mentionEvent, postSigned, waitUntil } from "../helpers/fake-slack.js";
import { ROOT, tempDir } from "../helpers/fixtures.js";

const SECRET = "0123456789abcdef0123456789abcdef";

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("npm start in HTTP mode (the built main, as a process)", () => {
  const fake = new FakeSlack();
  beforeAll(() => fake.start());
  afterAll(() => fake.close());

  it("serves signed events, then stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [...V8_FLAGS, join(ROOT, "dist/bin/main.js")], {
      cwd: tempDir(),
      env: {
        PATH: process.env.PATH,
        SEEDS_DIR: join(ROOT, "seeds"),
        DATA_DIR: tempDir(),
        SLACK_BOT_TOKEN: "xoxb-9-9-ProcessToken",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
      },
    });
    let output = "";
    // The logger writes info to stdout and errors to stderr: read both.
    child.stderr.on("data", (d) => {
      output += d;
    });
    child.stdout.on("data", (d) => {
      output += d;
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await waitUntil(() => /listening for Slack on port/.test(output), 15_000, "the server to listen");
    const res = await postSigned(
      port,
      SECRET,
      JSON.stringify(eventEnvelope(mentionEvent("who leads Tokyo?"))),
    );
    expect(res.status).toBe(200);
    await waitUntil(() => fake.callsOf("chat.postMessage").length > 0, 5000, "the answer");
    // Answered by the answering worker, from the articles.
    expect(output).toMatch(/answering worker ready: 5 articles/);
    expect(JSON.stringify(fake.callsOf("chat.postMessage")[0]?.body)).toMatch(/Nagasaki/);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/SIGTERM: stopping/);
    expect(output).not.toContain("ProcessToken");
  });
});
