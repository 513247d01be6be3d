import type { Client } from "discord.js";
import { ChannelType } from "discord.js";
import { describe, expect, it } from "vitest";
import { createChannelResolver } from "../../../../adapters/channels/discord/channel-resolver.ts";
import type { DiscordApi } from "../../../../adapters/channels/discord/discord-api.ts";

const emptyCache = { channels: { cache: new Map() } } as unknown as Client;

describe("Discord channel resolver", () => {
  it("looks an unknown channel up once, and settles the calls for it in the order they were made", async () => {
    let release: () => void = () => undefined;
    const calls: string[] = [];
    const api = {
      getChannel: async (id: string) => {
        calls.push(id);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { id, type: ChannelType.PublicThread, parent_id: "100" };
      },
    } as unknown as DiscordApi;
    const resolver = createChannelResolver(emptyCache, api);
    const order: string[] = [];
    // Messages are handed to the core as their lookup settles: the first must not be overtaken.
    const first = resolver.resolve("200").then(() => order.push("first"));
    const second = resolver.resolve("200").then(() => order.push("second"));
    release();
    await Promise.all([first, second]);
    const third = resolver.resolve("200").then(() => order.push("third"));
    await third;
    expect(calls).toEqual(["200"]);
    expect(order).toEqual(["first", "second", "third"]);
  });
});
