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

  it("asks for exactly the scopes and events the app uses, with the Home tab, the assistant pane and interactivity", () => {
    const manifest = parse(readFileSync(join(ROOT, "manifest.yml"), "utf8")) as {
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
      features: {
        app_home: { home_tab_enabled: boolean };
        assistant_view?: { assistant_description: string };
      };
    };
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        "app_mentions:read",
        "assistant:write",
        "channels:history",
        "chat:write",
        "commands",
        "groups:history",
        "im:history",
        "reactions:write",
        "users:read",
      ].sort(),
    );
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [
        "app_home_opened",
        "app_mention",
        "app_uninstalled",
        "assistant_thread_context_changed",
        "assistant_thread_started",
        "message.channels",
        "message.groups",
        "message.im",
        "tokens_revoked",
      ].sort(),
    );
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.assistant_view?.assistant_description).toBeTruthy();
  });

  it("HTTP mode's OAuth redirect URL is there, commented; uncommented, the manifest is still valid", () => {
    const text = readFileSync(join(ROOT, "manifest.yml"), "utf8");
    expect(text).toMatch(/^ {2}# redirect_urls:\n {2}# {3}- https:\/\/YOUR-HOST\/slack\/oauth_redirect$/m);
    const uncommented = text
      .replace(/^ {2}# redirect_urls:$/m, "  redirect_urls:")
      .replace(/^ {2}# {3}- (https:\/\/YOUR-HOST\/slack\/oauth_redirect)$/m, "    - $1");
    const manifest = parse(uncommented) as { oauth_config: { redirect_urls?: string[] } };
    expect(manifest.oauth_config.redirect_urls).toEqual(["https://YOUR-HOST/slack/oauth_redirect"]);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the schema check can fail: a broken manifest is refused", () => {
    expect(validate({ display_information: { name: "x".repeat(60) } })).toBe(false);
  });
});
