import type { App } from "@slack/bolt";
import { describeError, type ListenerContext } from "../context.js";
import { renderHome } from "../render-home.js";
import { COMMAND } from "./command.js";

/** The Home tab (app_home_opened): published with views.publish each time it is opened. */
export function registerAppHome(app: App, ctx: ListenerContext) {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      const language = await ctx.languages.of(client, event.user);
      const catalog = await ctx.browse(language);
      await client.views.publish({ user_id: event.user, view: renderHome(catalog, COMMAND, language) });
    } catch (err) {
      ctx.metrics.error("home");
      ctx.logger.error(`publishing the Home tab failed: ${describeError(err)}`);
    }
  });
}
