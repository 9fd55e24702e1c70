import { describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.js";
import { configRefusal } from "../helpers/config.js";
import { tempDir } from "../helpers/fixtures.js";

const SIGNING = "b7e1c0ffee0123456789abcdefabcdef";
const OAUTH = {
  SLACK_CLIENT_ID: "1234567890.0987654321",
  SLACK_CLIENT_SECRET: "c0ffee0123456789abcdef0123456789",
  SLACK_STATE_SECRET: "a-long-random-state-secret",
};

describe("OAuth settings (several workspaces)", () => {
  it("the three settings and a signing secret: HTTP mode without a bot token", () => {
    const config = readConfig({ ...OAUTH, SLACK_SIGNING_SECRET: SIGNING });
    expect(config.mode).toBe("http");
    expect(config.botToken).toBeUndefined();
    expect(config.oauth).toEqual({
      clientId: OAUTH.SLACK_CLIENT_ID,
      clientSecret: OAUTH.SLACK_CLIENT_SECRET,
      stateSecret: OAUTH.SLACK_STATE_SECRET,
    });
  });

  it("none of them: single-token mode as before", () => {
    const config = readConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_SIGNING_SECRET: SIGNING });
    expect(config.oauth).toBeUndefined();
    expect(config.mode).toBe("http");
    expect(readConfig({}).mode).toBe("console");
  });

  it.each(["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"])(
    "half set: %s missing is named, no value shown",
    (missing) => {
      const env: NodeJS.ProcessEnv = { ...OAUTH, SLACK_SIGNING_SECRET: SIGNING, [missing]: "" };
      const message = configRefusal(env);
      expect(message.startsWith(`${missing} is missing`)).toBe(true);
      for (const value of Object.values(OAUTH)) if (value) expect(message).not.toContain(value);
    },
  );

  it("a bot token with the OAuth settings is refused, naming the variables", () => {
    const message = configRefusal({
      ...OAUTH,
      SLACK_BOT_TOKEN: "xoxb-1-2-abc",
      SLACK_SIGNING_SECRET: SIGNING,
    });
    for (const name of ["SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"])
      expect(message).toContain(name);
    expect(message).not.toContain("xoxb-1-2-abc");
  });

  it("Socket Mode with the OAuth settings is refused (installs need HTTP mode)", () => {
    const message = configRefusal({
      ...OAUTH,
      SLACK_APP_TOKEN: "xapp-1-A1-abc",
      SLACK_SIGNING_SECRET: SIGNING,
    });
    expect(message).toMatch(/^SLACK_APP_TOKEN .*HTTP mode/);
  });

  it("OAuth needs the signing secret; malformed values are named", () => {
    expect(configRefusal({ ...OAUTH })).toMatch(/^SLACK_SIGNING_SECRET is missing/);
    expect(configRefusal({ ...OAUTH, SLACK_SIGNING_SECRET: SIGNING, SLACK_STATE_SECRET: "short" })).toMatch(
      /^SLACK_STATE_SECRET is too short/,
    );
    expect(
      configRefusal({ ...OAUTH, SLACK_SIGNING_SECRET: SIGNING, SLACK_CLIENT_SECRET: "not secret!" }),
    ).toMatch(/^SLACK_CLIENT_SECRET is malformed/);
    expect(
      configRefusal({ ...OAUTH, SLACK_SIGNING_SECRET: SIGNING, DATABASE_URL: "mysql://u:pw@h/db" }),
    ).toBe("DATABASE_URL must be a postgres:// or postgresql:// URL");
  });

  it("ARTICLES_BY_TEAM_DIR must be a folder", () => {
    const dir = tempDir();
    expect(readConfig({ ARTICLES_BY_TEAM_DIR: dir }).articlesByTeamDir).toBe(dir);
    expect(configRefusal({ ARTICLES_BY_TEAM_DIR: `${dir}/missing` })).toMatch(
      /^ARTICLES_BY_TEAM_DIR must be a folder/,
    );
  });
});
