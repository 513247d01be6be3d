import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { FIXTURE_KB, hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { type DiscordHarness, startDiscordHarness } from "./discord-harness.ts";
import type { StoredMessage } from "./emulator/payloads.ts";
import { IDS } from "./emulator/world.ts";

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 5_000, interval: 10 });

/** Two entries added to the fixture KB: one that mentions @everyone/@here, one 2,500 characters long. */
const EXTRA_ENTRIES = [
  {
    id: "outage-announcements",
    category: "general",
    questions: { en: ["Where do you announce outages?"] },
    answer: {
      en: "We post outages in #status and ping @everyone there; @here is used for short maintenance. See [the status page](https://status.promptmart.example).",
    },
  },
  {
    id: "marketplace-terms",
    category: "general",
    questions: { en: ["Show me the full marketplace terms of service"] },
    answer: {
      en: Array.from({ length: 25 }, (_, i) =>
        `Clause ${i + 1}. ${"Sellers and buyers agree to the marketplace rules for prompts. ".repeat(1)}`.padEnd(
          99,
          ".",
        ),
      ).join("\n"),
    },
    links: [{ label: "Full terms", url: "https://promptmart.example/terms" }],
  },
];

describe.skipIf(!hasFixtureKb)("Discord rendering through the whole stack", () => {
  let h: DiscordHarness;
  let dir: string;
  const repliesTo = (message: StoredMessage) =>
    h.emulator.botMessages(message.channel_id).filter((reply) => {
      const reference = reply.message_reference as { message_id?: string } | undefined;
      return reference?.message_id === message.id || reply.id > message.id;
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-discord-"));
    const kb = parse(readFileSync(FIXTURE_KB, "utf8")) as { entries: unknown[] };
    kb.entries.push(...EXTRA_ENTRIES);
    const kbPath = path.join(dir, "kb.yaml");
    writeFileSync(kbPath, stringify(kb));
    h = await startDiscordHarness({ config: { KB_PATH: kbPath } });
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("never pings @everyone or @here from KB text, and renders links for Discord", async () => {
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "Where do you announce outages?",
      mentionBot: true,
    });
    await poll(() => repliesTo(question).length).toBe(1);
    const [reply] = h.emulator.requests("POST", new RegExp(`^/channels/${IDS.general}/messages$`)).slice(-1);
    const content = String(reply?.body.content);
    expect(content).not.toMatch(/@everyone|@here/);
    expect(content).toContain("@\u200beveryone");
    expect(content).toContain("@\u200bhere");
    expect(content).toContain("the status page (<https://status.promptmart.example>)");
    expect(reply?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("splits a 2,500-character answer into two messages, with the link button under the last", async () => {
    const question = h.emulator.userMessage({
      channelId: IDS.support,
      content: "Show me the full marketplace terms of service",
    });
    await poll(() => repliesTo(question).length).toBe(2);
    const parts = repliesTo(question);
    expect(parts.map((part) => part.content.length).every((length) => length <= 2_000)).toBe(true);
    expect(parts.map((part) => part.content).join("\n")).toContain("Clause 25.");
    expect(parts[0]?.components).toEqual([]);
    const buttons = ((parts[1]?.components ?? []) as { components: unknown[] }[]).flatMap(
      (row) => row.components,
    );
    expect(buttons).toContainEqual({
      type: 2,
      style: 5,
      label: "Full terms",
      url: "https://promptmart.example/terms",
    });
    // Only the first part quotes the question.
    expect(parts[0]?.message_reference).toMatchObject({ message_id: question.id });
    expect(parts[1]?.message_reference).toBeUndefined();
  });

  it("answers a proactive 2,500-character message in two parts", async () => {
    const long = "word ".repeat(500).trim();
    const before = h.emulator.botMessages(IDS.general).length;
    await h.app.bot.proactive(`discord:${IDS.general}`, "agent:test", (ctx) => ctx.reply(long));
    const parts = h.emulator.botMessages(IDS.general).slice(before);
    expect(parts).toHaveLength(2);
    expect(parts.map((part) => part.content).join(" ")).toBe(long);
  });
});
