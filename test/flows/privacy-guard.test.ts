import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { PrivateContinuation } from "../../src/core/adapter.ts";
import type { Understander } from "../../src/core/understander.ts";
import { createCaptureAdapter, createTestApp, hasFixtureKb } from "../helpers/bot-harness.ts";

const refundIntent = { name: "refund_request", confidence: 0.9, outOfScope: false, ranked: [] };
const scripted: Understander = {
  understand(text) {
    const language = /[가-힣]/.test(text) ? "ko" : "en";
    const personal = /refund|환불/i.test(text);
    return { language: { code: language, confidence: 0.95 }, ...(personal ? { intent: refundIntent } : {}) };
  },
};

async function appWithGroupChannel(continuation: (token: string) => PrivateContinuation) {
  const app = await createTestApp({}, { understander: scripted });
  const group = createCaptureAdapter("group");
  const opened: string[] = [];
  group.openPrivateConversation = async ({ token }) => {
    opened.push(token);
    return continuation(token);
  };
  app.channels.register(group);
  return { app, group, opened };
}

let seq = 0;
const groupMessage = (text: string, user = "u1") => ({
  type: "message" as const,
  id: `g${++seq}`,
  conversation: "group:room1",
  user: { channel: "group", id: user },
  scope: "group" as const,
  text,
});

describe.skipIf(!hasFixtureKb)("privacy guard in group conversations", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it("moves a refund question to a private thread and answers it there (English)", async () => {
    const setup = await appWithGroupChannel(() => ({ conversation: "group:room1:private-thread" }));
    app = setup.app;
    const result = await app.bot.handle(groupMessage("Can I get a refund?"));
    expect(result.replies[0]?.text).toMatch(/private thread/);
    const inThread = setup.group.sent.filter((sent) => sent.address.thread === "private-thread");
    expect(inThread[0]?.message.text).toMatch(/digital goods/);
    expect(setup.group.sent.filter((sent) => sent.address.thread === undefined)).toHaveLength(1);
  });

  it("moves a Korean refund question and answers it in Korean in the thread", async () => {
    const setup = await appWithGroupChannel(() => ({ conversation: "group:room1:thread-ko" }));
    app = setup.app;
    const result = await app.bot.handle(groupMessage("환불 받을 수 있나요?"));
    expect(result.replies[0]?.text).toMatch(/비공개 스레드/);
    const inThread = setup.group.sent.find((sent) => sent.address.thread === "thread-ko");
    expect(inThread?.message.text).toMatch(/디지털 상품/);
  });

  it("offers a deep link, and the question continues when the user arrives in private", async () => {
    const setup = await appWithGroupChannel((token) => ({ link: `https://t.me/shopbot?start=${token}` }));
    app = setup.app;
    const result = await app.bot.handle(groupMessage("Can I get a refund?"));
    const button = result.replies[0]?.buttons?.[0];
    expect(button).toMatchObject({ kind: "link", label: "Continue privately" });
    const token = setup.opened[0] as string;
    const start = await app.bot.handle({
      type: "command",
      id: "dm-1",
      conversation: "group:dm-u1",
      user: { channel: "group", id: "u1" },
      command: "start",
      args: token,
    });
    expect(start.replies[0]?.text).toMatch(/You asked: “Can I get a refund\?”/);
    const answer = setup.group.sent.filter((sent) => sent.address.conversation === "dm-u1").at(-1);
    expect(answer?.message.text).toMatch(/digital goods/);
  });

  it("a deep-link token only works for the user it was made for", async () => {
    const setup = await appWithGroupChannel((token) => ({ link: `https://t.me/shopbot?start=${token}` }));
    app = setup.app;
    await app.bot.handle(groupMessage("환불 받을 수 있나요?"));
    const start = await app.bot.handle({
      type: "command",
      id: "dm-2",
      conversation: "group:dm-u2",
      user: { channel: "group", id: "someone-else" },
      command: "start",
      args: setup.opened[0] as string,
    });
    expect(start.replies[0]?.text).not.toMatch(/환불/);
  });

  it("general questions are answered in the group as usual", async () => {
    const setup = await appWithGroupChannel(() => ({ conversation: "group:room1:t" }));
    app = setup.app;
    const result = await app.bot.handle(groupMessage("What payment methods do you accept?"));
    expect(result.trace).toMatchObject({ action: "answer", faqId: "payment-methods" });
    expect(setup.opened).toHaveLength(0);
  });

  it("asks for a direct message when the channel cannot open a private conversation", async () => {
    const setup = await appWithGroupChannel(() => ({}));
    app = setup.app;
    const result = await app.bot.handle(groupMessage("/ticket my refund"));
    expect(result.replies[0]?.text).toMatch(/direct message/);
  });
});
