import type { App } from "@slack/bolt";
import type { ListenerContext } from "../context.js";
import { registerActions } from "./actions.js";
import { registerAppHome } from "./app-home.js";
import { registerAssistant } from "./assistant.js";
import { registerCommand } from "./command.js";
import { registerDirectMessage } from "./direct-message.js";
import { registerMention } from "./mention.js";
import { registerMessageEdit } from "./message-edit.js";
import { registerThreadReply } from "./thread-reply.js";

/** Registers every surface's listeners; each is a thin layer over the same core. */
export function registerListeners(app: App, ctx: ListenerContext) {
  // The assistant first: Bolt's Assistant is middleware that takes the messages of DM threads.
  registerAssistant(app, ctx);
  registerMention(app, ctx);
  registerDirectMessage(app, ctx);
  registerThreadReply(app, ctx);
  registerMessageEdit(app, ctx);
  registerCommand(app, ctx);
  registerActions(app, ctx);
  registerAppHome(app, ctx);
}
