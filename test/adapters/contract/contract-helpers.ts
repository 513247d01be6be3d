import { setTimeout as sleep } from "node:timers/promises";
import { type App, createApp } from "../../../src/app/create-app.ts";
import type { BotPort } from "../../../src/core/adapter.ts";
import { createLogger, createSilentLogger, type Logger } from "../../../src/core/logger.ts";
import type { TurnResult } from "../../../src/core/turn-result.ts";
import { testConfig } from "../../helpers/bot-harness.ts";
import { createScriptUnderstander } from "../../helpers/script-understander.ts";

/** `CONTRACT_TEST_LOG=debug npx vitest run test/adapters` shows the adapters' logs. */
export function contractLogger(): Logger {
  const level = process.env.CONTRACT_TEST_LOG;
  return level ? createLogger({ level }) : createSilentLogger();
}

/**
 * The core every driver wires its adapter to: `createApp` with the fixture KB, memory stores and
 * understanding pinned to language-by-script, so the contract tests the adapter and not the models.
 */
export function createContractApp(): Promise<App> {
  return createApp({
    config: testConfig(),
    logger: createSilentLogger(),
    understander: createScriptUnderstander(),
  });
}

/** Knows when the core has finished the turns an adapter started. */
export interface TurnTracker {
  /** Give this to `adapter.start` instead of the bot itself. */
  readonly port: BotPort;
  /**
   * Call right before the customer acts; the returned function resolves once the core has started
   * a turn after that moment and no turn is running any more (follow-ups included).
   */
  expectTurn(label: string): () => Promise<void>;
  readonly results: TurnResult[];
}

export function trackTurns(bot: BotPort, timeoutMs = 8_000): TurnTracker {
  let started = 0;
  let running = 0;
  const results: TurnResult[] = [];
  const waiters = new Set<() => void>();
  const changed = () => {
    for (const waiter of [...waiters]) waiter();
  };
  const port: BotPort = {
    async handle(event) {
      started++;
      running++;
      changed();
      try {
        const result = await bot.handle(event);
        results.push(result);
        return result;
      } finally {
        running--;
        changed();
      }
    },
    reportUndeliverable: (conversation, reason) => bot.reportUndeliverable(conversation, reason),
  };
  return {
    port,
    results,
    expectTurn(label) {
      const target = started + 1;
      return () =>
        new Promise<void>((resolve, reject) => {
          const check = () => {
            if (started < target || running > 0) return;
            waiters.delete(check);
            clearTimeout(timer);
            // Let I/O the turn queued (a socket write, a stream chunk) go out first.
            setImmediate(resolve);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`${label}: the core saw no turn within ${timeoutMs} ms`));
          }, timeoutMs);
          waiters.add(check);
          check();
        });
    },
  };
}

/**
 * The core's Markdown subset as the plain text a reader sees: emphasis and code markers dropped,
 * links as their label, whitespace collapsed. Drivers apply it after undoing their platform's
 * rendering; the contract applies it to the KB's answers, so both sides compare alike.
 */
export function plainText(text: string): string {
  return text
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\u200b/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The first sentence of a text: enough to recognise an answer however the platform wrapped it. */
export function firstSentence(text: string): string {
  return text.split(/(?<=[.!?。])\s/)[0] ?? text;
}

/** Counts of the resources keeping the event loop alive (sockets, servers, timers), by type. */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/**
 * Resources alive now that were not alive at `baseline` (`TCPSocketWrap +1`), after giving closing
 * sockets and timers up to `waitMs` to go.
 */
export async function leftoverResources(baseline: Map<string, number>, waitMs = 3_000): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const extra = [...activeResources()]
      .filter(([type, count]) => count > (baseline.get(type) ?? 0))
      .map(([type, count]) => `${type} +${count - (baseline.get(type) ?? 0)}`);
    if (extra.length === 0 || Date.now() > deadline) return extra;
    await sleep(25);
  }
}
