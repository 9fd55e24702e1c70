import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { answerLines } from "../../src/cli/answer-lines.js";
import { runConsole } from "../../src/cli/console.js";
import { answer } from "../../src/core.js";
import { V8_FLAGS } from "../../src/util/v8-tuning.js";
import { FICTION, ROOT, seedsDeps, tempDir } from "../helpers/fixtures.js";

const ASK = join(ROOT, "dist/bin/ask.js");
const ask = (args: string[], input = "", env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [ASK, ...args], { input, encoding: "utf8", env: { ...process.env, ...env } });

describe("npm run ask (built CLI)", () => {
  beforeAll(() => {
    if (!existsSync(ASK)) spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT });
  });

  it("--jsonl answers each stdin line with one JSON object, in order, in the contract's shape", () => {
    const r = ask(
      ["--jsonl"],
      "Who leads Tokyo?\nWhat's the weather in Paris?\n\nWer leitet OpenAI Japan?\n",
    );
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.question)).toEqual([
      "Who leads Tokyo?",
      "What's the weather in Paris?",
      "",
      "Wer leitet OpenAI Japan?",
    ]);
    for (const l of lines) {
      expect(Object.keys(l).sort()).toEqual([
        "answer",
        "answered",
        "citations",
        "confidence",
        "intent",
        "language",
        "question",
      ]);
      for (const c of l.citations)
        expect(Object.keys(c).sort()).toEqual(["end", "quote", "source", "start", "title"]);
    }
    expect(lines[0].answered).toBe(true);
    expect(lines[1].answered).toBe(false);
    expect(lines[3].language).toBe("de");
  });

  it("--json prints one object; plain prints numbered citations", () => {
    const json = JSON.parse(ask(["--json", "Who", "leads", "Tokyo?"]).stdout);
    expect(json.answer).toContain("Nagasaki");
    const text = ask(["Who leads Tokyo?"]).stdout;
    expect(text).toMatch(/Nagasaki[\s\S]*\[1\] "/);
  });

  it("--why also prints what decided the answer; with --json, the trace beside the contract", () => {
    const plain = ask(["Who leads Tokyo?"]).stdout;
    expect(plain).not.toMatch(/why:/);
    const why = ask(["--why", "Who leads Tokyo?"]).stdout;
    expect(why).toMatch(/Nagasaki[\s\S]*\[1\] "[\s\S]*\n {2}why:\n/);
    expect(why).toMatch(/asks for: person/);
    expect(why).toMatch(/words the sentence holds: .*Tokyo/);
    expect(why).toMatch(/p\(answer\) [\d.]+, answers from [\d.]+/);
    expect(why).toMatch(/decision: \w+ = [-\d.e]+ \([-+][\d.e-]+ log-odds\)/);
    expect(why).toMatch(/ {4}1\. p [\d.]+ ".*Nagasaki/);
    // a meta answer says the rule that gave it
    expect(ask(["--why", "help"]).stdout).toMatch(/why:\n {4}rule: help/);
    const json = JSON.parse(ask(["--json", "--why", "Who leads Tokyo?"]).stdout);
    expect(json.answer).toContain("Nagasaki");
    expect(json.trace.decided.length).toBeGreaterThan(0);
    expect(JSON.parse(ask(["--json", "Who leads Tokyo?"]).stdout).trace).toBeUndefined();
  });

  it("--seeds and SEEDS_DIR point at another folder; broken files are named on stderr", () => {
    const dir = tempDir({ ...FICTION, "empty.txt": "" });
    const r = ask(["--json", "--seeds", dir, "Who leads the Berlin office?"]);
    expect(JSON.parse(r.stdout).answer).toBe("Maria Okafor");
    expect(r.stderr).toMatch(/skipped article empty\.txt: the file is empty/);
    const viaEnv = ask(["--json", "How much did Northwind raise?"], "", { SEEDS_DIR: dir });
    expect(JSON.parse(viaEnv.stdout).answer).toBe("$45 million");
  });

  it("--jsonl on two answering threads writes the same lines as on one; a broken file is named once", () => {
    const dir = tempDir({ ...FICTION, "empty.txt": "" });
    // enough waiting questions for the helper thread to start
    const questions = `${Array.from(
      { length: 1200 },
      (_, i) =>
        ["Who leads the Berlin office?", "How much did Northwind raise?", "help", "Wer leitet das Büro?"][
          i % 4
        ],
    ).join("\n")}\n`;
    const one = ask(["--jsonl", "--seeds", dir, "--threads", "1"], questions);
    const two = ask(["--jsonl", "--seeds", dir, "--threads", "2", "--timing"], questions);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stderr).toMatch(/answered on 2 thread\(s\)/);
    expect(two.stdout.trim().split("\n")).toHaveLength(1200);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr.match(/skipped article empty\.txt/g)).toHaveLength(1);
    expect(two.stderr).not.toMatch(/answering worker ready/);
  });

  it("a bad thread count names its option or variable and exits 1", () => {
    const r = ask(["--jsonl", "--threads", "0"], "help\n");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--threads must be a whole number from 1 to 16/);
    const env = ask(["--jsonl"], "help\n", { ASK_THREADS: "lots" });
    expect(env.status).toBe(1);
    expect(env.stderr).toMatch(/ASK_THREADS must be a whole number from 1 to 16/);
    expect(env.stderr).not.toMatch(/lots/);
  });

  it("rejects an unknown option with usage and exit code 2", () => {
    const r = ask(["--frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option --frobnicate[\s\S]*usage/);
  });
});

describe("answerLines", () => {
  const deps = seedsDeps();
  const lines = async (input: string, ask: Parameters<typeof answerLines>[2], errors: string[] = []) => {
    const from = new PassThrough();
    const to = new PassThrough();
    let text = "";
    to.on("data", (d) => {
      text += d;
    });
    from.end(input);
    await answerLines(from, to, ask, (m) => errors.push(m));
    return text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  };

  it("writes answers that come later in the order they were asked", async () => {
    const delays = [30, 0, 10];
    let n = 0;
    const slow = (question: string) =>
      new Promise<ReturnType<typeof answer>>((done) =>
        setTimeout(() => done(answer(question, deps)), delays[n++ % delays.length]),
      );
    const out = await lines("Who leads Tokyo?\nhelp\nWer leitet OpenAI Japan?\n", slow);
    expect(out.map((o) => o.question)).toEqual(["Who leads Tokyo?", "help", "Wer leitet OpenAI Japan?"]);
  });

  it("writes each answer before the next question is asked, however much input is waiting", async () => {
    const from = new PassThrough();
    const to = new PassThrough();
    let asked = 0;
    const askedWhenWritten: number[] = [];
    to.on("data", (d: Buffer) => {
      for (const _ of String(d).match(/\n/g) ?? []) askedWhenWritten.push(asked);
    });
    from.end(`${Array.from({ length: 300 }, (_, i) => `question ${i}`).join("\n")}\n`);
    await answerLines(from, to, (q) => {
      asked++;
      return answer(q, deps);
    });
    expect(askedWhenWritten).toHaveLength(300);
    askedWhenWritten.forEach((n, i) => {
      expect(n).toBe(i + 1);
    });
  });

  it("with `ahead`: several questions in flight, never more than `ahead`, answers written in order", async () => {
    const from = new PassThrough();
    const to = new PassThrough();
    let asked = 0;
    let written = 0;
    let most = 0;
    const order: string[] = [];
    to.on("data", (d: Buffer) => {
      for (const l of String(d).split("\n").filter(Boolean)) {
        written++;
        order.push(JSON.parse(l).question);
      }
    });
    from.end(`${Array.from({ length: 60 }, (_, i) => `question ${i}`).join("\n")}\n`);
    await answerLines(
      from,
      to,
      (q) => {
        asked++;
        most = Math.max(most, asked - written);
        // later questions answered sooner: the order comes from answerLines
        const n = Number(q.split(" ")[1]);
        return new Promise((done) =>
          setTimeout(() => done({ ...answer("help", deps), question: q }), (60 - n) % 7),
        );
      },
      undefined,
      8,
    );
    expect(order).toEqual(Array.from({ length: 60 }, (_, i) => `question ${i}`));
    expect(written).toBe(60);
    expect(most).toBe(8);
  });

  it("with `ahead`, an answer is written as soon as it is ready, not when more input comes", async () => {
    const from = new PassThrough();
    const to = new PassThrough();
    const got: string[] = [];
    let next: ((line: string) => void) | undefined;
    to.on("data", (d: Buffer) => {
      for (const l of String(d).split("\n").filter(Boolean)) {
        got.push(JSON.parse(l).question);
        next?.(l);
      }
    });
    const running = answerLines(from, to, async (q) => answer(q, deps), undefined, 16);
    for (const q of ["help", "Who leads Tokyo?", "sources"]) {
      const written = new Promise((done) => {
        next = done;
      });
      from.write(`${q}\n`);
      await written;
    }
    from.end();
    await running;
    expect(got).toEqual(["help", "Who leads Tokyo?", "sources"]);
  });

  it("a question that fails still gets its line, not answering, and the reason goes to onError", async () => {
    const errors: string[] = [];
    const out = await lines(
      "Who leads Tokyo?\nboom\nhelp\n",
      (q) => (q === "boom" ? Promise.reject(new Error("worker died")) : answer(q, deps)),
      errors,
    );
    expect(out).toHaveLength(3);
    expect(out[1]).toMatchObject({ question: "boom", answered: false, intent: "error", citations: [] });
    expect(out[0].answered).toBe(true);
    expect(errors).toEqual(["could not answer a question: worker died"]);
  });
});

describe("runConsole", () => {
  it("answers piped lines, handles help and sources, stops at quit", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => {
      text += d;
    });
    const done = runConsole(input, output, seedsDeps(), { interactive: false });
    input.end("Who leads Tokyo?\nsources\nhelp\nquit\nWho is Brad Lightcap?\n");
    await done;
    expect(text).toMatch(/Nagasaki/);
    expect(text).toMatch(/I know 5 articles/);
    expect(text).toMatch(/I answer questions about 5 news articles/);
    expect(text).not.toMatch(/Operating Officer|COO/);
  });
});

describe("npm start (built main)", () => {
  const MAIN = join(ROOT, "dist/bin/main.js");
  const start = (env: NodeJS.ProcessEnv, input = "") =>
    spawnSync(process.execPath, [...V8_FLAGS, MAIN], {
      input,
      encoding: "utf8",
      cwd: tempDir(), // no .env here
      env: { PATH: process.env.PATH, SEEDS_DIR: join(ROOT, "seeds"), ...env },
    });

  it("runs the console without Slack tokens and says so", () => {
    const r = start({}, "who leads Tokyo?\n");
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/No SLACK_BOT_TOKEN set: running the console/);
    expect(r.stdout).toMatch(/Nagasaki/);
  });

  it("stops with a message naming a malformed setting, without echoing its value", () => {
    const r = start({ SLACK_BOT_TOKEN: "xoxb-123-secretvalue", SLACK_APP_TOKEN: "not-an-app-token" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/configuration error: SLACK_APP_TOKEN is malformed/);
    expect(r.stderr).not.toMatch(/secretvalue|not-an-app-token/);
  });
});

describe("npm run eval (built CLI)", () => {
  const EVAL = join(ROOT, "dist/bin/eval.js");
  const run = (file: string) =>
    spawnSync(process.execPath, [EVAL, join(ROOT, "tests/fixtures/eval", file)], { encoding: "utf8" });

  it("reports the stage figures: share right, abstention, retrieval, spans, calibration, groups, failures with why", () => {
    const r = run("dev.jsonl");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^committed weights/m);
    expect(r.stdout).toMatch(/dev\.jsonl: fully right \d+\/24 \(\d+\.\d%\); answerable right \d+\/20/);
    expect(r.stdout).toMatch(/abstention: precision [\d.]+% \(\d+\/\d+\), recall [\d.]+% \(\d+\/4\)/);
    expect(r.stdout).toMatch(/retrieval recall@1 [\d.]+%, @5 [\d.]+%, @20 [\d.]+%/);
    expect(r.stdout).toMatch(
      /span right when the sentence is: (?:[\d.]+%|n\/a) \(\d+\/\d+\); an answer among its spans (?:[\d.]+%|n\/a); answered with the span \d+/,
    );
    expect(r.stdout).toMatch(/fully right if every answer were its sentence: \d+ \(as given: \d+\)/);
    expect(r.stdout).toMatch(
      /decision ranking: (?:AUC [\d.]+ \()?\d+ right only answered, \d+ right only abstained\)?/,
    );
    expect(r.stdout).toMatch(/calibration \(confidence -> share right\): 0\.0-0\.2: /);
    expect(r.stdout).toMatch(/by language: en [\d.]+% of \d+/);
    expect(r.stdout).toMatch(/by intent: \w+ [\d.]+% of \d+/);
    const failures = Number(/failures: (\d+)/.exec(r.stdout)?.[1]);
    // each failure says why: the decision's probability and the features that weighed most
    if (failures > 0) expect(r.stdout).toMatch(/p\(answer\)=[\d.]+: \w+=/);
  });

  it("with --all, also asks each set's articles the other sets' questions, and reports how often it abstained", () => {
    const line = (o: object) => JSON.stringify(o);
    const data = tempDir({
      "normans/seeds/mills.txt": "The Brenna mill was opened by Ida Roche in Telgard in 1881.\n",
      "normans/dev.jsonl": `${[
        line({ id: "n1", q: "Who opened the Brenna mill?", kind: "answer", any: ["Ida Roche"] }),
        line({ id: "n2", q: "When did the Brenna mill close?", kind: "abstain" }),
      ].join("\n")}\n`,
      "german-en/seeds/river.txt": "The Arlen river rises in the Kesh hills and meets the sea at Porvath.\n",
      "german-en/dev.jsonl": `${line({ id: "g1", q: "Where does the Arlen river rise?", kind: "answer", any: ["Kesh hills"], src: ["river"] })}\n`,
    });
    const r = spawnSync(process.execPath, [EVAL, "--all", "--data", data, "--failures", "0"], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^german-en: fully right \d+\/1 /m);
    expect(r.stdout).toMatch(/^normans off-topic: abstained \d\/1 \([\d.]+%\)/m);
    expect(r.stdout).toMatch(/^german-en off-topic: abstained \d\/2 \([\d.]+%\)/m);
  });

  it("saves each question's result with --save and compares a run with it with --against", () => {
    const file = join(tempDir(), "run.jsonl");
    const fixture = join(ROOT, "tests/fixtures/eval/dev.jsonl");
    const saved = spawnSync(process.execPath, [EVAL, fixture, "--failures", "0", "--save", file], {
      encoding: "utf8",
    });
    expect(saved.status, saved.stderr).toBe(0);
    const r = spawnSync(process.execPath, [EVAL, fixture, "--failures", "0", "--against", file], {
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/against .*run\.jsonl/);
    expect(r.stdout).toMatch(/dev\.jsonl: now right 0, now wrong 0, net \+0, p=1\.000/);
  });

  it("lists questions routed to a wrong intent when the file names the intents", () => {
    const r = run("routing.jsonl");
    expect(r.stdout).toMatch(/routed to a wrong intent: 0/);
  });

  it("cross-validates with --folds: each part answered by models fitted on the others", () => {
    const r = spawnSync(
      process.execPath,
      [EVAL, join(ROOT, "tests/fixtures/eval/dev.jsonl"), "--folds", "2", "--failures", "0"],
      { encoding: "utf8" },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^cross-validated, 2 folds/m);
    expect(r.stderr).toMatch(/fold 2\/2 fitted on \d+ questions/);
    expect(r.stdout).toMatch(/fully right \d+\/24/);
  });
});
