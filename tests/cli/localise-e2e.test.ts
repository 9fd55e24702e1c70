import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers/fixtures.js";

const ASK = join(ROOT, "dist/bin/ask.js");

/** A made-up folder of one German and one English article. */
const ARTICLES = {
  "werk.txt":
    "Zentrix eröffnet Werk in Linz\n\n" +
    "Der Maschinenbauer Zentrix hat am Montag ein neues Werk in Linz eröffnet. Das Werk kostete 240 Millionen " +
    "Euro und soll im März 2026 die volle Leistung erreichen. Geschäftsführer Ole Brink sagte, das Werk " +
    "schaffe 1.200 Arbeitsplätze. Die Produktion soll bis Ende nächsten Jahres um 15 Prozent steigen.\n",
  "lab.txt":
    "Harbor Robotics opens a lab in Leeds\n\n" +
    "Harbor Robotics has opened a research lab in Leeds. The company raised $6.4 billion in a funding round " +
    "in April. The lab is led by Mara Quist, the former president of Velto Systems. Harbor Robotics employs " +
    "3,500 people and expects sales to grow by 12.5 percent.\n",
};

interface Contract {
  answered: boolean;
  answer: string;
  language: string;
  citations: { source: string; quote: string; start: number; end: number }[];
}

describe("values in the asker's language, end to end through npm run ask -- --json (issue 15)", () => {
  const dir = tempDir(ARTICLES);
  const ask = (question: string): Contract => {
    const r = spawnSync(process.execPath, [ASK, "--json", "--seeds", dir, question], {
      encoding: "utf8",
      env: { ...process.env, INDEX_CACHE_DIR: "off" },
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Contract;
  };
  /** The answer, checked to be cited from `source` with its quote verbatim at its offsets. */
  const answered = (question: string, source: string): Contract => {
    const a = ask(question);
    expect(a.answered).toBe(true);
    const c = a.citations[0];
    expect(c?.source).toBe(source);
    expect(readFileSync(join(dir, source), "utf8").slice(c?.start, c?.end)).toBe(c?.quote);
    return a;
  };

  beforeAll(() => {
    if (!existsSync(ASK)) spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT });
  });

  it("gives a German asker of the English article German figures and dates, the quote in English", () => {
    const money = answered("Wie viel hat Harbor Robotics in der Finanzierungsrunde eingesammelt?", "lab.txt");
    expect(money.language).toBe("de");
    expect(money.answer).toBe("6,4 Milliarden Dollar");
    expect(money.citations[0]?.quote).toContain("$6.4 billion");
    expect(answered("Wann war die Finanzierungsrunde von Harbor Robotics?", "lab.txt").answer).toBe(
      "im April",
    );
    expect(answered("Wie viele Mitarbeiter hat Harbor Robotics?", "lab.txt").answer).toBe("3.500");
    const share = answered("Um wie viel Prozent sollen die Umsätze von Harbor Robotics wachsen?", "lab.txt");
    expect(share.answer).toBe("12,5 %");
    expect(share.citations[0]?.quote).toContain("12.5 percent");
  });

  it("gives an English asker of the German article the date in English, the quote in German", () => {
    const when = answered("When did Zentrix open the plant in Linz?", "werk.txt");
    expect(when.answer).toBe("on Monday");
    expect(when.citations[0]?.quote).toContain("am Montag");
  });
});
