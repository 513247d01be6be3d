import { afterEach, describe, expect, it } from "vitest";
import { commandMessages } from "../../flows/commands/command-messages.ts";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, sentOn } from "../helpers/bot-harness.ts";

describe("a turn without words answers in the user's platform locale", () => {
  let app: App;
  afterEach(() => app?.close());

  it.each([
    ["ko-KR", "ko"],
    ["en-US", "en"],
  ] as const)("welcomes a new %s user in %s", async (locale, language) => {
    app = await createTestApp();
    await app.bot.handle({
      id: `welcome-${locale}`,
      conversation: `test:new-${locale}`,
      user: { channel: "test", id: `u-${locale}`, locale },
      type: "command",
      command: "start",
      args: "",
    });
    expect(sentOn(app).map((sent) => sent.message.text)).toEqual([
      commandMessages.t(language, "help.text", { bot: "Switchboard" }),
    ]);
  });

  it("keeps the conversation's language over the locale once it has one", async () => {
    app = await createTestApp();
    const user = { channel: "test", id: "u-pinned", locale: "ko-KR" };
    await app.bot.handle({
      id: "m1",
      conversation: "test:pinned",
      user,
      type: "message",
      text: "How do I reset my password?",
    });
    await app.bot.handle({
      id: "m2",
      conversation: "test:pinned",
      user,
      type: "command",
      command: "help",
      args: "",
    });
    expect(sentOn(app).at(-1)?.message.text).toBe(
      commandMessages.t("en", "help.text", { bot: "Switchboard" }),
    );
  });
});
