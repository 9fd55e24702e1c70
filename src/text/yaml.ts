import { CORE_SCHEMA, load } from "js-yaml";

/**
 * Parses YAML text with the core schema: plain data only (strings, numbers, booleans, null,
 * lists, maps). Dates stay strings, as written; no custom tags. Throws on invalid YAML with
 * the line and column in the message.
 */
export function parseYaml(text: string): unknown {
  return load(text, { schema: CORE_SCHEMA });
}
