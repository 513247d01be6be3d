import { describe, expect, it } from "vitest";
import { createTurnRoutes, type MessageRoute } from "../../../../adapters/channels/discord/turn-routes.ts";

const address = { channel: "discord", conversation: "100" };
const route = (replyTo: string): MessageRoute => ({
  kind: "message",
  conversation: "discord:100",
  replyTo,
  sent: 0,
});

describe("Discord turn routes", () => {
  it("finds a reply's route by the event it answers, and only in that conversation", () => {
    const routes = createTurnRoutes();
    const first = route("m1");
    const second = route("m2");
    routes.open("m1", first);
    routes.open("m2", second);
    expect(routes.find({ address, inReplyTo: "m1" })).toBe(first);
    expect(routes.find({ address, inReplyTo: "m2" })).toBe(second);
    // A proactive send (no inReplyTo) or another conversation posts to the channel.
    expect(routes.find({ address })).toBeUndefined();
    expect(routes.find({ address: { channel: "discord", conversation: "200" }, inReplyTo: "m1" })).toBe(
      undefined,
    );
  });

  it("forgets a route when its turn is done, and a redelivery never closes the first delivery's route", () => {
    const routes = createTurnRoutes();
    const first = route("m1");
    const close = routes.open("m1", first);
    const closeRedelivery = routes.open("m1", route("m1"));
    closeRedelivery();
    expect(routes.find({ address, inReplyTo: "m1" })).toBe(first);
    close();
    expect(routes.find({ address, inReplyTo: "m1" })).toBeUndefined();
    expect(routes.size).toBe(0);
  });

  it("drops routes after the TTL and beyond the bound, oldest first", () => {
    let now = 0;
    const routes = createTurnRoutes({ ttlMs: 1_000, maxRoutes: 2, now: () => now });
    routes.open("m1", route("m1"));
    routes.open("m2", route("m2"));
    routes.open("m3", route("m3"));
    expect(routes.find({ address, inReplyTo: "m1" })).toBeUndefined();
    expect(routes.size).toBe(2);
    now = 1_000;
    expect(routes.find({ address, inReplyTo: "m3" })).toBeUndefined();
    expect(routes.size).toBe(0);
  });
});
