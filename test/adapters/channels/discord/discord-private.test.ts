import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { type DiscordHarness, startDiscordHarness } from "./discord-harness.ts";
import { IDS, USERS } from "./emulator/world.ts";

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 5_000, interval: 10 });

describe.skipIf(!hasFixtureKb)("Discord private conversations and agent messages", () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  const open = (conversation: string, userId: string = IDS.alice) => {
    const adapter = h.adapter;
    if (!adapter.openPrivateConversation) throw new Error("the Discord adapter opens private conversations");
    return adapter.openPrivateConversation({ conversation, userId, token: "pending-1" });
  };

  it("opens a private thread under the channel, adds the user and pings only the staff role", async () => {
    const continuation = await open(`discord:${IDS.general}`);
    const [create] = h.emulator.requests("POST", new RegExp(`^/channels/${IDS.general}/threads$`));
    expect(create?.body).toMatchObject({ type: 12, invitable: false });
    const threadId = String(continuation.conversation?.split(":")[2]);
    expect(continuation).toEqual({ conversation: `discord:${IDS.general}:${threadId}` });
    expect(
      h.emulator.requests("PUT", new RegExp(`^/channels/${threadId}/thread-members/${IDS.alice}$`)),
    ).toHaveLength(1);
    const [ping] = h.emulator.requests("POST", new RegExp(`^/channels/${threadId}/messages$`));
    expect(ping?.body).toMatchObject({
      content: expect.stringContaining(`<@&${IDS.staffRole}>`),
      allowed_mentions: { parse: [], roles: [IDS.staffRole] },
    });
  });

  it("posts an agent's message into the thread through bot.proactive", async () => {
    const { conversation } = await open(`discord:${IDS.general}`, IDS.minsu);
    const threadId = String(conversation?.split(":")[2]);
    const sent = await h.app.bot.proactive(String(conversation), "agent:test", (ctx) =>
      ctx.reply("Hi, this is Mina from support"),
    );
    expect(sent).toHaveLength(1);
    const posted = h.emulator.requests("POST", new RegExp(`^/channels/${threadId}/messages$`)).at(-1);
    expect(posted?.body).toMatchObject({
      content: "Hi, this is Mina from support",
      allowed_mentions: { parse: [] },
    });
    expect(posted?.body.message_reference).toBeUndefined();
  });

  it("hears everything the user says in the private thread, as a private conversation", async () => {
    const { conversation } = await open(`discord:${IDS.general}`);
    const threadId = String(conversation?.split(":")[2]);
    const question = h.emulator.userMessage({ channelId: threadId, content: "Can I get a refund?" });
    await poll(() => h.emulator.botMessages(threadId).length).toBe(2); // staff ping + answer
    expect(h.events.find((event) => event.id === question.id)).toMatchObject({
      conversation: `discord:${IDS.general}:${threadId}`,
      scope: "private",
    });
  });

  it("falls back to a DM where private threads are impossible (a forum post)", async () => {
    const post = h.emulator.forumPost({ title: "refund for order 1234", content: "please help" });
    const continuation = await open(`discord:${IDS.helpForum}:${post.channel_id}`);
    const dm = h.emulator.state.openDm(IDS.alice);
    expect(continuation).toEqual({ conversation: `discord:${dm.id}` });
    expect(h.emulator.requests("POST", /^\/users\/@me\/channels$/).at(-1)?.body).toEqual({
      recipient_id: IDS.alice,
    });
  });

  it("falls back to a DM when the bot may not create private threads (403)", async () => {
    h.emulator.refuse("threads", IDS.support, { code: 50013, message: "Missing Permissions" });
    const continuation = await open(`discord:${IDS.support}`, IDS.minsu);
    expect(continuation.conversation).toBe(`discord:${h.emulator.state.openDm(IDS.minsu).id}`);
  });

  it("returns nothing when the user does not accept DMs either", async () => {
    h.emulator.refuse("dm", IDS.staff, { code: 50007, message: "Cannot send messages to this user" });
    expect(await open(`discord:${IDS.helpForum}`, IDS.staff)).toEqual({});
  });

  it("keeps a conversation that is already private where it is", async () => {
    const dm = h.emulator.state.openDm(USERS.alice.id);
    expect(await open(`discord:${dm.id}`)).toEqual({ conversation: `discord:${dm.id}` });
  });
});
