/** Command-line options shared by `ask` and `console`. */
export interface CliArgs {
  json: boolean;
  jsonl: boolean;
  seeds?: string;
  help: boolean;
  /** Print load and index build times to stderr. */
  timing: boolean;
  /** `--why`: also what decided the answer (its trace). */
  why: boolean;
  /** `--threads N`: answering threads of --jsonl, as given (config.ts askThreadsFrom reads it). */
  threads?: string;
  /** The words of the question, joined. */
  question: string;
}

/** Parses argv (without node and the script); throws with a message on an unknown option. */
export function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { json: false, jsonl: false, help: false, timing: false, why: false, question: "" };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") out.json = true;
    else if (a === "--jsonl") out.jsonl = true;
    else if (a === "--help" || a === "-h") out.help = true;
    else if (a === "--timing") out.timing = true;
    else if (a === "--why") out.why = true;
    else if (a === "--seeds") {
      const dir = argv[++i];
      if (!dir) throw new Error("--seeds needs a folder: --seeds DIR");
      out.seeds = dir;
    } else if (a.startsWith("--seeds=")) out.seeds = a.slice("--seeds=".length);
    else if (a === "--threads") {
      const n = argv[++i];
      if (!n) throw new Error("--threads needs a number: --threads N");
      out.threads = n;
    } else if (a.startsWith("--threads=")) out.threads = a.slice("--threads=".length);
    else if (a.startsWith("--") && a.length > 2) throw new Error(`unknown option ${a} (try --help)`);
    else words.push(a);
  }
  out.question = words.join(" ");
  return out;
}
