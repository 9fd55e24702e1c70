import { resolve } from "node:path";
import { PROJECT_ROOT } from "../config-paths.js";
import type { EvalQuestion } from "../eval/judge.js";
import { type DevSet, devSets } from "./sets.js";

/** Options shared by `npm run train` and `npm run eval`. */
export interface TrainArgs {
  /** A question file (eval of one set) or none (every dev set under `data`). */
  file?: string;
  seeds?: string;
  all: boolean;
  data: string;
  folds: number;
  failures: number;
  out?: string;
  /** `npm run eval`: write each question's result to this file. */
  save?: string;
  /** `npm run eval`: compare each question's result with a file written by --save. */
  against?: string;
  /** How the sets weigh against each other in the fit (see `weigh`). */
  weighting: "sets" | "questions" | "sqrt";
}

/** Parses the options of train and eval; throws naming a bad option. */
export function parseTrainArgs(argv: string[]): TrainArgs {
  const out: TrainArgs = {
    all: false,
    data: resolve(PROJECT_ROOT, "../shared/eval"),
    folds: 0,
    failures: 20,
    weighting: "sets",
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--all") out.all = true;
    else if (a === "--seeds") out.seeds = value();
    else if (a === "--data") out.data = resolve(value());
    else if (a === "--out") out.out = resolve(value());
    else if (a === "--save") out.save = resolve(value());
    else if (a === "--against") out.against = resolve(value());
    else if (a === "--folds") {
      out.folds = Number(value());
      if (!Number.isInteger(out.folds) || out.folds < 2)
        throw new Error("--folds needs a whole number of at least 2");
    } else if (a === "--failures") out.failures = Number(value());
    else if (a === "--weighting") {
      const v = value();
      if (v !== "sets" && v !== "questions" && v !== "sqrt")
        throw new Error("--weighting is sets, questions or sqrt");
      out.weighting = v;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else out.file = resolve(a);
  }
  return out;
}

/** The sets the options name: every dev set, or one file over its articles folder. */
export function setsOf(args: TrainArgs): DevSet[] {
  const seeds = resolve(PROJECT_ROOT, "seeds");
  if (!args.file) return devSets(args.data, seeds);
  const file = args.file;
  const articleOf = (q: EvalQuestion) => q.src?.[0];
  return [
    {
      name: file.replace(/.*\/(?=[^/]+\/[^/]+$)/, ""),
      questionsFile: file,
      seedsDir: resolve(args.seeds ?? seeds),
      articleOf,
      foldBy: "question",
    },
  ];
}
