import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod/mini";
import { parseYaml } from "../text/yaml.js";
import "../util/zod-messages.js";
import { ANSWER_TYPES, type Intent, SLOT_KINDS } from "./types.js";

const nonEmpty = () => z.string().check(z.minLength(1));

/** A suggestion template: a question with at least one slot to fill, and no other braces. */
const template = () =>
  z
    .string()
    .check(
      z.regex(
        /^[^{}]*(?:\{(?:person|place|organisation)\}[^{}]*)+$/,
        "must hold {person}, {place} or {organisation}, and no other braces",
      ),
    );

const IntentSchema = z.strictObject({
  id: z.string().check(z.regex(/^[a-z][a-z0-9_-]*$/, "must be lower-case letters, digits, - or _")),
  description: nonEmpty(),
  kind: z._default(z.enum(["question", "meta"]), "question"),
  answer_type: z.optional(z.enum(ANSWER_TYPES)),
  slots: z._default(z.array(z.enum(SLOT_KINDS)), []),
  examples: z.object({
    en: z.array(nonEmpty()).check(z.minLength(1)),
    de: z._default(z.array(nonEmpty()), []),
  }),
  expansions: z._default(z.array(nonEmpty()), []),
  synonyms: z._default(z.array(z.array(nonEmpty()).check(z.minLength(2))), []),
  suggest: z._default(
    z.object({ en: z._default(z.array(template()), []), de: z._default(z.array(template()), []) }),
    { en: [], de: [] },
  ),
});

/** An intent file that cannot be used; the message names the file and the field. */
export class IntentFileError extends Error {}

/** Reads and validates one intent file. */
export function parseIntent(file: string, text: string): Intent {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new IntentFileError(
      `intent file ${file}: not valid YAML: ${(err as Error).message.split("\n")[0]}`,
    );
  }
  const result = IntentSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join(".") || "(whole file)";
    throw new IntentFileError(`intent file ${file}: field "${field}": ${issue?.message}`);
  }
  const d = result.data;
  return {
    id: d.id,
    description: d.description,
    kind: d.kind,
    answerType: d.answer_type,
    slots: d.slots,
    examples: d.examples,
    expansions: d.expansions,
    synonyms: d.synonyms,
    suggest: d.suggest,
    file,
  };
}

/**
 * Loads every intents/*.yml (sub-folders such as lexicon/ are not intents). A malformed file
 * throws an IntentFileError naming the file and the field: start-up must stop rather than run
 * with a silently missing intent.
 */
export function loadIntents(dir: string): Intent[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  const intents = files.map((f) => parseIntent(join(dir, f), readFileSync(join(dir, f), "utf8")));
  const seen = new Map<string, string>();
  for (const intent of intents) {
    const other = seen.get(intent.id);
    if (other)
      throw new IntentFileError(
        `intent file ${intent.file}: field "id": "${intent.id}" is also used by ${other}`,
      );
    seen.set(intent.id, intent.file);
  }
  if (intents.length === 0) throw new IntentFileError(`no intent files (*.yml) in ${dir}`);
  return intents;
}
