import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  telegramConfigSchema,
  telegramOptionsFromEnv,
} from "../../../../adapters/channels/telegram/telegram-config.ts";
import { ConfigError } from "../../../../src/model/errors.ts";
import { TEST_TOKEN } from "./fake-bot-api.ts";

describe("Telegram configuration", () => {
  it("is disabled without TELEGRAM_BOT_TOKEN (blank counts as unset)", () => {
    expect(telegramOptionsFromEnv({})).toBeUndefined();
    expect(telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: "  ", PORT: "3000" })).toBeUndefined();
  });

  it("polls api.telegram.org by default, or the TELEGRAM_API_ROOT given", () => {
    expect(telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: TEST_TOKEN })).toEqual({
      token: TEST_TOKEN,
      apiRoot: "https://api.telegram.org",
    });
    expect(
      telegramOptionsFromEnv({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:8081" })
        ?.apiRoot,
    ).toBe("http://127.0.0.1:8081");
  });

  it("uses a webhook when TELEGRAM_WEBHOOK_URL and its secret are set", () => {
    expect(
      telegramOptionsFromEnv({
        TELEGRAM_BOT_TOKEN: TEST_TOKEN,
        TELEGRAM_WEBHOOK_URL: "https://bot.example.com/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET: "abc_DEF-123",
      })?.webhook,
    ).toEqual({ url: "https://bot.example.com/telegram/webhook", secret: "abc_DEF-123" });
  });

  it("tells the operator what to fix", () => {
    const fails = (env: Record<string, string>, message: RegExp) => {
      expect(() => telegramOptionsFromEnv(env)).toThrow(ConfigError);
      expect(() => telegramOptionsFromEnv(env)).toThrow(message);
    };
    fails({ TELEGRAM_BOT_TOKEN: "nope" }, /TELEGRAM_BOT_TOKEN is invalid: get one from @BotFather/);
    fails(
      { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.com/hook" },
      /TELEGRAM_WEBHOOK_SECRET is missing/,
    );
    fails(
      { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_URL: "ftp://x", TELEGRAM_WEBHOOK_SECRET: "s" },
      /TELEGRAM_WEBHOOK_URL must be the public URL/,
    );
    fails(
      {
        TELEGRAM_BOT_TOKEN: TEST_TOKEN,
        TELEGRAM_WEBHOOK_URL: "https://bot.example.com/hook",
        TELEGRAM_WEBHOOK_SECRET: "has spaces!",
      },
      /TELEGRAM_WEBHOOK_SECRET must be 1–256 characters/,
    );
    fails({ TELEGRAM_WEBHOOK_URL: "https://bot.example.com/hook" }, /TELEGRAM_BOT_TOKEN is missing/);
  });

  it("merges into a larger config schema", () => {
    const merged = z.object({ PORT: z.coerce.number() }).extend(telegramConfigSchema.shape);
    expect(merged.parse({ PORT: "3000" })).toEqual({
      PORT: 3000,
      TELEGRAM_API_ROOT: "https://api.telegram.org",
    });
  });
});
