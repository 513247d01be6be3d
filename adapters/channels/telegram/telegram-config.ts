import { z } from "zod";
import { ConfigError } from "../../../src/model/errors.ts";

/** @see https://core.telegram.org/bots/features#botfather */
const TOKEN = /^\d{3,}:[A-Za-z0-9_-]{30,}$/;
/** @see https://core.telegram.org/bots/api#setwebhook (secret_token) */
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The Telegram variables, a plain `z.object` so `configSchema.extend(telegramConfigSchema.shape)`
 * merges it. The adapter is enabled when `TELEGRAM_BOT_TOKEN` is set. Rules that involve two
 * variables live in {@link telegramOptionsFromConfig}.
 */
export const telegramConfigSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .trim()
    .regex(TOKEN, {
      error:
        "TELEGRAM_BOT_TOKEN is invalid: get one from @BotFather (send /newbot, or /token for an existing bot); it looks like 123456789:AAE…",
    })
    .optional(),
  TELEGRAM_WEBHOOK_URL: z
    .url({
      protocol: /^https?$/,
      error:
        "TELEGRAM_WEBHOOK_URL must be the public URL Telegram posts updates to, e.g. https://bot.example.com/telegram/webhook; leave it unset to use long polling",
    })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(SECRET, {
      error:
        "TELEGRAM_WEBHOOK_SECRET must be 1–256 characters of A–Z, a–z, 0–9, _ or -, e.g. the output of `openssl rand -hex 32`",
    })
    .optional(),
  TELEGRAM_API_ROOT: z
    .url({
      protocol: /^https?$/,
      error: "TELEGRAM_API_ROOT must be an http(s) URL of a Bot API server, e.g. https://api.telegram.org",
    })
    .default("https://api.telegram.org"),
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

/** What {@link createTelegramAdapter} needs from the environment (add `logger`). */
export interface TelegramEnvOptions {
  token: string;
  apiRoot: string;
  webhook?: { url: string; secret: string };
}

/**
 * Adapter options from validated config; `undefined` when `TELEGRAM_BOT_TOKEN` is unset (Telegram
 * disabled). Throws {@link ConfigError} when the webhook variables do not fit together.
 */
export function telegramOptionsFromConfig(config: TelegramConfig): TelegramEnvOptions | undefined {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: secret } = config;
  if (!token) {
    if (url || secret)
      throw new ConfigError(
        "TELEGRAM_WEBHOOK_URL/TELEGRAM_WEBHOOK_SECRET are set but TELEGRAM_BOT_TOKEN is missing: create a bot with @BotFather and set its token, or remove the webhook variables.",
      );
    return undefined;
  }
  if (url && !secret)
    throw new ConfigError(
      "TELEGRAM_WEBHOOK_SECRET is missing: with TELEGRAM_WEBHOOK_URL set, Telegram must sign webhook requests. Set TELEGRAM_WEBHOOK_SECRET to a random string of A–Z, a–z, 0–9, _ or - (e.g. `openssl rand -hex 32`).",
    );
  const options: TelegramEnvOptions = { token, apiRoot: config.TELEGRAM_API_ROOT };
  if (url && secret) options.webhook = { url, secret };
  return options;
}

/**
 * Reads and validates the Telegram variables from an environment object (blank values count as
 * unset). Throws {@link ConfigError} naming each variable to fix.
 */
export function telegramOptionsFromEnv(
  env: Record<string, string | undefined>,
): TelegramEnvOptions | undefined {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key.startsWith("TELEGRAM_") && value !== undefined && value.trim() !== "",
    ),
  );
  const result = telegramConfigSchema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(
      `Invalid Telegram configuration (fix these in .env or the environment):\n${lines.join("\n")}`,
    );
  }
  return telegramOptionsFromConfig(result.data);
}
