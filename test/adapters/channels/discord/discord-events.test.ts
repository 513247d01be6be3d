import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ChannelInfo } from "../../../../adapters/channels/discord/channel-resolver.ts";
import { createComponentCodec } from "../../../../adapters/channels/discord/component-codec.ts";
import {
  messageToEvent,
  type TriggerContext,
  triggerOf,
} from "../../../../adapters/channels/discord/discord-events.ts";
import { interactionToEvent } from "../../../../adapters/channels/discord/discord-interactions.ts";
import {
  type GatewayMessage,
  gatewayInteractionSchema,
  gatewayMessageSchema,
} from "../../../../adapters/channels/discord/discord-payloads.ts";
import { inboundEventSchema } from "../../../../src/model/events.ts";

/** Payloads shaped after Discord's documented gateway dispatches (API v10). */
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));

const BOT = "1100000000000000001";
const GENERAL: ChannelInfo = { id: "1100000000000000110", type: 0, guildId: "1100000000000000100" };
const SUPPORT: ChannelInfo = { id: "1100000000000000112", type: 0, guildId: "1100000000000000100" };
const context: TriggerContext = {
  botUserId: BOT,
  supportChannelIds: new Set([SUPPORT.id, "1100000000000000111"]),
  staffRoleId: "1100000000000000120",
  ownThreads: new Set(["1300000000000000001"]),
};

function message(overrides: Partial<GatewayMessage> = {}): GatewayMessage {
  return gatewayMessageSchema.parse({
    id: "1350066272331116565",
    channel_id: SUPPORT.id,
    guild_id: "1100000000000000100",
    author: { id: "1100000000000000201", username: "alice" },
    content: "How do I reset my password?",
    timestamp: "2025-03-14T09:26:53.589000+00:00",
    type: 0,
    ...overrides,
  });
}

describe("MESSAGE_CREATE → neutral event", () => {
  it("translates a mention, stripping the bot's mention, with the member's nickname", () => {
    const raw = fixture("message-create-mention");
    const event = messageToEvent(gatewayMessageSchema.parse(raw), GENERAL, context, raw);
    expect(inboundEventSchema.parse(event)).toMatchObject({
      type: "message",
      id: "1350066272331116565",
      conversation: "discord:1100000000000000110",
      scope: "group",
      text: "How do I reset my password?",
      user: { channel: "discord", id: "1100000000000000201", displayName: "Ali" },
      timestamp: "2025-03-14T09:26:53.589Z",
    });
  });

  it.each([
    [
      "a DM",
      message({ guild_id: undefined, channel_id: "1350066800000000000" }),
      { id: "1350066800000000000", type: 1 },
      "dm",
    ],
    ["a support-channel question", message(), SUPPORT, "support-channel"],
    [
      "a reply to the bot",
      message({ channel_id: GENERAL.id, type: 19, referenced_message: { author: { id: BOT } } }),
      GENERAL,
      "reply",
    ],
    [
      "a post in a support forum",
      message({ channel_id: "1300000000000000099" }),
      { id: "1300000000000000099", type: 11, parentId: "1100000000000000111" },
      "support-channel",
    ],
    [
      "the bot's own private thread",
      message({ channel_id: "1300000000000000001" }),
      { id: "1300000000000000001", type: 12, parentId: GENERAL.id },
      "own-thread",
    ],
  ] as const)("answers %s", (_name, payload, channel, trigger) => {
    expect(triggerOf(payload, channel, context)).toBe(trigger);
  });

  it.each([
    ["chatter in an ordinary channel", message({ channel_id: GENERAL.id }), GENERAL],
    ["other bots", message({ author: { id: "9", username: "otherbot", bot: true } }), SUPPORT],
    ["webhooks", message({ webhook_id: "77" }), SUPPORT],
    ["system messages (a member joined)", message({ type: 7 }), SUPPORT],
    [
      "staff talking in a support channel",
      message({ member: { nick: null, roles: ["1100000000000000120"] } }),
      SUPPORT,
    ],
    [
      "a reply to another member",
      message({ type: 19, referenced_message: { author: { id: "5" } } }),
      SUPPORT,
    ],
    ["blank content (no MessageContent intent)", message({ content: "" }), SUPPORT],
  ] as const)("ignores %s", (_name, payload, channel) => {
    expect(triggerOf(payload, channel, context)).toBeUndefined();
  });

  it("puts a forum post's title in front of its first message", () => {
    const post: ChannelInfo = {
      id: "1300000000000000099",
      type: 11,
      parentId: "1100000000000000111",
      name: "Refund?",
    };
    const event = messageToEvent(
      message({ id: post.id, channel_id: post.id, content: "order 1234" }),
      post,
      context,
      {},
    );
    expect(event).toMatchObject({
      conversation: "discord:1100000000000000111:1300000000000000099",
      text: "Refund?\n\norder 1234",
    });
  });
});

describe("INTERACTION_CREATE → neutral event", () => {
  const codec = createComponentCodec();

  it("turns /ask in a forum post into a message in that post's conversation, with the user's locale", () => {
    const raw = fixture("interaction-create-ask");
    const event = interactionToEvent(gatewayInteractionSchema.parse(raw), codec, raw);
    expect(inboundEventSchema.parse(event)).toMatchObject({
      type: "message",
      id: "1350066723456706560",
      conversation: "discord:1100000000000000111:1350066100000000000",
      scope: "group",
      text: "카카오페이로 결제되나요?",
      user: { id: "1100000000000000202", displayName: "민수", locale: "ko" },
    });
  });

  it("turns a button pressed in a DM into the button's action", () => {
    const raw = fixture("interaction-create-button-dm");
    const event = interactionToEvent(gatewayInteractionSchema.parse(raw), codec, raw);
    expect(inboundEventSchema.parse(event)).toMatchObject({
      type: "action",
      action: "faq.pick",
      value: "refund-policy",
      conversation: "discord:1350066800000000000",
      scope: "private",
      user: { id: "1100000000000000201", locale: "en-GB" },
    });
  });

  it("turns other commands into command events with their text options as args", () => {
    const raw = fixture("interaction-create-ask") as { data: { name: string; options: unknown[] } };
    const ticket = {
      ...raw,
      data: { ...raw.data, name: "ticket", options: [{ name: "details", type: 3, value: "app crashes" }] },
    };
    expect(interactionToEvent(gatewayInteractionSchema.parse(ticket), codec, ticket)).toMatchObject({
      type: "command",
      command: "ticket",
      args: "app crashes",
    });
  });

  it("reports a button this process no longer remembers as expired", () => {
    const raw = fixture("interaction-create-button-dm") as { data: object };
    const stale = { ...raw, data: { ...raw.data, custom_id: "sbk:zz" } };
    expect(interactionToEvent(gatewayInteractionSchema.parse(stale), codec, stale)).toBe("expired");
  });
});
