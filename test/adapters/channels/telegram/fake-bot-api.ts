import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotPort } from "../../../../src/core/adapter.ts";
import type { InboundEventInput } from "../../../../src/model/events.ts";

/** One request the adapter made, as the server saw it. */
export interface CapturedCall {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * What the server answers: Telegram's `{ok, result}` or `{ok:false, error_code, description,
 * parameters}`; status 0 drops the connection instead (a network failure).
 */
export interface Reply {
  status: number;
  body: unknown;
}

type Handler = (body: Record<string, unknown>, nth: number) => Reply | undefined;

/** A Telegram Bot API stand-in on 127.0.0.1 that records every call and answers as scripted. */
export interface FakeBotApi {
  apiRoot: string;
  calls: CapturedCall[];
  callsTo(method: string): CapturedCall[];
  /**
   * Scripts `method`; return `undefined` to fall back to the default answer. `nth` counts calls
   * from 1, starting when the handler is set.
   */
  on(method: string, handler: Handler): void;
  /** Updates the next getUpdates answers with. */
  queueUpdates(...updates: unknown[]): void;
  close(): Promise<void>;
}

export const FAKE_BOT = { id: 4242, is_bot: true, first_name: "Switchboard", username: "SwitchboardTestBot" };

export const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });

export const dropConnection: Reply = { status: 0, body: undefined };

export const telegramError = (code: number, description: string, parameters?: object): Reply => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
});

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const calls: CapturedCall[] = [];
  const handlers = new Map<string, Handler>();
  const counts = new Map<string, number>();
  let pending: unknown[] = [];
  let messageId = 100;

  function defaultReply(method: string, body: Record<string, unknown>): Reply {
    switch (method) {
      case "getMe":
        return ok(FAKE_BOT);
      case "getUpdates": {
        const updates = pending;
        pending = [];
        return ok(updates);
      }
      case "sendMessage":
        return ok({
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: body.chat_id, type: "private" },
          text: body.text,
        });
      default:
        return ok(true);
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    let raw = "";
    for await (const chunk of request) raw += String(chunk);
    const method = /^\/bot[^/]+\/(\w+)$/.exec(request.url ?? "")?.[1] ?? "unknown";
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    calls.push({ method, body, at: Date.now() });
    const nth = (counts.get(method) ?? 0) + 1;
    counts.set(method, nth);
    const reply = handlers.get(method)?.(body, nth) ?? defaultReply(method, body);
    if (reply.status === 0) {
      request.socket.destroy();
      return;
    }
    response.writeHead(reply.status, { "content-type": "application/json" });
    response.end(JSON.stringify(reply.body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    on(method, handler) {
      handlers.set(method, handler);
      counts.set(method, 0);
    },
    queueUpdates: (...updates) => pending.push(...updates),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A BotPort that records what the adapter hands to the core. */
export function createRecordingBot(options: { delayMs?: number } = {}) {
  const events: InboundEventInput[] = [];
  const undeliverable: { conversation: string; reason: string }[] = [];
  const port: BotPort = {
    async handle(event) {
      events.push(event);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      return { duplicate: false, conversation: event.conversation, trace: {}, replies: [] };
    },
    async reportUndeliverable(conversation, reason) {
      undeliverable.push({ conversation, reason });
    },
  };
  return { port, events, undeliverable };
}

/** A token in the shape @BotFather issues. */
export const TEST_TOKEN = "123456789:AAtest-token-for-switchboard-tests_xyz";
