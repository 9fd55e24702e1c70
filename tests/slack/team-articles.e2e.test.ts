import { describe, expect, it } from "vitest";
import { type Answerer, TeamAnswerers } from "../../src/answer-worker/teams.js";
import { askInProcess, browseInProcess } from "../../src/answering.js";
import { buildDeps, type Deps } from "../../src/core.js";
import { loadCorpus } from "../../src/corpus/load.js";
import { FileInstallations } from "../../src/slack/installations.js";
import { appHomeOpenedEvent, waitUntil } from "../helpers/fake-slack.js";
import { INTENTS, tempDir } from "../helpers/fixtures.js";
import { retrievalModels, slackCorpusDeps } from "../helpers/models.js";
import { askBothTeams, eventOf, install, postsTo, startOAuth, TOKEN_T1, TOKEN_T2 } from "../helpers/oauth.js";

/** An answerer on this thread over a set of articles (the worker's stand-in). */
function inProcess(deps: () => Deps): Answerer {
  const ask = askInProcess(deps);
  const browse = browseInProcess(deps);
  return { ask, catalog: browse, ready: true, close: async () => undefined };
}

describe("articles per workspace (ARTICLES_BY_TEAM_DIR)", () => {
  it("a workspace with a folder of its own is answered from it, the others from the default folder", async () => {
    const byTeam = tempDir({
      "T2/initech-berlin.md":
        "---\ntitle: Initech opens Berlin office\ndate: 2025-04-01\n---\nThe Berlin office of Initech is led by Jonas Weber, who joined from Umbrella.\n",
      // A folder named like no team id is never used.
      "not-a-team/x.md": "The Berlin office is led by Nobody Special.\n",
    });
    const started: string[] = [];
    const teams = new TeamAnswerers(inProcess(slackCorpusDeps), byTeam, async (dir) => {
      started.push(dir);
      const deps = buildDeps(loadCorpus(dir), INTENTS, retrievalModels());
      return inProcess(() => deps);
    });
    const installations = FileInstallations.memory();
    const t = await startOAuth(installations, {
      env: { ARTICLES_BY_TEAM_DIR: byTeam },
      ask: (q, o) => teams.ask(q, o),
      browse: (l) => teams.catalog(l),
    });
    try {
      await install(t, "T1", TOKEN_T1);
      await install(t, "T2", TOKEN_T2);
      await askBothTeams(t, "who leads the Berlin office?");
      expect(String(postsTo(t, "C-T1")[0]?.body.text)).toMatch(/Maria Okafor/);
      expect(String(postsTo(t, "C-T2")[0]?.body.text)).toMatch(/Jonas Weber/);
      expect(String(postsTo(t, "C-T2")[0]?.body.text)).not.toMatch(/Maria Okafor/);
      expect(started).toHaveLength(1);
      // The Home tab lists the workspace's own articles.
      const homes = t.calls("views.publish").length;
      await eventOf(t, "T2", appHomeOpenedEvent("home", "U2"));
      await waitUntil(() => t.calls("views.publish").length === homes + 1, 10_000, "the Home tab");
      const view = JSON.stringify(t.calls("views.publish")[homes]?.body.view);
      expect(view).toContain("Initech opens Berlin office");
      expect(view).not.toContain("acme-berlin");
      expect(t.calls("views.publish")[homes]?.headers.authorization).toBe(`Bearer ${TOKEN_T2}`);
    } finally {
      await t.close();
    }
    expect(teams.folderOf("T1")).toBeUndefined();
    expect(teams.folderOf("../T2")).toBeUndefined();
  });
});
