import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { DeliveryTarget } from "../../src/core/adapter.ts";
import type { OutboundMessage } from "../../src/model/outbound.ts";
import { createCaptureAdapter, createTestApp } from "../helpers/bot-harness.ts";

/** A reply knows the turn it answers: adapters get the inbound event's id with each reply. */
describe("delivery targets", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  async function appWithTargets() {
    app = await createTestApp();
    const targets: { target: DeliveryTarget; message: OutboundMessage }[] = [];
    app.channels.register({
      ...createCaptureAdapter("reply"),
      async send(target, message) {
        targets.push({ target, message });
      },
    });
    return { app, targets };
  }

  for (const [lang, text] of [
    ["en", "How do I reset my password?"],
    ["ko", "비밀번호를 잊어버렸어요"],
  ] as const) {
    it(`passes the turn's event id as inReplyTo, and none on a proactive send (${lang})`, async () => {
      const { app, targets } = await appWithTargets();
      await app.bot.handle({
        id: `evt-${lang}`,
        type: "message",
        conversation: "reply:42",
        user: { channel: "reply", id: "u-42" },
        text,
      });
      expect(targets.length).toBeGreaterThan(0);
      expect(targets.map(({ target }) => target)).toEqual(
        targets.map(() => ({ address: { channel: "reply", conversation: "42" }, inReplyTo: `evt-${lang}` })),
      );
      const before = targets.length;
      await app.bot.proactive("reply:42", "agent:test", (ctx) => ctx.reply("A person here"));
      expect(targets.slice(before).map(({ target }) => target)).toEqual([
        { address: { channel: "reply", conversation: "42" } },
      ]);
    });
  }
});
