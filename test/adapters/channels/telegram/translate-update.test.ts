import { describe, expect, it } from "vitest";
import { parseCommand, translateMessage } from "../../../../adapters/channels/telegram/translate-update.ts";

const me = { id: 4242, username: "SwitchboardTestBot" };
const person = { id: 7, is_bot: false, first_name: "Mina" };
const translate = (fields: Record<string, unknown>, chat: object = { id: 7, type: "private" }) =>
  translateMessage(1, { message_id: 1, chat, from: person, ...fields }, me, {});

describe("Telegram update translation", () => {
  it("parses /command[@bot] args", () => {
    expect(parseCommand("/help")).toEqual({ name: "help", args: "" });
    expect(parseCommand("/Start@SwitchboardTestBot  tok_1 ")).toEqual({
      name: "start",
      target: "SwitchboardTestBot",
      args: "tok_1",
    });
    expect(parseCommand("/lang\nko")).toEqual({ name: "lang", args: "ko" });
    expect(parseCommand("hello /help")).toBeUndefined();
    expect(parseCommand("/")).toBeUndefined();
  });

  it("sends a command name the core cannot take as plain text", () => {
    expect(translate({ text: "/123" })).toMatchObject({
      kind: "event",
      event: { type: "message", text: "/123" },
    });
  });

  it("ignores what is not a person's text", () => {
    expect(translate({ sticker: { file_id: "x" } })).toMatchObject({ kind: "ignored", reason: "no text" });
    expect(
      translateMessage(
        1,
        { message_id: 1, chat: { id: 7, type: "private" }, from: { ...person, is_bot: true }, text: "hi" },
        me,
        {},
      ),
    ).toMatchObject({ kind: "ignored" });
    expect(translate({ text: "news" }, { id: -1001, type: "channel" })).toMatchObject({ kind: "ignored" });
    expect(translateMessage(1, { nonsense: true }, me, {})).toMatchObject({ kind: "ignored" });
  });

  it("takes captions, and text mentions of the bot, in groups", () => {
    const group = { id: -5, type: "group" };
    expect(translate({ caption: `@${me.username} is this receipt right?`, photo: [] }, group)).toMatchObject({
      kind: "event",
      event: { type: "message", text: "is this receipt right?", scope: "group" },
    });
    expect(
      translate(
        {
          text: "Support please help",
          entities: [{ type: "text_mention", offset: 0, length: 7, user: { id: me.id, is_bot: true } }],
        },
        group,
      ),
    ).toMatchObject({ kind: "event", event: { text: "please help" } });
  });

  it("keeps the raw update for debugging", () => {
    const update = { update_id: 1, message: {} };
    const result = translateMessage(
      1,
      { message_id: 1, chat: { id: 7, type: "private" }, from: person, text: "hi" },
      me,
      update,
    );
    expect(result).toMatchObject({
      kind: "event",
      event: { raw: update, id: "1", conversation: "telegram:7" },
    });
  });
});
