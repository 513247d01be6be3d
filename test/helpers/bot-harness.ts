import { existsSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { type Config, PROJECT_ROOT, parseConfig } from "../../src/app/config.ts";
import { type App, type AppOptions, createApp } from "../../src/app/create-app.ts";
import type { Adapter, ChannelHealth } from "../../src/core/adapter.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import type { TurnAction } from "../../src/core/trace.ts";
import type { TurnResult } from "../../src/core/turn-result.ts";
import type { Address } from "../../src/model/address.ts";
import type { Capabilities } from "../../src/model/capabilities.ts";
import type { OutboundMessage } from "../../src/model/outbound.ts";

/** The shared bilingual fixture KB (beside the repository, in ../shared). */
export const FIXTURE_KB = path.resolve(PROJECT_ROOT, "..", "shared", "fixtures", "promptmart-kb.yaml");
export const hasFixtureKb = existsSync(FIXTURE_KB);
if (!hasFixtureKb) console.warn(`Fixture KB not found at ${FIXTURE_KB}: tests that need it are skipped.`);

/**
 * Configuration for tests: memory store, the fixture KB when present (else the demo KB). Most test
 * files play many customers with one user id, so the ticket and hand-off budgets are off unless a
 * test sets them (test/abuse does).
 */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    STORE: "memory",
    KB_WATCH: "false",
    LOG_LEVEL: "silent",
    TICKETS_DB_FILE: ":memory:",
    RATE_LIMIT_TICKETS: "off",
    RATE_LIMIT_HANDOFFS: "off",
    ...(hasFixtureKb ? { KB_PATH: FIXTURE_KB } : {}),
    ...overrides,
  });
}

/** An adapter that records what the core sends, for transcript tests. */
export interface CaptureAdapter extends Adapter {
  sent: { address: Address; message: OutboundMessage }[];
}

export function createCaptureAdapter(channel: string, capabilities?: Partial<Capabilities>): CaptureAdapter {
  const sent: CaptureAdapter["sent"] = [];
  const health: ChannelHealth = { status: "up" };
  return {
    channel,
    capabilities: {
      buttons: true,
      linkButtons: true,
      threads: false,
      edits: false,
      markdown: true,
      maxMessageLength: 4000,
      ...capabilities,
    },
    sent,
    async start() {},
    async send({ address }, message) {
      sent.push({ address, message });
    },
    async stop() {},
    health: () => health,
  };
}

export async function createTestApp(
  overrides: Record<string, string> = {},
  options: Omit<AppOptions, "config"> = {},
): Promise<App> {
  const app = await createApp({ config: testConfig(overrides), logger: createSilentLogger(), ...options });
  app.channels.register(createCaptureAdapter("test"));
  return app;
}

/** The capture adapter `createTestApp` registers for the `test` channel. */
export function sentOn(app: App, channel = "test"): CaptureAdapter["sent"] {
  return (app.channels.get(channel) as CaptureAdapter).sent;
}

let counter = 0;

/** A conversation driven like a user would: `send`, `press`, with the result of each turn. */
export function talk(app: App, conversation = `test:${++counter}`, user = "user-1") {
  let seq = 0;
  const [channel] = conversation.split(":") as [string];
  const base = () => ({ id: `${conversation}#${++seq}`, conversation, user: { channel, id: user } });
  return {
    conversation,
    send: (text: string): Promise<TurnResult> => app.bot.handle({ ...base(), type: "message", text }),
    press: (action: string, value?: string): Promise<TurnResult> =>
      app.bot.handle({ ...base(), type: "action", action, ...(value === undefined ? {} : { value }) }),
  };
}

/** Asserts the kind of turn and returns its first reply's text. */
export function expectTurn(result: TurnResult, action: TurnAction, faqId?: string): string {
  expect(result.trace.action, JSON.stringify(result.trace)).toBe(action);
  if (faqId !== undefined) expect(result.trace.faqId).toBe(faqId);
  return result.replies.map((reply) => reply.text).join("\n");
}
