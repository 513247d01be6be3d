import { z } from "zod";
import { ConfigError } from "../../../src/model/errors.ts";

/** Discord ids (snowflakes) are 17–20 digit numbers. */
const snowflake = (where: string) =>
  z
    .string()
    .trim()
    .regex(
      /^\d{17,20}$/,
      `must be a numeric Discord id: enable Developer Mode (User Settings → Advanced), then ${where}`,
    );

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "use true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const channelList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  )
  .pipe(z.array(snowflake("right-click each channel → Copy Channel ID; separate ids with commas")));

/**
 * The Discord part of Switchboard's configuration, merged into the core `configSchema`.
 * The adapter runs when `DISCORD_BOT_TOKEN` is set.
 *
 * @see https://discord.com/developers/docs/topics/oauth2#bots
 */
export const discordConfigSchema = z.object({
  DISCORD_BOT_TOKEN: z
    .string()
    .trim()
    .regex(
      /^(?:Bot\s+)?[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/,
      "does not look like a bot token: copy it from the Developer Portal → your application → Bot → Reset Token",
    )
    .transform((token) => token.replace(/^Bot\s+/, ""))
    .optional(),
  DISCORD_APPLICATION_ID: snowflake(
    "copy the Application ID from the Developer Portal → your application → General Information",
  ).optional(),
  DISCORD_GUILD_ID: snowflake("right-click your server → Copy Server ID").optional(),
  DISCORD_SUPPORT_CHANNEL_IDS: channelList.default([]),
  DISCORD_STAFF_ROLE_ID: snowflake(
    "Server Settings → Roles → right-click the staff role → Copy Role ID",
  ).optional(),
  DISCORD_MESSAGE_CONTENT: booleanString.default(true),
  DISCORD_API_URL: z
    .url({
      protocol: /^https?$/,
      error: "must be an http(s) URL such as https://discord.com/api",
    })
    .transform((url) => url.replace(/\/+$/, ""))
    .default("https://discord.com/api"),
});

export type DiscordConfig = z.infer<typeof discordConfigSchema>;

/** What the Discord adapter and `registerCommands` need, resolved from configuration. */
export interface DiscordEnvOptions {
  token: string;
  /** REST base without the version, e.g. `https://discord.com/api`; the gateway URL is discovered from it. */
  apiUrl: string;
  applicationId?: string;
  /** Register slash commands in this server only (instant) instead of globally. */
  guildId?: string;
  /** Channels (text or forum) where every message, or every new post, is a question for the bot. */
  supportChannelIds: readonly string[];
  /** Role pinged into private support threads so staff can see and join them. */
  staffRoleId?: string;
  /** Subscribe to the privileged MessageContent intent (needed for support channels). */
  messageContent: boolean;
}

/**
 * Settings from an already validated configuration, or `undefined` when `DISCORD_BOT_TOKEN` is not
 * set (the adapter is off).
 */
export function discordOptionsFromConfig(config: DiscordConfig): DiscordEnvOptions | undefined {
  if (!config.DISCORD_BOT_TOKEN) return undefined;
  return {
    token: config.DISCORD_BOT_TOKEN,
    apiUrl: config.DISCORD_API_URL,
    supportChannelIds: config.DISCORD_SUPPORT_CHANNEL_IDS,
    messageContent: config.DISCORD_MESSAGE_CONTENT,
    ...(config.DISCORD_APPLICATION_ID ? { applicationId: config.DISCORD_APPLICATION_ID } : {}),
    ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
    ...(config.DISCORD_STAFF_ROLE_ID ? { staffRoleId: config.DISCORD_STAFF_ROLE_ID } : {}),
  };
}

/**
 * Reads the `DISCORD_*` variables from an environment object. Returns `undefined` when
 * `DISCORD_BOT_TOKEN` is unset; throws {@link ConfigError} naming each variable to fix.
 */
export function discordOptionsFromEnv(
  env: Record<string, string | undefined>,
): DiscordEnvOptions | undefined {
  const present = Object.fromEntries(
    Object.keys(discordConfigSchema.shape).flatMap((key) => {
      const value = env[key];
      return value === undefined || value.trim() === "" ? [] : [[key, value]];
    }),
  );
  const result = discordConfigSchema.safeParse(present);
  if (!result.success) {
    // Values are not echoed: one of them is a secret.
    const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message}`);
    throw new ConfigError(
      `Invalid Discord configuration (fix these in .env or the environment):\n${lines.join("\n")}`,
    );
  }
  return discordOptionsFromConfig(result.data);
}
