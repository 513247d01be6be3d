import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { isSupportedLanguage } from "../../src/i18n/languages.ts";
import { commandMessages } from "./command-messages.ts";

/**
 * Built-in commands every channel understands: `/start` and `/help` explain what the bot does,
 * `/lang en|ko` pins the reply language; unknown commands get a pointer to `/help`.
 */
export function commandsFeature(): Feature {
  function run(ctx: TurnContext): void {
    const event = ctx.event;
    if (event.type !== "command") return;
    ctx.act("command");
    switch (event.command) {
      case "start":
      case "help":
        ctx.reply(commandMessages.t(ctx, "help.text", { bot: ctx.botName }));
        return;
      case "lang": {
        const wanted = event.args.trim().toLowerCase().slice(0, 2);
        if (!isSupportedLanguage(wanted)) {
          ctx.reply(commandMessages.t(ctx, "lang.unknown"));
          return;
        }
        ctx.state.language = wanted;
        ctx.state.pinnedLanguage = wanted;
        ctx.reply({ text: commandMessages.t(wanted, "lang.changed"), language: wanted });
        return;
      }
      default:
        ctx.reply(commandMessages.t(ctx, "command.unknown", { command: event.command }));
    }
  }
  return {
    name: "commands",
    messages: commandMessages,
    // Installed last: any command no feature before it took is answered here.
    install: (composer) => composer.on("command", run),
  };
}
