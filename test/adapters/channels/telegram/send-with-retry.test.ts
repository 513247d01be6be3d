import { describe, expect, it } from "vitest";
import {
  type CallApi,
  createSender,
  DEFAULT_RETRY_POLICY,
} from "../../../../adapters/channels/telegram/send-with-retry.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { HandlerError, NetworkError } from "../../../../src/model/errors.ts";

function senderOver(callApi: CallApi) {
  return createSender({
    callApi,
    policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 1 },
    logger: createSilentLogger(),
    stop: new AbortController().signal,
  });
}

/** node-fetch's error for a connection the server dropped (what Telegraf throws). */
const connectionReset = () =>
  Object.assign(new Error("request to https://api.telegram.org failed, reason: socket hang up"), {
    name: "FetchError",
    type: "system",
    code: "ECONNRESET",
  });

describe("Telegram sender retries", () => {
  it("retries network failures, a bounded number of times", async () => {
    let calls = 0;
    const sender = senderOver(async () => {
      calls++;
      throw connectionReset();
    });
    await expect(sender.call("chat-1", "sendMessage", { text: "hi" })).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(3);
  });

  it("does not retry an error of our own, and the chat's next message still goes out", async () => {
    const sent: unknown[] = [];
    let calls = 0;
    const sender = senderOver(async (_method, payload) => {
      calls++;
      if (payload.text === "broken") throw new URIError("URI malformed");
      sent.push(payload.text);
      return { ok: true };
    });
    const failure = await sender
      .call("chat-1", "sendMessage", { text: "broken" })
      .catch((caught: unknown) => caught);
    expect(failure).toBeInstanceOf(HandlerError);
    expect((failure as Error).message).toMatch(
      /sendMessage could not be sent \(URIError: URI malformed\); not retried/,
    );
    await sender.call("chat-1", "sendMessage", { text: "next" });
    expect(calls).toBe(2);
    expect(sent).toEqual(["next"]);
  });

  it("sends lone surrogates as U+FFFD, so the Bot API never sees ill-formed UTF-16", async () => {
    const payloads: Record<string, unknown>[] = [];
    const sender = senderOver(async (_method, payload) => {
      payloads.push(payload);
      return { ok: true };
    });
    await sender.call("chat-1", "sendMessage", {
      chat_id: 1,
      text: "cut emoji \ud83d",
      reply_markup: { x: "\ude00" },
    });
    expect(payloads).toEqual([{ chat_id: 1, text: "cut emoji \ufffd", reply_markup: { x: "\ufffd" } }]);
  });
});
