import { describe, expect, it } from "vitest";
import { triggerOf } from "../../../../adapters/channels/discord/discord-events.ts";
import { gatewayMessageSchema } from "../../../../adapters/channels/discord/discord-payloads.ts";
import { OWN_THREADS_CAPACITY, OwnThreads } from "../../../../adapters/channels/discord/private-threads.ts";

const BOT = "1100000000000000001";

describe("the bot's own private threads are remembered within a bound", () => {
  it("forgets the oldest past its capacity, and a re-added thread counts as new", () => {
    const threads = new OwnThreads(3);
    for (const id of ["a", "b", "c"]) threads.add(id);
    threads.add("a");
    threads.add("d");
    expect([...threads]).toEqual(["c", "a", "d"]);
    expect(threads.has("b")).toBe(false);
  });

  it("stays at its default capacity however many threads a long-running bot opens", () => {
    const threads = new OwnThreads();
    for (let i = 0; i < OWN_THREADS_CAPACITY + 5_000; i++)
      threads.add(String(1_300_000_000_000_000_000n + BigInt(i)));
    expect(threads.size).toBe(OWN_THREADS_CAPACITY);
  });

  it("a forgotten thread is still the bot's: Discord names the bot as its owner", () => {
    const threads = new OwnThreads(1);
    threads.add("1300000000000000001");
    threads.add("1300000000000000002");
    const message = gatewayMessageSchema.parse({
      id: "1350066272331116565",
      channel_id: "1300000000000000001",
      guild_id: "1100000000000000100",
      author: { id: "1100000000000000201", username: "alice" },
      content: "still there?",
      timestamp: "2025-03-14T09:26:53.589000+00:00",
      type: 0,
    });
    const thread = { id: "1300000000000000001", type: 12, parentId: "1100000000000000110", ownerId: BOT };
    const context = { botUserId: BOT, supportChannelIds: new Set<string>(), ownThreads: threads };
    expect(threads.has(thread.id)).toBe(false);
    expect(triggerOf(message, thread, context)).toBe("own-thread");
  });
});
