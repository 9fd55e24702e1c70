import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { ANSWER_TYPES, type Intent, SLOT_KINDS } from "./types.js";

const IntentSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, "must be lower-case letters, digits, - or _"),
    description: z.string().min(1),
    kind: z.enum(["question", "meta"]).default("question"),
    answer_type: z.enum(ANSWER_TYPES).optional(),
    slots: z.array(z.enum(SLOT_KINDS)).default([]),
    examples: z.object({
      en: z.array(z.string().min(1)).min(1),
      de: z.array(z.string().min(1)).default([]),
    }),
    expansions: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** An intent file that cannot be used; the message names the file and the field. */
export class IntentFileError extends Error {}

/** Reads and validates one intent file. */
export function parseIntent(file: string, text: string): Intent {
  let data: unknown;
  try {
    data = parse(text);
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
