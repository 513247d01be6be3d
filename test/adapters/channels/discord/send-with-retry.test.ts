import { DiscordAPIError, HTTPError } from "discord.js";
import { describe, expect, it } from "vitest";
import { DiscordRefusedError, withRetry } from "../../../../adapters/channels/discord/send-with-retry.ts";
import { HandlerError, NetworkError } from "../../../../src/model/errors.ts";

const refused = (status: number, code: number, message: string) =>
  new DiscordAPIError({ code, message }, code, status, "POST", "https://discord.test/api/v10/x", {
    body: {},
  });

describe("withRetry", () => {
  it("retries network failures and 5xx, then succeeds", async () => {
    let calls = 0;
    const retried: string[] = [];
    const result = await withRetry(
      "sending",
      async () => {
        calls++;
        if (calls === 1) throw new TypeError("fetch failed");
        if (calls === 2)
          throw new HTTPError(502, "Bad Gateway", "POST", "https://discord.test", { body: {} });
        return "ok";
      },
      { baseDelayMs: 1, onRetry: (operation) => retried.push(operation) },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(retried).toEqual(["sending", "sending"]);
  });

  it("gives up after the configured attempts with a NetworkError that says what failed", async () => {
    let calls = 0;
    const failing = withRetry(
      "sending a message",
      async () => {
        calls++;
        throw new TypeError("fetch failed");
      },
      { attempts: 2, baseDelayMs: 1 },
    );
    await expect(failing).rejects.toThrow(NetworkError);
    await expect(failing).rejects.toThrow(/sending a message failed after 2 attempts: fetch failed/);
    expect(calls).toBe(2);
  });

  it("does not retry Discord's refusals, and knows which ones mean undeliverable", async () => {
    let calls = 0;
    const error = await withRetry("sending", async () => {
      calls++;
      throw refused(403, 50007, "Cannot send messages to this user");
    }).catch((caught: unknown) => caught);
    expect(calls).toBe(1);
    expect(error).toBeInstanceOf(DiscordRefusedError);
    expect(error).toMatchObject({
      status: 403,
      discordCode: 50007,
      undeliverable: true,
      code: "PLATFORM_REJECTED",
    });
    const permissions = await withRetry("sending", async () => {
      throw refused(403, 50013, "Missing Permissions");
    }).catch((caught: unknown) => caught as DiscordRefusedError);
    expect(permissions.undeliverable).toBe(false);
    expect(permissions.message).toMatch(/give the bot the missing permission/);
  });

  it("does not retry an error of our own: it would fail the same way again", async () => {
    for (const thrown of [
      new URIError("URI malformed"),
      new TypeError("Cannot read properties of undefined"),
    ]) {
      let calls = 0;
      const failure = await withRetry(
        "sending",
        async () => {
          calls++;
          throw thrown;
        },
        { baseDelayMs: 1 },
      ).catch((caught: unknown) => caught);
      expect(calls).toBe(1);
      expect(failure).toBeInstanceOf(HandlerError);
      expect((failure as Error).message).toMatch(
        /Discord sending failed \((URIError|TypeError): .*\); not retried/,
      );
    }
  });

  it("retries what the socket layer reports: a refused connection, a timeout", async () => {
    const refusedConnection = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
    });
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    let calls = 0;
    const result = await withRetry(
      "sending",
      async () => {
        calls++;
        if (calls === 1) throw refusedConnection;
        if (calls === 2) throw timeout;
        return "ok";
      },
      { baseDelayMs: 1 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });
});
