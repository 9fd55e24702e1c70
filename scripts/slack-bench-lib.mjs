// What the Slack benchmarks share: their options, a free loopback port, percentiles, and a signed
// app_mention delivered to the app's POST /slack/events as Slack would send it.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

/** `--name value` from the command line, else `dflt`. */
export function option(name, dflt, argv = process.argv.slice(2)) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
}

/** A free TCP port on loopback. */
export async function freePort() {
  const srv = createServer();
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

/** The p-th percentile of ascending numbers. */
export const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Sends one app_mention event (`text` after the bot's mention, message `ts`, `eventId`) signed
 * with `secret`; resolves with the HTTP status and how long the ack took in ms.
 */
export async function postMention(port, secret, { text, ts, eventId }) {
  const body = JSON.stringify({
    token: "x",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: "app_mention", user: "U1", text: `<@UBOT> ${text}`, ts, channel: "C1", event_ts: ts },
  });
  const stamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${stamp}:${body}`).digest("hex")}`;
  const start = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-slack-request-timestamp": String(stamp),
      "x-slack-signature": signature,
    },
    body,
  });
  await res.text();
  return { status: res.status, ms: performance.now() - start };
}

/**
 * Starts the built app (`dist/bin/main.js` under `root`) in HTTP mode on `port` against the fake
 * Web API on `apiPort`, its state in `dir`; `output()` is everything it wrote so far.
 */
export function spawnApp(root, { nodeArgs = [], dir, port, apiPort, secret, env = {} }) {
  const app = spawn(process.execPath, [...nodeArgs, join(root, "dist/bin/main.js")], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: "xoxb-1-1-bench",
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
      PORT: String(port),
      DATA_DIR: join(dir, "data"),
      FEEDBACK_LOG: "off",
      SEEDS_DIR: join(root, "seeds"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const add = (d) => {
    output += d;
  };
  app.stdout.on("data", add);
  app.stderr.on("data", add);
  return { app, output: () => output };
}

/** The V8 flags the npm scripts put on node's command line (package.json's `start`). */
export function v8Flags(root) {
  return JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
    .scripts.start.split(/\s+/)
    .filter((w) => w.startsWith("--"));
}
