import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import type { Logger } from "../../src/core/logger.ts";
import { type TelegramUpdate, telegramUpdateSchema } from "./update-schema.ts";

/**
 * The header Telegram sends with every webhook request when `secret_token` was set.
 * @see https://core.telegram.org/bots/api#setwebhook
 */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook receiver: verifies the secret header, parses the update and acknowledges at once;
 * `onUpdate` handles it afterwards, so a slow turn never makes Telegram time out and resend.
 * Requests without the header get 401, with a wrong one 403; neither is processed.
 * Before the adapter has started it answers 503, which Telegram retries.
 * @see https://core.telegram.org/bots/api#setwebhook
 */
export function createWebhookRoute(options: {
  path: string;
  secret: string;
  /** False until the adapter is started: Telegram gets 503 and delivers the update again later. */
  isReady: () => boolean;
  onUpdate: (update: TelegramUpdate) => void;
  logger: Logger;
}): Hono {
  const routes = new Hono();
  routes.post(options.path, async (c) => {
    const given = c.req.header(SECRET_HEADER);
    if (given === undefined) return c.json({ error: `missing ${SECRET_HEADER}` }, 401);
    if (!sameSecret(given, options.secret)) {
      options.logger.warn(
        { path: options.path },
        "Telegram webhook request with a wrong secret token rejected",
      );
      return c.json({ error: `wrong ${SECRET_HEADER}` }, 403);
    }
    if (!options.isReady()) return c.json({ error: "the bot is starting" }, 503);
    const update = telegramUpdateSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!update.success) return c.json({ error: "expected a Telegram Update object" }, 400);
    options.onUpdate(update.data);
    return c.json({ ok: true });
  });
  return routes;
}
