import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { V8_FLAGS } from "../../src/util/v8-tuning.js";
import { type FakeSlack, waitUntil } from "./fake-slack.js";
import { ROOT, tempDir } from "./fixtures.js";
import { freePort, startRedis, type TestRedis } from "./redis.js";

/** `npm start` (the built dist/bin/main.js) as a child process in HTTP mode. */
export interface AppProcess {
  port: number;
  child: ChildProcess;
  /** Everything it wrote (stdout and stderr). */
  output(): string;
  /** Its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Options of startAppProcess. */
export interface AppProcessOptions {
  apiUrl: string;
  secret: string;
  /** More settings: DATA_DIR, REDIS_URL, EVENT_LEASE_MS, SHUTDOWN_GRACE_MS, ... */
  env?: Record<string, string>;
  port?: number;
}

/** Starts the app and resolves once it listens. */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  // As `npm start` runs it: the V8 flags on node's command line.
  const child = spawn(process.execPath, [...V8_FLAGS, join(ROOT, "dist/bin/main.js")], {
    cwd: tempDir(),
    env: {
      PATH: process.env.PATH,
      SEEDS_DIR: join(ROOT, "seeds"),
      SLACK_BOT_TOKEN: "xoxb-9-9-ReplicaToken",
      SLACK_SIGNING_SECRET: options.secret,
      SLACK_API_URL: options.apiUrl,
      PORT: String(port),
      METRICS_LOG_INTERVAL_MS: "off",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  let ended = "";
  const exited = new Promise<number | null>((r) =>
    child.once("exit", (code, signal) => {
      ended = signal ? `killed by ${signal}` : `exit code ${code}`;
      r(code);
    }),
  );
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  await waitUntil(() => /listening for Slack on port/.test(output) || gone, 30_000, "the app to listen");
  if (gone) throw new Error(`the app exited at start (${ended}):\n${output}`);
  return { port, child, output: () => output, exited };
}

/** Two replicas sharing a real Redis (each with a DATA_DIR of its own). */
export interface ReplicaPair {
  redis: TestRedis;
  a: AppProcess;
  b: AppProcess;
  /** Kills the replicas still running, then Redis. */
  stop(): Promise<void>;
}

/** Starts Redis and two replicas on it at once, with the same other settings. */
export async function startReplicaPair(options: AppProcessOptions): Promise<ReplicaPair> {
  const redis = await startRedis();
  const start = () =>
    startAppProcess({ ...options, env: { ...options.env, REDIS_URL: redis.url, DATA_DIR: tempDir() } });
  const [a, b] = await Promise.all([start(), start()]);
  return {
    redis,
    a,
    b,
    async stop() {
      killAll([a, b]);
      await redis.stop();
    },
  };
}

/** Kills (SIGKILL) the processes that are still running. */
export function killAll(processes: (AppProcess | undefined)[]): void {
  for (const p of processes)
    if (p && p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
}

/** Processes started one after another on one DATA_DIR (restarts), against a fake Slack. */
export interface OneFolder {
  dataDir: string;
  /** Starts a process on the folder (HTTP mode), with more settings if any. */
  start(env?: Record<string, string>): Promise<AppProcess>;
}

/** Registers the describe block's hooks: the fake started before, whatever is still running killed after. */
export function onOneFolder(fake: FakeSlack, secret: string): OneFolder {
  const dataDir = tempDir();
  const started: AppProcess[] = [];
  beforeAll(() => fake.start());
  afterAll(async () => {
    killAll(started);
    await fake.close();
  });
  return {
    dataDir,
    async start(env = {}) {
      const p = await startAppProcess({ apiUrl: fake.apiUrl, secret, env: { DATA_DIR: dataDir, ...env } });
      started.push(p);
      return p;
    },
  };
}

/**
 * Registers the describe block's hooks: the fake started and two replicas on a real Redis
 * before, all stopped after. Resolves the pair in the tests.
 */
export function onReplicaPair(
  fake: FakeSlack,
  secret: string,
  env: Record<string, string> = {},
): () => ReplicaPair {
  let pair: ReplicaPair | undefined;
  beforeAll(async () => {
    await fake.start();
    pair = await startReplicaPair({ apiUrl: fake.apiUrl, secret, env });
  }, 60_000);
  afterAll(async () => {
    await pair?.stop();
    await fake.close();
  });
  return () => {
    if (!pair) throw new Error("the replicas did not start");
    return pair;
  };
}
