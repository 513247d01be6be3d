import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { type DiscordHarness, startDiscordHarness } from "./discord-harness.ts";
import type { StoredMessage } from "./emulator/payloads.ts";
import { IDS, USERS } from "./emulator/world.ts";

/**
 * End to end: the real discord.js client against the local gateway + REST emulator, the core from
 * createApp with the PromptMart fixture KB.
 */
describe.skipIf(!hasFixtureKb)("Discord adapter end to end (discord.js ↔ emulator)", () => {
  let h: DiscordHarness;
  let checked = 0;
  const poll = <T>(read: () => T) => expect.poll(read, { timeout: 5_000, interval: 10 });
  const repliesTo = (message: StoredMessage) =>
    h.emulator
      .botMessages(message.channel_id)
      .filter(
        (reply) =>
          (reply.message_reference as { message_id?: string } | undefined)?.message_id === message.id,
      );

  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  afterEach(() => {
    // Every message body the bot sent in this test suppressed mentions (no @everyone, users, roles),
    // except the staff-role ping that opens a private thread.
    const bodies = h.emulator.state.requests.slice(checked).filter((request) => "content" in request.body);
    checked = h.emulator.state.requests.length;
    for (const { body } of bodies) {
      const isStaffPing = String(body.content).startsWith(`<@&${IDS.staffRole}>`);
      expect(body.allowed_mentions).toEqual(
        isStaffPing ? { parse: [], roles: [IDS.staffRole] } : { parse: [] },
      );
    }
  });

  it("connects through GET /gateway/bot with only the intents it needs, heartbeats, and reports up", async () => {
    expect(h.emulator.requests("GET", /^\/gateway\/bot$/)).toHaveLength(1);
    // Guilds | GuildMessages | DirectMessages | MessageContent
    expect(h.emulator.gateway.intents).toBe(1 + 512 + 4096 + 32768);
    await poll(() => h.emulator.gateway.stats.heartbeats).toBeGreaterThan(0);
    expect(h.adapter.health()).toEqual({ status: "up", detail: "connected as switchboard to 1 server(s)" });
  });

  it("answers a mention in the channel, quoting the question", async () => {
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "How do I reset my password?",
      mentionBot: true,
    });
    await poll(() => repliesTo(question).length).toBe(1);
    expect(repliesTo(question)[0]?.content).toContain("Forgot password");
    expect(h.events.at(-1)).toMatchObject({
      type: "message",
      id: question.id,
      conversation: `discord:${IDS.general}`,
      scope: "group",
      text: "How do I reset my password?",
      user: { channel: "discord", id: IDS.alice, displayName: "Alice" },
    });
  });

  it("ignores chatter that is not for the bot, and its own messages", async () => {
    const before = h.events.length;
    h.emulator.userMessage({ channelId: IDS.general, content: "anyone up for lunch?" });
    const marker = h.emulator.userMessage({ channelId: IDS.general, content: "thanks!", mentionBot: true });
    await poll(() => h.events.at(-1)?.id).toBe(marker.id);
    expect(h.events.length).toBe(before + 1);
  });

  it("answers a Korean question in a support channel in Korean, without a mention", async () => {
    const question = h.emulator.userMessage({
      channelId: IDS.support,
      content: "비밀번호를 잊어버렸어요",
      author: USERS.minsu,
    });
    await poll(() => repliesTo(question).length).toBe(1);
    expect(repliesTo(question)[0]?.content).toContain("비밀번호 찾기");
  });

  it("treats each new post in the #help forum as its own conversation, answered in the post", async () => {
    const post = h.emulator.forumPost({ title: "How do I reset my password?", content: "I can't log in" });
    await poll(() => h.emulator.botMessages(post.channel_id).length).toBe(1);
    expect(h.emulator.botMessages(post.channel_id)[0]?.content).toContain("Forgot password");
    expect(h.events.at(-1)).toMatchObject({
      conversation: `discord:${IDS.helpForum}:${post.channel_id}`,
      scope: "group",
      text: "How do I reset my password?\n\nI can't log in",
    });
  });

  it("answers DMs privately", async () => {
    const dm = h.emulator.state.openDm(IDS.alice);
    const question = h.emulator.userMessage({ channelId: dm.id, content: "How do I reset my password?" });
    await poll(() => h.emulator.botMessages(dm.id).length).toBe(1);
    expect(h.events.find((event) => event.id === question.id)).toMatchObject({
      conversation: `discord:${dm.id}`,
      scope: "private",
    });
  });

  it("defers /ask at once, then replaces the deferred response with the answer", async () => {
    const { token, id } = h.emulator.slashCommand({
      name: "ask",
      channelId: IDS.general,
      options: [{ name: "question", value: "How do I reset my password?" }],
    });
    await poll(() =>
      h.emulator.requests("PATCH", new RegExp(`/webhooks/${IDS.bot}/${token}/messages/@original`)),
    ).toHaveLength(1);
    const [callback] = h.emulator.requests("POST", new RegExp(`/interactions/${id}/`));
    expect(callback?.body).toEqual({ type: 5 });
    const [edit] = h.emulator.requests("PATCH", new RegExp(token));
    expect(String(edit?.body.content)).toContain("Forgot password");
    expect(callback?.at).toBeLessThanOrEqual(edit?.at ?? 0);
    expect(h.emulator.state.interactions.get(id)?.acknowledged).toBe(true);
  });

  it("answers other slash commands ephemerally", async () => {
    const { token, id } = h.emulator.slashCommand({ name: "status", channelId: IDS.general });
    await poll(() => h.emulator.requests("PATCH", new RegExp(token))).toHaveLength(1);
    expect(h.emulator.requests("POST", new RegExp(`/interactions/${id}/`))[0]?.body).toEqual({
      type: 5,
      data: { flags: 64 },
    });
    expect(h.events.find((event) => event.id === id)).toMatchObject({ type: "command", command: "status" });
  });

  it("offers clarify choices as buttons; a press answers the pick and disables the buttons", async () => {
    const question = h.emulator.userMessage({ channelId: IDS.support, content: "결제", author: USERS.minsu });
    await poll(() => repliesTo(question).length).toBe(1);
    const clarify = repliesTo(question)[0] as StoredMessage;
    const buttons = (clarify.components as { components: { custom_id: string; label: string }[] }[]).flatMap(
      (row) => row.components,
    );
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons.at(-1)).toMatchObject({ label: "해당 없음", custom_id: "sb:faq.none" });
    const picked = buttons[1];
    const { id, token } = h.emulator.pressButton({
      message: clarify,
      customId: picked?.custom_id ?? "",
      user: USERS.minsu,
      locale: "ko",
    });

    await poll(() => h.emulator.requests("POST", new RegExp(`/webhooks/${IDS.bot}/${token}$`))).toHaveLength(
      1,
    );
    expect(h.emulator.requests("POST", new RegExp(`/interactions/${id}/`))[0]?.body).toEqual({ type: 6 });
    const faqId = picked?.custom_id.split(":")[2];
    await poll(() => h.results.get(id)?.trace).toMatchObject({ action: "answer", faqId });
    const answer = h.results.get(id)?.replies[0]?.text ?? "";
    const followUp = h.emulator.requests("POST", new RegExp(`/webhooks/${IDS.bot}/${token}$`))[0];
    expect(String(followUp?.body.content)).toContain(answer.split("\n")[0]?.slice(0, 20));
    expect(followUp?.body.flags).toBeUndefined();
    const disabled = h.emulator.requests("PATCH", new RegExp(`${token}/messages/@original`))[0]?.body
      .components as {
      components: { disabled?: boolean; custom_id: string; style: number }[];
    }[];
    const after = disabled.flatMap((row) => row.components);
    expect(after.every((button) => button.disabled === true)).toBe(true);
    expect(after.find((button) => button.custom_id === picked?.custom_id)?.style).toBe(1);
  });

  it("routes concurrent turns in one channel to their own destinations (mention and /ask)", async () => {
    const mention = h.emulator.userMessage({
      channelId: IDS.general,
      content: "Can I get a refund?",
      mentionBot: true,
    });
    const ask = h.emulator.slashCommand({
      name: "ask",
      channelId: IDS.general,
      options: [{ name: "question", value: "How do I reset my password?" }],
    });
    await poll(() => repliesTo(mention).length).toBe(1);
    await poll(() => h.emulator.requests("PATCH", new RegExp(ask.token))).toHaveLength(1);
    expect(repliesTo(mention)[0]?.content).not.toContain("Forgot password");
    expect(String(h.emulator.requests("PATCH", new RegExp(ask.token))[0]?.body.content)).toContain(
      "Forgot password",
    );
  });

  it("answers a MESSAGE_CREATE delivered twice only once", async () => {
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "Can I get a refund?",
      mentionBot: true,
    });
    h.emulator.gateway.dispatch("MESSAGE_CREATE", question);
    await poll(() => h.duplicates).toContain(question.id);
    await poll(() => h.results.has(question.id)).toBe(true);
    expect(repliesTo(question)).toHaveLength(1);
  });

  it("acknowledges and answers an INTERACTION_CREATE delivered twice only once", async () => {
    const { id, token, payload } = h.emulator.slashCommand({
      name: "ask",
      channelId: IDS.general,
      options: [{ name: "question", value: "Can I get a refund?" }],
    });
    h.emulator.gateway.dispatch("INTERACTION_CREATE", payload);
    await poll(() => h.emulator.requests("POST", new RegExp(`/interactions/${id}/`))).toHaveLength(2);
    await poll(() => h.results.has(id)).toBe(true);
    expect(h.emulator.requests("PATCH", new RegExp(token))).toHaveLength(1);
    expect(h.emulator.requests("POST", new RegExp(`/webhooks/${IDS.bot}/${token}$`))).toHaveLength(0);
    expect(h.events.filter((event) => event.id === id)).toHaveLength(1);
  });
});
