import { Keyv } from "keyv";
import { describe, expect, it, vi } from "vitest";
import { createSilentLogger } from "../../src/core/logger.ts";
import { createUnansweredLog } from "../../src/kb/unanswered-log.ts";
import { createErasure, type ErasureOptions } from "../../src/privacy/erasure.ts";
import type { TicketAnonymiser } from "../../src/privacy/erasure-ports.ts";
import { createKeyvTranscriptStore } from "../../src/store/keyv-transcript.ts";

const DAY = 24 * 3600 * 1000;

function setup(overrides: Partial<ErasureOptions> = {}) {
  let time = 1_800_000_000_000;
  const userConversations = new Keyv<unknown>();
  const state = new Keyv<unknown>();
  const pending = new Keyv<unknown>();
  const compacted: string[] = [];
  const erasure = createErasure({
    userConversations,
    ttlMs: 30 * DAY,
    state,
    transcript: createKeyvTranscriptStore(new Keyv()),
    unanswered: createUnansweredLog(new Keyv()),
    byConversation: [],
    byUserId: [pending],
    compaction: [{ compactAfterErasure: async () => void compacted.push("state file") }],
    logger: createSilentLogger(),
    now: () => time,
    ...overrides,
  });
  return {
    erasure,
    userConversations,
    state,
    pending,
    compacted,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe("erasure on request", () => {
  it("deletes the customer's preferences kept by channel and account id, and nobody else's", async () => {
    const preferences = new Keyv<unknown>();
    await preferences.set("telegram:42", true);
    await preferences.set("telegram:43", true);
    await preferences.set("discord:42", true);
    const { erasure } = setup({ byCustomer: [preferences] });
    await erasure.erase("telegram", "42", "telegram:42");
    expect(await preferences.get("telegram:42")).toBeUndefined();
    expect(await preferences.get("telegram:43")).toBe(true);
    expect(await preferences.get("discord:42")).toBe(true);
  });

  it("keeps a customer's conversation index alive with expiry, rewriting it at most daily", async () => {
    const { erasure, userConversations, advance } = setup();
    const set = vi.spyOn(userConversations, "set");
    await erasure.remember("telegram", "42", "telegram:42");
    expect(set).toHaveBeenLastCalledWith(
      "telegram:42",
      { conversations: ["telegram:42"], refreshedAt: expect.any(Number) },
      31 * DAY,
    );
    for (let turn = 0; turn < 10; turn++) await erasure.remember("telegram", "42", "telegram:42");
    expect(set).toHaveBeenCalledTimes(1);
    advance(DAY);
    await erasure.remember("telegram", "42", "telegram:42");
    expect(set).toHaveBeenCalledTimes(2);
    await erasure.remember("telegram", "42", "telegram:-100:7");
    expect(set).toHaveBeenCalledTimes(3);
    expect(await userConversations.get("telegram:42")).toMatchObject({
      conversations: ["telegram:42", "telegram:-100:7"],
    });
  });

  it("finds conversations listed in the index's old form (a bare list) and erases them", async () => {
    const { erasure, userConversations, state } = setup();
    await userConversations.set("web:s1", ["web:s1", "web:s1-old"]);
    await state.set("web:s1-old", { turns: 3 });
    const report = await erasure.erase("web", "s1", "web:s1");
    expect(report.conversations).toBe(2);
    expect(await state.get("web:s1-old")).toBeUndefined();
    expect(await userConversations.get("web:s1")).toBeUndefined();
  });

  it("erases the customer's pending private questions, not those of the same id on another channel", async () => {
    const { erasure, pending } = setup();
    await pending.set("p1", { text: "refund?", from: "telegram:-100", userId: "42", at: 1 });
    await pending.set("p2", { text: "refund?", from: "discord:g:c", userId: "42", at: 1 });
    await erasure.erase("telegram", "42", "telegram:42");
    expect(await pending.get("p1")).toBeUndefined();
    expect(await pending.get("p2")).toBeDefined();
  });

  it("compacts the stores once everything is deleted, and a failing compaction does not undo the erasure", async () => {
    const { erasure, compacted, state } = setup();
    await state.set("web:s2", { turns: 1 });
    await erasure.erase("web", "s2", "web:s2");
    expect(compacted).toEqual(["state file"]);
    const failing = setup({
      compaction: [
        {
          compactAfterErasure: async () => {
            throw new Error("reader holds the log");
          },
        },
      ],
    });
    await failing.state.set("web:s3", { turns: 1 });
    await expect(failing.erasure.erase("web", "s3", "web:s3")).resolves.toMatchObject({ conversations: 1 });
    expect(await failing.state.get("web:s3")).toBeUndefined();
  });

  it("anonymises tickets through its port, as the customer, and reports what it did", async () => {
    const calls: unknown[][] = [];
    const tickets: TicketAnonymiser = {
      anonymiseCustomer: async (...args) => {
        calls.push(args);
        return { tickets: 2, messages: 5 };
      },
    };
    const { erasure } = setup({ tickets });
    const report = await erasure.erase("discord", "7", "discord:g:c");
    expect(calls).toEqual([["discord", "7", { actor: "customer" }]]);
    expect(report).toEqual({ conversations: 1, tickets: 2, messages: 5 });
  });
});
