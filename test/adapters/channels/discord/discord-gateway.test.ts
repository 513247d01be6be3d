import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../../../src/model/errors.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { type DiscordHarness, startDiscordHarness } from "./discord-harness.ts";
import type { StoredMessage } from "./emulator/payloads.ts";
import { IDS, USERS } from "./emulator/world.ts";

const QUESTIONS = [
  "How do I reset my password?",
  "Can I get a refund?",
  "비밀번호를 잊어버렸어요",
  "How do I use a prompt I bought?",
];

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 8_000, interval: 10 });

function repliesTo(h: DiscordHarness, message: StoredMessage) {
  return h.emulator
    .botMessages(message.channel_id)
    .filter(
      (reply) => (reply.message_reference as { message_id?: string } | undefined)?.message_id === message.id,
    );
}

describe.skipIf(!hasFixtureKb)("Discord gateway reconnects and resumes", () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness();
  });
  afterAll(() => h?.close());

  it("loses and doubles nothing when the gateway drops (close 4000) in the middle of a burst", async () => {
    const burst: StoredMessage[] = [];
    const ask = (i: number) =>
      burst.push(
        h.emulator.userMessage({
          channelId: IDS.support,
          content: QUESTIONS[i % QUESTIONS.length] ?? "",
          author: i % 2 ? USERS.minsu : USERS.alice,
        }),
      );
    for (let i = 0; i < 4; i++) ask(i);
    // On RESUME the gateway also replays three dispatches the client had already seen.
    h.emulator.gateway.replayOverlapOnResume(3);
    h.emulator.gateway.forceReconnect("close");
    // Sent while the connection is down: Discord keeps them for the RESUME.
    for (let i = 4; i < 8; i++) ask(i);
    await poll(() => h.adapter.health().status).toBe("degraded");

    await poll(() => h.emulator.gateway.stats.resumes).toBe(1);
    await poll(() => burst.every((message) => repliesTo(h, message).length >= 1)).toBe(true);
    await poll(() => h.duplicates.length).toBeGreaterThanOrEqual(3);
    for (const message of burst) expect(repliesTo(h, message), message.content).toHaveLength(1);
    expect(h.emulator.gateway.stats.identifies).toBe(1);
    await poll(() => h.adapter.health()).toMatchObject({
      status: "up",
      detail: expect.stringMatching(/resumed/),
    });
  });

  it("resumes after an op 7 RECONNECT and keeps answering", async () => {
    h.emulator.gateway.forceReconnect("reconnect-op");
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "Can I get a refund?",
      mentionBot: true,
    });
    await poll(() => h.emulator.gateway.stats.resumes).toBe(2);
    await poll(() => repliesTo(h, question).length).toBe(1);
    expect(h.emulator.gateway.stats.identifies).toBe(1);
  });

  it("stops cleanly: the gateway session is closed and health is down", async () => {
    const other = await startDiscordHarness();
    expect(other.emulator.gateway.isConnected()).toBe(true);
    await other.adapter.stop();
    expect(other.emulator.gateway.isConnected()).toBe(false);
    expect(other.adapter.health()).toEqual({ status: "down", detail: "stopped" });
    await other.close();
  });
});

describe.skipIf(!hasFixtureKb)("Discord adapter without the MessageContent intent", () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness({ adapter: { messageContent: false } });
  });
  afterAll(() => h?.close());

  it("identifies without MessageContent, ignores blank support-channel messages, still answers mentions", async () => {
    expect(h.emulator.gateway.intents).toBe(1 + 512 + 4096);
    const unheard = h.emulator.userMessage({
      channelId: IDS.support,
      content: "How do I reset my password?",
    });
    const mention = h.emulator.userMessage({
      channelId: IDS.support,
      content: "How do I reset my password?",
      mentionBot: true,
    });
    await poll(() => repliesTo(h, mention).length).toBe(1);
    expect(h.events.map((event) => event.id)).not.toContain(unheard.id);
  });
});

describe("Discord adapter start-up errors", () => {
  it("says what to fix when Discord rejects the token", async () => {
    const failure = await startDiscordHarness({
      adapter: { token: "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.wrong-token-000000000000000000000" },
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/DISCORD_BOT_TOKEN/);
  });

  it("says what to do when the Message Content intent is not enabled in the portal (close 4014)", async () => {
    const failure = await startDiscordHarness({ messageContentApproved: false }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(/Privileged Gateway Intents.*DISCORD_MESSAGE_CONTENT=false/);
  });
});
