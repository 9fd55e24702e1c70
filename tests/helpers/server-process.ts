import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** A server process started by a test, and whether it said it was ready. */
export interface StartedServer {
  child: ChildProcess;
  /** It printed its ready line within the time limit (false: it exited or was too slow). */
  ready: boolean;
  /** Everything it printed (stdout and stderr), for error messages. */
  output: () => string;
  /** Resolves when it has exited. */
  exited: Promise<void>;
}

/**
 * Spawns a server (Redis, PostgreSQL) and waits until its output matches `readyLine`, it exits,
 * or `timeoutMs` passes; the caller decides what to do with one that is not ready.
 */
export async function spawnServer(
  command: string,
  args: string[],
  readyLine: RegExp,
  timeoutMs: number,
  options: SpawnOptions = {},
): Promise<StartedServer> {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const onData = (d: Buffer | string) => {
      output += d;
      if (readyLine.test(output)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  return { child, ready, output: () => output, exited };
}
