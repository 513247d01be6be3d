import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandMessages } from "../../../../flows/commands/command-messages.ts";
import { privacyMessages } from "../../../../flows/privacy/privacy-messages.ts";
import { httpHostOf } from "../../../../src/app/http-host.ts";
import { createHttpApp } from "../../../../src/http/create-http-app.ts";
import { encodeAddress } from "../../../../src/model/address.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { firstSentence, plainText } from "../../contract/contract-helpers.ts";
import {
  BOT_ACCOUNT,
  type BotFrameworkHarness,
  startBotFrameworkHarness,
  TENANT,
  teamsActivity,
} from "./bot-framework-harness.ts";

const address = (conversation: string) => encodeAddress({ channel: "botframework", conversation });

describe.skipIf(!hasFixtureKb)("Bot Framework adapter: channels, groups and delivery", () => {
  let harness: BotFrameworkHarness;
  beforeAll(async () => {
    harness = await startBotFrameworkHarness({ streamIntervalMs: 10 });
  });
  afterAll(() => harness.stop());

  const passwordAnswer = () =>
    firstSentence(plainText(harness.app.knowledge.current().entry("password-reset")?.answer.en ?? ""));

  /** Posts an activity that must not start a turn: 200, and the core saw nothing. */
  async function ignored(activity: Record<string, unknown>) {
    const turns = harness.tracker.results.length;
    const response = await harness.post(activity);
    expect(response.status).toBe(200);
    expect(harness.tracker.results.length).toBe(turns);
  }

  describe("Teams group chats and channels", () => {
    const channel = {
      id: "19:general@thread.tacv2;messageid=1700000000001",
      conversationType: "channel",
      isGroup: true,
    };

    it("ignores a channel message that does not @mention the bot", async () => {
      await ignored(teamsActivity(harness, { conversation: channel, text: "How do I reset my password?" }));
    });

    it("answers when @mentioned, with the mention stripped, as a group conversation", async () => {
      const from = harness.connector.calls.length;
      await harness.turn(
        "mention",
        teamsActivity(harness, {
          conversation: channel,
          text: "<at>Switchboard</at> How do I reset my password?",
          entities: [{ type: "mention", mentioned: BOT_ACCOUNT, text: "<at>Switchboard</at>" }],
        }),
      );
      expect(
        harness
          .messages(from)
          .map((reply) => plainText(String(reply.text)))
          .join(" "),
      ).toContain(passwordAnswer());
      const turn = harness.tracker.results.at(-1);
      expect(JSON.stringify(turn)).not.toContain("<at>");
      const [entry] = await harness.app.transcript.list(address(channel.id));
      expect(entry?.text).toBe("How do I reset my password?");
    });

    it("moves a personal matter to a new personal chat with the member (createConversation) and goes on there", async () => {
      const from = harness.connector.calls.length;
      const member = { id: "29:1private-member", name: "Pat", aadObjectId: "aad-private" };
      await harness.turn(
        "private",
        teamsActivity(harness, {
          conversation: channel,
          from: member,
          text: "<at>Switchboard</at> /ticket",
          entities: [{ type: "mention", mentioned: BOT_ACCOUNT, text: "<at>Switchboard</at>" }],
        }),
      );
      const chat = harness.connector.created.at(-1);
      expect(chat?.parameters).toMatchObject({
        isGroup: false,
        bot: { id: BOT_ACCOUNT.id },
        members: [{ id: member.id }],
        tenantId: TENANT,
        channelData: { tenant: { id: TENANT } },
      });
      const [moved] = harness
        .messages(from)
        .filter((reply) => (reply.conversation as { id: string }).id === channel.id);
      expect(moved?.text).toBe(privacyMessages.t("en", "private.moved"));
      await expect
        .poll(
          () => harness.connector.calls.slice(from).filter((call) => call.conversationId === chat?.id).length,
        )
        .toBeGreaterThan(0);
    });

    it("greets a team once when the bot is added, not when colleagues join", async () => {
      await ignored(
        teamsActivity(harness, {
          type: "conversationUpdate",
          conversation: channel,
          membersAdded: [{ id: "29:1colleague" }],
        }),
      );
      const from = harness.connector.calls.length;
      await harness.turn(
        "bot added",
        teamsActivity(harness, {
          type: "conversationUpdate",
          conversation: channel,
          membersAdded: [BOT_ACCOUNT],
        }),
      );
      expect(harness.messages(from)).toHaveLength(1);
    });
  });

  it("takes a word from the Teams app's command menu as that command", async () => {
    const from = harness.connector.calls.length;
    await harness.turn("menu", teamsActivity(harness, { conversation: { id: "a:1menu" }, text: "help" }));
    expect(harness.messages(from).map((reply) => reply.text)).toEqual([
      commandMessages.t("en", "help.text", { bot: "Switchboard" }),
    ]);
  });

  it("ignores reactions, typing and the bot's own activities", async () => {
    await ignored(
      teamsActivity(harness, { type: "messageReaction", reactionsAdded: [{ type: "like" }], replyToId: "x" }),
    );
    await ignored(teamsActivity(harness, { type: "typing" }));
    await ignored(teamsActivity(harness, { from: BOT_ACCOUNT, text: "echo" }));
  });

  it("Web Chat: welcomes the user who joins (not the bot's own arrival) and renders buttons as an Adaptive Card", async () => {
    const conversation = { id: "webchat-conv-1", conversationType: undefined };
    const webchat = (fields: Record<string, unknown>) =>
      teamsActivity(harness, {
        channelId: "webchat",
        conversation,
        from: { id: "dl_user1", name: "You" },
        ...fields,
      });
    await ignored(webchat({ type: "conversationUpdate", membersAdded: [BOT_ACCOUNT] }));
    const from = harness.connector.calls.length;
    await harness.turn(
      "user joined",
      webchat({ type: "conversationUpdate", locale: "ko-KR", membersAdded: [{ id: "dl_user1" }] }),
    );
    expect(harness.messages(from).map((reply) => reply.text)).toEqual([
      commandMessages.t("ko", "help.text", { bot: "Switchboard" }),
    ]);
    const asked = harness.connector.calls.length;
    await harness.turn("vague", webchat({ text: "결제" }));
    const [card] = (harness.messages(asked).at(-1)?.attachments ?? []) as { contentType: string }[];
    expect(card?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  });

  it("channels without Adaptive Cards get hero-card messageBack buttons, whose value comes back as the action", async () => {
    const conversation = { id: "other-channel-conv" };
    const other = (fields: Record<string, unknown>) =>
      teamsActivity(harness, { channelId: "kik", conversation, from: { id: "kik-user" }, ...fields });
    const asked = harness.connector.calls.length;
    await harness.turn("vague", other({ text: "결제" }));
    const [hero] = (harness.messages(asked).at(-1)?.attachments ?? []) as {
      contentType: string;
      content: { buttons: { type: string; title: string; value: unknown }[] };
    }[];
    expect(hero?.contentType).toBe("application/vnd.microsoft.card.hero");
    const button = hero?.content.buttons[0];
    expect(button?.type).toBe("messageBack");
    const pressed = harness.connector.calls.length;
    await harness.turn("press", other({ text: button?.title, value: button?.value }));
    const entry = harness.app.knowledge
      .current()
      .kb.entries.find((candidate) => candidate.questions.ko?.[0] === button?.title);
    const answer = firstSentence(plainText(entry?.answer.ko ?? "(no entry)"));
    expect(
      harness
        .messages(pressed)
        .map((reply) => plainText(String(reply.text)))
        .join(" "),
    ).toContain(answer);
  });

  describe("delivery", () => {
    const conversationId = "a:1delivery";
    const conversation = address(conversationId);
    beforeAll(async () => {
      await harness.turn(
        "first",
        teamsActivity(harness, { conversation: { id: conversationId }, text: "hello" }),
      );
      // Let the typing indicator land, so the failures below hit the sends under test.
      const typed = () =>
        harness.connector.calls.some(
          (c) => c.conversationId === conversationId && c.activity.type === "typing",
        );
      while (!typed()) await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const sendsTo = () => harness.connector.calls.filter((call) => call.conversationId === conversationId);

    // botbuilder's connector client retries 429 (after Retry-After) and 5xx three times, backing off
    // from one second: these two tests wait for real back-off.
    it("retries 429 (after Retry-After) and 5xx from the connector, then delivers once", {
      timeout: 30_000,
    }, async () => {
      const before = sendsTo().length;
      harness.connector.failNext(
        conversationId,
        { status: 429, retryAfter: 0 },
        { status: 502 },
        { status: 503 },
      );
      await harness.app.bot.proactive(conversation, "agent:test", (ctx) => ctx.reply("Still there?"));
      const delivered = sendsTo().slice(before);
      expect(delivered.map((call) => call.activity.text)).toEqual(["Still there?"]);
      expect(harness.adapter.health().status).toBe("up");
    });

    it("gives up after the retry budget and reports the channel degraded", { timeout: 60_000 }, async () => {
      harness.connector.failNext(
        conversationId,
        { status: 500 },
        { status: 500 },
        { status: 500 },
        { status: 500 },
      );
      await expect(
        harness.app.bot.proactive(conversation, "agent:test", (ctx) => ctx.reply("Lost")),
      ).rejects.toThrow(/500/);
      expect(harness.adapter.health().status).toBe("degraded");
      await harness.app.bot.proactive(conversation, "agent:test", (ctx) => ctx.reply("Back"));
      expect(harness.adapter.health().status).toBe("up");
    });

    it("streams on Teams by editing the message in place (updateActivity)", async () => {
      const stream = await harness.adapter.openStream?.(
        { address: { channel: "botframework", conversation: conversationId } },
        { text: "Looking" },
      );
      await stream?.update("Looking it up");
      await stream?.finish({ text: "Here is the answer." });
      const calls = sendsTo().filter((call) => call.activity.type === "message");
      const opened = calls.findLast((call) => call.method === "POST" && call.activity.text === "Looking");
      expect(opened).toBeDefined();
      const updates = calls.filter((call) => call.method === "PUT");
      expect(updates.at(-1)?.activity.text).toBe("Here is the answer.");
      expect(new Set(updates.map((call) => call.activityId)).size).toBe(1);
    });

    it("marks the conversation undeliverable when the channel answers 403 (bot removed)", async () => {
      harness.connector.failNext(conversationId, { status: 403 });
      await harness.app.bot.proactive(conversation, "agent:test", (ctx) => ctx.reply("Are you there?"));
      await expect
        .poll(async () => (await harness.app.state.get(conversation))?.unreachable?.reason)
        .toMatch(/403/);
    });
  });

  it("streams on Web Chat as one complete message (no updateActivity there)", async () => {
    const conversationId = "webchat-stream";
    await harness.turn(
      "first",
      teamsActivity(harness, {
        channelId: "webchat",
        conversation: { id: conversationId },
        from: { id: "dl_u2" },
        text: "hi",
      }),
    );
    const before = harness.connector.calls.filter(
      (call) => call.conversationId === conversationId && call.activity.type === "message",
    ).length;
    const stream = await harness.adapter.openStream?.(
      { address: { channel: "botframework", conversation: conversationId } },
      { text: "Looking" },
    );
    await stream?.update("Looking it up");
    await stream?.finish({ text: "Here is the answer." });
    const messages = harness.connector.calls
      .filter((call) => call.conversationId === conversationId && call.activity.type === "message")
      .slice(before);
    expect(messages.map((call) => [call.method, call.activity.text])).toEqual([
      ["POST", "Here is the answer."],
    ]);
  });

  it("erasure (/forget) deletes the stored conversation reference with the conversation", async () => {
    const conversationId = "a:1erase-me";
    const user = { id: "29:1erase", name: "Erin", aadObjectId: "aad-erase" };
    await harness.turn(
      "hello",
      teamsActivity(harness, { conversation: { id: conversationId }, from: user, text: "hello" }),
    );
    const send = () =>
      harness.adapter.send(
        { address: { channel: "botframework", conversation: conversationId } },
        { text: "ping" },
      );
    await send();
    await harness.app.erasure.erase("botframework", user.aadObjectId, address(conversationId));
    await expect(send()).rejects.toThrow(/No Bot Framework conversation reference/);
  });

  it("shows the channel's state on /healthz", async () => {
    const http = createHttpApp(httpHostOf(harness.app), []);
    const body = (await (await http.request("/healthz")).json()) as {
      channels?: Record<string, { status: string }>;
    };
    expect(JSON.stringify(body)).toContain("botframework");
    expect(JSON.stringify(body)).toMatch(/"botframework":\{"status":"(up|degraded)"/);
  });
});
