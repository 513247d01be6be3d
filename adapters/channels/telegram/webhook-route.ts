import { timingSafeEqual } from "node:crypto";
import { Hono, type MiddlewareHandler } from "hono";
import type { Logger } from "../../../src/core/logger.ts";
import { limitBody } from "../../../src/http/body-limit.ts";
import { type TelegramUpdate, telegramUpdateSchema } from "./update-schema.ts";

/**
 * The header Telegram sends with every webhook request when `secret_token` was set.
 * @see https://core.telegram.org/bots/api#setwebhook
 */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/**
 * Largest webhook body, in bytes. An Update is one message (text up to 4,096 characters, entities,
 * a replied-to message, a poll or a file's metadata, never the file): a few KiB, tens at worst.
 * 256 KiB leaves room for anything Telegram adds and still bounds what a request can make us read.
 */
export const MAX_TELEGRAM_UPDATE_BYTES = 256 * 1024;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook receiver: verifies the secret header, parses the update and acknowledges at once;
 * `onUpdate` handles it afterwards, so a slow turn never makes Telegram time out and resend.
 * Requests without the header get 401, with a wrong one 403; neither is processed. Bodies over
 * {@link MAX_TELEGRAM_UPDATE_BYTES} get 413.
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
  // The secret is checked from the headers before anything else: a stranger's body is never read.
  const verify: MiddlewareHandler = async (c, next) => {
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
    return next();
  };
  const routes = new Hono();
  routes.post(options.path, verify, limitBody(MAX_TELEGRAM_UPDATE_BYTES), async (c) => {
    const update = telegramUpdateSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!update.success) return c.json({ error: "expected a Telegram Update object" }, 400);
    options.onUpdate(update.data);
    return c.json({ ok: true });
  });
  return routes;
}
