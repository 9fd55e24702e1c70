import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parseYaml as parse } from "../../src/text/yaml.js";
import { ROOT } from "../helpers/fixtures.js";

describe("manifest.yml", () => {
  const schema = JSON.parse(readFileSync(join(ROOT, "tests/fixtures/manifest.schema.1.0.0.json"), "utf8"));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it("is valid against Slack's manifest schema", () => {
    const manifest = parse(readFileSync(join(ROOT, "manifest.yml"), "utf8")) as {
      features: { slash_commands: { command: string }[] };
    };
    const ok = validate(manifest);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
    expect(manifest.features.slash_commands[0]?.command).toBe("/openai-facts");
  });

  it("the schema check can fail: a broken manifest is refused", () => {
    expect(validate({ display_information: { name: "x".repeat(60) } })).toBe(false);
  });
});
