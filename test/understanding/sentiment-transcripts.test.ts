import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

/**
 * The shipped sentiment models, end to end: the default understander (both bundled models) reads
 * each message, and the tone and escalation code acts on what it says.
 */
const APOLOGY = {
  en: /really sorry about this|I apologise|isn't the experience you should be having/,
  ko: /죄송/,
};

describe.skipIf(!hasFixtureKb)("sentiment through the core, as shipped", () => {
  let app: App;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it.each([
    ["damn, forgot my password again", APOLOGY.en],
    ["아 젠장, 비밀번호 또 까먹었네", APOLOGY.ko],
  ])("a mild swear at oneself gets no apology and no hand-off: %s", async (text, apology) => {
    const result = await talk(app).send(text);
    expect(result.trace.action).not.toBe("escalate");
    expect(result.replies.map((reply) => reply.text).join("\n")).not.toMatch(apology);
  });

  it.each([
    ["this is unacceptable, I want my money back now", APOLOGY.en],
    ["정말 어이없네요 당장 돈 돌려주세요", APOLOGY.ko],
  ])("an angry demand is met with an apology: %s", async (text, apology) => {
    const result = await talk(app).send(text);
    expect(result.trace.sentiment?.label).toBe("negative");
    expect(result.replies.map((reply) => reply.text).join("\n")).toMatch(apology);
  });
});
