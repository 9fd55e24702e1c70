import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answer } from "../../src/core.js";
import { type AppProcess, startAppProcess } from "../helpers/app-process.js";
import { eventEnvelope, FakeSlack, mentionEvent, postSigned, waitUntil } from "../helpers/fake-slack.js";
import { depsFor, FICTION, ROOT, tempDir } from "../helpers/fixtures.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

const SECRET = "pgbackendsecret0123456789abcdef";

/** `npm run ingest` then `npm start` with ARTICLES_BACKEND=postgres: the Slack app answers from the database. */
describe("npm start with ARTICLES_BACKEND=postgres", () => {
  const fake = new FakeSlack();
  let server: TestPostgres;
  let app: AppProcess | undefined;
  beforeAll(async () => {
    server = await startPostgres();
    await fake.start();
  });
  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill("SIGTERM");
      await app.exited;
    }
    await fake.close();
    await server?.stop();
  });

  it("ingests a folder with npm run ingest, then answers mentions from PostgreSQL (not SEEDS_DIR) as the in-memory core does on that folder", async () => {
    const url = await server.createDatabase("start");
    const dir = tempDir(FICTION);
    const ingest = spawnSync(process.execPath, [join(ROOT, "dist/bin/ingest.js"), dir], {
      env: { PATH: process.env.PATH, DATABASE_URL: url },
      encoding: "utf8",
    });
    expect(ingest.status, ingest.stderr).toBe(0);
    const count = Object.keys(FICTION).length;
    expect(ingest.stdout).toMatch(new RegExp(`${count} added`));

    app = await startAppProcess({
      apiUrl: fake.apiUrl,
      secret: SECRET,
      env: { DATA_DIR: tempDir(), ARTICLES_BACKEND: "postgres", DATABASE_URL: url },
    });
    expect(app.output()).toMatch(/articles: PostgreSQL/);
    // SEEDS_DIR (the product's seeds) is set too: the database's articles answer, not its.
    expect(app.output()).toMatch(new RegExp(`answering worker ready: ${count} articles`));
    expect(app.output()).not.toContain(url);
    const memory = depsFor(dir);
    const questions = [
      "Who leads the Berlin office?",
      "Where did Acme open an office?",
      "Wer leitet das Büro in Berlin?",
    ];
    for (const [i, q] of questions.entries()) {
      const event = mentionEvent(q);
      const res = await postSigned(app.port, SECRET, JSON.stringify(eventEnvelope(event, `EvPg${i}`)));
      expect(res.status).toBe(200);
      await waitUntil(
        () => fake.calls.some((c) => c.method === "chat.postMessage" && c.body.thread_ts === event.ts),
        15_000,
        `the answer to ${q}`,
      );
      const posted = fake.calls.find((c) => c.method === "chat.postMessage" && c.body.thread_ts === event.ts);
      const expected = answer(q, memory);
      expect(expected.answered).toBe(true);
      expect(String(posted?.body.text)).toContain(expected.answer.slice(0, 40));
    }
  }, 90_000);

  it("stops at start naming DATABASE_URL, never its value, when the database cannot be read", async () => {
    const err = await startAppProcess({
      apiUrl: fake.apiUrl,
      secret: SECRET,
      env: {
        DATA_DIR: tempDir(),
        ARTICLES_BACKEND: "postgres",
        DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${server.port}/missing_db`,
      },
    }).catch((e: unknown) => e as Error);
    expect(String(err)).toMatch(/DATABASE_URL/);
    expect(String(err)).not.toContain("s3cret");
    const bad = await startAppProcess({
      apiUrl: fake.apiUrl,
      secret: SECRET,
      env: { DATA_DIR: tempDir(), ARTICLES_BACKEND: "postgres" },
    }).catch((e: unknown) => e as Error);
    expect(String(bad)).toMatch(/configuration error: ARTICLES_BACKEND=postgres needs DATABASE_URL/);
  }, 60_000);
});
