import { z } from "zod";
import type { ChannelHealth } from "../../../src/core/adapter.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { PlatformError } from "../../../src/model/errors.ts";
import { type CallApi, callWithTimeout, sleep } from "./send-with-retry.ts";
import { type TelegramUpdate, telegramUpdateSchema } from "./update-schema.ts";

/** Long-polling settings. */
export interface PollingOptions {
  /** `timeout` of getUpdates: how long Telegram holds the request open when there is nothing new. */
  timeoutSeconds?: number;
  /** Pause after an empty answer; only matters for servers that do not hold the request (emulators). */
  idleDelayMs?: number;
  /** Longest back-off between failed polls. */
  maxBackoffMs?: number;
}

/** The update types the adapter handles; Telegram sends nothing else. */
export const ALLOWED_UPDATES = ["message", "callback_query"];

const updatesSchema = z.array(telegramUpdateSchema);

export interface Poller {
  /** Stops after the batch in hand is handled, then confirms the offset so it is not redelivered. */
  stop(): Promise<void>;
}

/**
 * Long polling with getUpdates: one request at a time, each batch handled before the next poll,
 * `offset` moved past what was handled. Failures never end the loop except a rejected token:
 * health turns `degraded` (network, 5xx), `down` (401, or 409 when another instance polls or a
 * webhook is set) and back to `up` on the next good poll.
 * @see https://core.telegram.org/bots/api#getupdates
 */
export function startPolling(options: {
  callApi: CallApi;
  onUpdates: (updates: TelegramUpdate[]) => Promise<void>;
  onHealth: (health: ChannelHealth) => void;
  logger: Logger;
  polling?: PollingOptions;
}): Poller {
  const { callApi, logger, onHealth } = options;
  const timeoutSeconds = options.polling?.timeoutSeconds ?? 50;
  const idleDelayMs = options.polling?.idleDelayMs ?? 100;
  const maxBackoffMs = options.polling?.maxBackoffMs ?? 30_000;
  const controller = new AbortController();
  const signal = controller.signal;
  let offset = 0;

  async function pollOnce(): Promise<TelegramUpdate[]> {
    const payload = { offset, timeout: timeoutSeconds, allowed_updates: ALLOWED_UPDATES };
    const result = await callWithTimeout(
      callApi,
      "getUpdates",
      payload,
      (timeoutSeconds + 15) * 1000,
      signal,
    );
    return updatesSchema.parse(result);
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      try {
        const updates = await pollOnce();
        failures = 0;
        onHealth({ status: "up", detail: "long polling" });
        if (updates.length === 0) {
          await sleep(idleDelayMs, signal);
          continue;
        }
        offset = Math.max(...updates.map((update) => update.update_id)) + 1;
        await options.onUpdates(updates);
      } catch (error) {
        if (signal.aborted) return;
        failures++;
        const status = error instanceof PlatformError ? error.status : undefined;
        const detail = error instanceof Error ? error.message : String(error);
        if (status === 401 || status === 404) {
          onHealth({
            status: "down",
            detail: `TELEGRAM_BOT_TOKEN was rejected (${status}): get a new one from @BotFather`,
          });
          logger.error({ err: detail }, "Telegram rejected the bot token; polling stopped");
          return;
        }
        const retryAfter = (error as { retryAfter?: number }).retryAfter;
        const waitMs = retryAfter ? retryAfter * 1000 : Math.min(maxBackoffMs, 1000 * 2 ** (failures - 1));
        onHealth(
          status === 409
            ? {
                status: "down",
                detail: `polling conflict: another instance polls with this token, or a webhook is set (${detail})`,
              }
            : { status: "degraded", detail: `polling error: ${detail}` },
        );
        logger.warn({ err: detail, waitMs }, "Telegram polling failed; retrying");
        await sleep(waitMs, signal).catch(() => undefined);
      }
    }
  }

  const running = loop();
  return {
    async stop() {
      controller.abort();
      await running;
      // Confirms the handled updates, as Telegram only forgets them on the next getUpdates.
      if (offset === 0) return;
      await callWithTimeout(
        callApi,
        "getUpdates",
        { offset, limit: 1, timeout: 0 },
        2_000,
        new AbortController().signal,
      ).catch(() => undefined);
    },
  };
}
