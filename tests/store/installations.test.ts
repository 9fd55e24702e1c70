import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Installation } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { FileInstallations, INSTALLATIONS_FILE, openInstallations } from "../../src/slack/installations.js";
import { tempDir } from "../helpers/fixtures.js";

function installation(team: string, token: string): Installation {
  return {
    team: { id: team, name: team },
    enterprise: undefined,
    user: { id: "U1", token: undefined, scopes: undefined },
    bot: { id: `B${team}`, userId: `U${team}`, token, scopes: ["chat:write"] },
    isEnterpriseInstall: false,
    authVersion: "v2",
  } as Installation;
}

const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });

describe("the embedded installation store (DATA_DIR/installations.json)", () => {
  it("keeps installations across a reopen, replaces a reinstall, removes an uninstall", async () => {
    const dir = tempDir();
    const a = FileInstallations.open(dir);
    await a.storeInstallation(installation("T1", "xoxb-1"));
    await a.storeInstallation(installation("T2", "xoxb-2"));
    await a.storeInstallation(installation("T1", "xoxb-1-new"));
    await a.close();
    const b = FileInstallations.open(dir);
    expect(b.keys.sort()).toEqual(["T:T1", "T:T2"]);
    expect((await b.fetchInstallation(query("T1"))).bot?.token).toBe("xoxb-1-new");
    await b.deleteInstallation(query("T2"));
    await expect(b.fetchInstallation(query("T2"))).rejects.toThrow(/no installation for workspace T2/);
    const c = FileInstallations.open(dir);
    expect(c.keys).toEqual(["T:T1"]);
    // Written by rename: no temporary file left; the owner's only.
    expect(readdirSync(dir)).toEqual([INSTALLATIONS_FILE]);
    expect(statSync(join(dir, INSTALLATIONS_FILE)).mode & 0o077).toBe(0);
  });

  it("a damaged file stops start-up naming DATA_DIR, never forgets every workspace in silence", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, INSTALLATIONS_FILE), '{"installations": [{"team"');
    await expect(openInstallations({ dataDir: dir })).rejects.toThrow(ConfigError);
    await expect(openInstallations({ dataDir: dir })).rejects.toThrow(
      /^DATA_DIR holds a damaged installations.json/,
    );
  });

  it("a DATA_DIR that is a file is named, not shown", async () => {
    const dir = tempDir({ "file.txt": "x" });
    const path = join(dir, "file.txt");
    await expect(openInstallations({ dataDir: path })).rejects.toThrow(
      /^DATA_DIR cannot hold the installations/,
    );
    expect(existsSync(join(path, INSTALLATIONS_FILE))).toBe(false);
  });
});
