import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, spawnServer } from "./server-process.js";

/** A real PostgreSQL server on loopback, on a throwaway cluster, for a test run. */
export interface TestPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, loopback only). */
  url: string;
  /** A URL for another database of the same server, created empty. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes the cluster. */
  stop(): Promise<void>;
}

/** Where Debian's postgresql-15 puts its server binaries (PG_BIN overrides). */
const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Fails loudly when the binaries are missing (the tests need a real PostgreSQL; .ci/run installs it). */
function requireBinaries(): { initdb: string; postgres: string; psql: string } {
  const initdb = join(PG_BIN, "initdb");
  const postgres = join(PG_BIN, "postgres");
  const psql = existsSync(join(PG_BIN, "psql")) ? join(PG_BIN, "psql") : "psql";
  if (!existsSync(initdb) || !existsSync(postgres))
    throw new Error(
      `PostgreSQL 15's server binaries are not in ${PG_BIN} (initdb, postgres): these tests run a real PostgreSQL. ` +
        "Install it (Debian/Ubuntu: sudo apt-get install -y postgresql-15, or postgresql; .ci/run does this) or set PG_BIN.",
    );
  return { initdb, postgres, psql };
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0)
    throw new Error(
      "these tests run as root, and PostgreSQL does not: a `postgres` user is needed (the postgresql package creates it)",
    );
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Makes a cluster with `initdb` in a temporary folder and starts `postgres` on 127.0.0.1 on a
 * free port (its socket in that folder, fsync off: nothing here must survive a crash); resolves
 * once it accepts connections. `stop` shuts it down and deletes the folder.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bins = requireBinaries();
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), "pg-test-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, "data");
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  const init = spawnSync(
    bins.initdb,
    ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
    {
      encoding: "utf8",
      ...ids,
    },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(init.stderr || init.stdout || String(init.error)).slice(-800)}`);
  }
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const { child, ready, output, exited } = await spawnServer(
      bins.postgres,
      [
        "-D",
        data,
        "-p",
        String(port),
        "-h",
        "127.0.0.1",
        "-k",
        dir,
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=40",
      ],
      /ready to accept connections/,
      30_000,
      ids,
    );
    if (ready) {
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
      return {
        port,
        url,
        async createDatabase(name: string) {
          const pg = (await import("pg")).default;
          const client = new pg.Client({ connectionString: url });
          client.on("error", () => {});
          await client.connect();
          try {
            await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
          } finally {
            await client.end();
          }
          return `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
        },
        async stop() {
          if (child.exitCode === null) {
            child.kill("SIGINT"); // fast shutdown
            const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
            await exited;
            clearTimeout(timer);
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill("SIGKILL");
    await exited;
    // Another process took the port between choosing and binding it: try another.
    if (attempt < 3 && /could not bind|Address already in use/.test(output())) continue;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`postgres did not start: ${output().slice(-800)}`);
  }
}
