import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { CANARY_MESSAGE, expectNoCanary } from "../../../helpers/pii-canaries.ts";
import { type DeskBot, startDeskBot, webCustomer } from "./desk-harness.ts";

describe.skipIf(!hasFixtureKb)("local desk API never shows personal data unmasked", () => {
  let bot: DeskBot;
  beforeAll(async () => {
    bot = await startDeskBot();
  });
  afterAll(() => bot?.stop());

  it("the list and the thread mask the customer's e-mail, phone and card number", async () => {
    const customer = await webCustomer(bot);
    await customer.say(CANARY_MESSAGE);
    await customer.say("/human");
    await customer.say(CANARY_MESSAGE);
    const list = await (await fetch(`${bot.url}api/desk/handoffs`)).text();
    expect(list).toContain(customer.conversation);
    expect(list).toContain("•••• 1111");
    expectNoCanary(list);
    const thread = await (
      await fetch(`${bot.url}api/desk/handoffs/${encodeURIComponent(customer.conversation)}/lines`)
    ).text();
    expect(thread).toContain("m•••@example.com");
    expectNoCanary(thread);
    customer.close();
  });
});
