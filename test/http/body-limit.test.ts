import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_MESSAGE_BYTES } from "../../adapters/channels/web/web-limits.ts";
import { MAX_DESK_BODY_BYTES } from "../../adapters/desks/desk-web/desk-web.ts";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { testConfig } from "../helpers/bot-harness.ts";

/**
 * POSTs `bytes` of a chunked body (no Content-Length) and never ends it: only a server that answers
 * before the body is complete answers at all.
 */
function postUnfinished(url: string, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { "content-type": "application/json" } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", reject);
    req.write(Buffer.alloc(bytes, 0x20));
  });
}

describe("request body limits on the bot's own routes", () => {
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
  });
  afterAll(() => bot?.stop());

  it("web chat POST: 413 by Content-Length, and for a chunked body before it has ended", async () => {
    const declared = await fetch(`${bot.url}api/chat/messages`, {
      method: "POST",
      body: " ".repeat(MAX_MESSAGE_BYTES + 1),
    });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toMatch(/larger than/);
    expect(await postUnfinished(`${bot.url}api/chat/messages`, MAX_MESSAGE_BYTES + 1)).toBe(413);
  });

  it("desk API: 413 over its limit, by Content-Length or chunked", async () => {
    const url = `${bot.url}api/desk/handoffs/${encodeURIComponent("web:nobody")}/reply`;
    const declared = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: " ".repeat(MAX_DESK_BODY_BYTES + 1),
    });
    expect(declared.status).toBe(413);
    expect(await postUnfinished(url, MAX_DESK_BODY_BYTES + 1)).toBe(413);
  });

  it("the process still answers afterwards", async () => {
    expect((await fetch(`${bot.url}healthz`)).status).toBe(200);
  });
});
