import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { TurnResult } from "../../src/core/turn-result.ts";
import { createTestApp, expectTurn, hasFixtureKb } from "../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";

const understander = scriptedUnderstander([
  { pattern: /refund|charged|환불|결제/i, intent: "refund_request" },
]);

/**
 * A submitted ticket form (the Discord modal) reaches the core as a `ticket` command with
 * `fields`: the ticket flow takes each field as what it is, never re-parsing one folded text.
 */
describe.skipIf(!hasFixtureKb)("ticket form fields", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  let seq = 0;
  function say(text: string, user: string): Promise<TurnResult> {
    return app.bot.handle({
      id: `say-${++seq}`,
      conversation: `test:form-${user}`,
      user: { channel: "test", id: user },
      type: "message",
      text,
    });
  }
  function submitForm(fields: Record<string, string>, user = "user-1"): Promise<TurnResult> {
    return app.bot.handle({
      id: `form-${++seq}`,
      conversation: `test:form-${user}`,
      user: { channel: "test", id: user },
      type: "command",
      command: "ticket",
      args: fields.description ?? "",
      fields,
    });
  }

  it("opens the ticket with the description and order number as typed (English)", async () => {
    app = await createTestApp({}, { understander });
    // The description mentions another order: the form's own field decides.
    const description = "I was charged twice, my order 88812 from last week is fine but this one is not";
    const result = await submitForm({ description, orderNumber: "PM-5521" });
    expect(expectTurn(result, "ticket")).toMatch(/I've opened ticket \*\*T-1001\*\*/);
    const [ticket] = await app.tickets.store.listByCustomer("test", "user-1");
    expect(ticket).toMatchObject({
      category: "billing",
      description,
      orderNumber: "PM-5521",
      language: "en",
    });
  });

  it("opens the ticket from a Korean form, and keeps text that looks like a label as text", async () => {
    app = await createTestApp({}, { understander });
    await say("/lang ko", "user-2");
    const description = "주문번호: 없음. 결제했는데 구매 내역에 프롬프트가 없어요";
    const result = await submitForm({ description, orderNumber: "PM-7781" }, "user-2");
    expect(expectTurn(result, "ticket")).toMatch(/문의를 접수했어요/);
    const [ticket] = await app.tickets.store.listByCustomer("test", "user-2");
    expect(ticket).toMatchObject({ description, orderNumber: "PM-7781", language: "ko" });
  });

  it.each([
    ["en", "I was charged but the prompt never showed up", "no idea", /order number/],
    ["ko", "결제했는데 구매 내역에 프롬프트가 없어요", "모르겠어요", /주문 번호/],
  ])(
    "%s: asks for the order number when the form's field is not one",
    async (lang, description, orderNumber, asked) => {
      app = await createTestApp({}, { understander });
      const user = `user-${lang}`;
      if (lang === "ko") await say("/lang ko", user);
      const result = await submitForm({ description, orderNumber }, user);
      expect(expectTurn(result, "ticket")).toMatch(asked);
      expect(await app.tickets.store.listByCustomer("test", user)).toEqual([]);
    },
  );
});
