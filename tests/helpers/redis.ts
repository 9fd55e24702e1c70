import { spawnSync } from "node:child_process";
import { freePort, spawnServer } from "./server-process.js";

export { freePort };

/** A real Redis server on loopback for a test run. */
export interface TestRedis {
  port: number;
  /** redis://127.0.0.1:PORT */
  url: string;
  /** Kills the server. */
  stop(): Promise<void>;
}

/** Fails loudly when redis-server is not installed (the tests need a real one; .ci/run installs it). */
function requireRedisServer(): string {
  const bin = process.env.REDIS_SERVER_BIN ?? "redis-server";
  const probe = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `redis-server is not installed (or not on PATH): these tests run a real Redis. Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; .ci/run does this) or set REDIS_SERVER_BIN.`,
    );
  return bin;
}

/**
 * Starts `redis-server --port P --save '' --appendonly no` on 127.0.0.1 (no persistence, its own
 * port) and resolves once it accepts connections; `stop` kills it.
 */
export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
  const bin = requireRedisServer();
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await freePort());
    const { child, ready, output, exited } = await spawnServer(
      bin,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--protected-mode",
        "yes",
      ],
      /Ready to accept connections/,
      10_000,
    );
    if (ready) {
      return {
        port,
        url: `redis://127.0.0.1:${port}`,
        async stop() {
          if (child.exitCode === null) child.kill("SIGKILL");
          await exited;
        },
      };
    }
    child.kill("SIGKILL");
    await exited;
    if (attempt >= 2) throw new Error(`redis-server did not start on port ${port}: ${output().slice(-500)}`);
  }
}
