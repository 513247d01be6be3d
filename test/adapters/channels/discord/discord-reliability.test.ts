import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordRefusedError } from "../../../../adapters/channels/discord/send-with-retry.ts";
import { NetworkError } from "../../../../src/model/errors.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { type DiscordHarness, startDiscordHarness } from "./discord-harness.ts";
import { IDS } from "./emulator/world.ts";

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 5_000, interval: 10 });
const postsTo = (h: DiscordHarness, channelId: string) =>
  h.emulator.requests("POST", new RegExp(`^/channels/${channelId}/messages$`));

describe.skipIf(!hasFixtureKb)("Discord delivery failures", () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  it("retries when the response to a send is lost, and the nonce keeps it to one message", async () => {
    const before = h.emulator.botMessages(IDS.general).length;
    const posts = postsTo(h, IDS.general).length;
    h.emulator.failNext({ method: "POST", path: /\/messages$/, status: 502, afterCommit: true });
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "Can I get a refund?",
      mentionBot: true,
    });
    await poll(() => h.results.has(question.id)).toBe(true);
    const attempts = postsTo(h, IDS.general).slice(posts);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.body.nonce).toBe(attempts[1]?.body.nonce);
    expect(attempts[0]?.body.enforce_nonce).toBe(true);
    expect(h.emulator.botMessages(IDS.general)).toHaveLength(before + 1);
  });

  it("retries a reset connection and delivers", async () => {
    const before = h.emulator.botMessages(IDS.general).length;
    const posts = postsTo(h, IDS.general).length;
    h.emulator.failNext({ method: "POST", path: /\/messages$/, status: 0 });
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "How do I reset my password?",
      mentionBot: true,
    });
    await poll(() => h.results.has(question.id)).toBe(true);
    expect(postsTo(h, IDS.general).slice(posts)).toHaveLength(2);
    expect(h.emulator.botMessages(IDS.general)).toHaveLength(before + 1);
  });

  it("gives up after three attempts on a persistent 5xx and surfaces a NetworkError", async () => {
    const posts = postsTo(h, IDS.general).length;
    h.emulator.failNext({ method: "POST", path: /\/messages$/, status: 503, times: 3 });
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "Can I get a refund?",
      mentionBot: true,
    });
    await poll(() => h.failures.find((failure) => failure.event.id === question.id)?.error).toBeInstanceOf(
      NetworkError,
    );
    expect(postsTo(h, IDS.general).slice(posts)).toHaveLength(3);
    expect(h.emulator.state.failures).toHaveLength(0);
  });

  it("marks a conversation undeliverable when Discord says Missing Access (403)", async () => {
    h.emulator.refuse("messages", IDS.announcements, { code: 50001, message: "Missing Access" });
    const question = h.emulator.userMessage({
      channelId: IDS.announcements,
      content: "How do I reset my password?",
      mentionBot: true,
    });
    const conversation = `discord:${IDS.announcements}`;
    await poll(() => h.undeliverable.map((entry) => entry.conversation)).toContain(conversation);
    expect(h.failures.find((failure) => failure.event.id === question.id)?.error).toBeInstanceOf(
      DiscordRefusedError,
    );
    await poll(async () => (await h.app.state.get(conversation))?.unreachable?.reason).toMatch(
      /Missing Access/,
    );
  });

  it("marks a DM undeliverable when the user no longer accepts messages, and the agent's send fails", async () => {
    const dm = h.emulator.state.openDm(IDS.minsu);
    h.emulator.refuse("messages", dm.id, { code: 50007, message: "Cannot send messages to this user" });
    const conversation = `discord:${dm.id}`;
    await expect(
      h.app.bot.proactive(conversation, "agent:test", (ctx) => ctx.reply("Hi, this is Mina from support")),
    ).rejects.toThrow(/Cannot send messages to this user/);
    await poll(() => h.undeliverable.map((entry) => entry.conversation)).toContain(conversation);
  });

  it("tells the user when an interaction turn fails, instead of leaving it thinking", async () => {
    h.emulator.failNext({
      method: "PATCH",
      path: /\/messages\/@original$/,
      status: 400,
      body: { code: 50035, message: "Invalid Form Body" },
    });
    const { token } = h.emulator.slashCommand({
      name: "ask",
      channelId: IDS.general,
      options: [{ name: "question", value: "Can I get a refund?" }],
    });
    await poll(() => h.emulator.requests("PATCH", new RegExp(token))).toHaveLength(2);
    expect(String(h.emulator.requests("PATCH", new RegExp(token))[1]?.body.content)).toMatch(
      /something went wrong/,
    );
  });
});
