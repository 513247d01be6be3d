/**
 * `npm run discord:register`: registers Switchboard's slash commands for the bot in
 * `DISCORD_BOT_TOKEN` — in the server `DISCORD_GUILD_ID` when set (changes show at once), else
 * globally — and prints the invite URL. Safe to run again after every upgrade.
 */
import { existsSync } from "node:fs";
import { ConfigError } from "../../../src/model/errors.ts";
import { discordOptionsFromEnv } from "./discord-config.ts";
import { inviteUrl, registerCommands } from "./slash-commands.ts";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const settings = discordOptionsFromEnv(process.env);
  if (!settings) {
    throw new ConfigError(
      "DISCORD_BOT_TOKEN is missing: create an application at https://discord.com/developers/applications, add a bot, copy its token into .env.",
    );
  }
  const result = await registerCommands({
    token: settings.token,
    apiUrl: settings.apiUrl,
    ...(settings.applicationId ? { applicationId: settings.applicationId } : {}),
    ...(settings.guildId ? { guildId: settings.guildId } : {}),
  });
  const where = result.scope === "guild" ? `in server ${settings.guildId}` : "globally";
  process.stdout.write(
    `Registered ${result.commands.map((command) => `/${command.name}`).join(", ")} ${where}.\n` +
      `Invite the bot with: ${inviteUrl(result.applicationId)}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
