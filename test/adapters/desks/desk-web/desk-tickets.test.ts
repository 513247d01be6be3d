import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { type DeskBot, startDeskBot, webCustomer } from "./desk-harness.ts";

const mina = { id: "local:mina", name: "Mina" };

describe.skipIf(!hasFixtureKb)("local desk API: form tickets", () => {
  let bot: DeskBot;
  beforeAll(async () => {
    bot = await startDeskBot();
  });
  afterAll(() => bot?.stop());

  it("a /ticket ticket is listed; a desk reply reaches the web chat customer", async () => {
    const customer = await webCustomer(bot);
    await customer.say("/ticket My exported PDF has broken Korean fonts on every page");
    const list = (await (await fetch(`${bot.url}api/desk/handoffs`)).json()) as {
      handoffs: { packet: { conversation: string; kind?: string; ticket?: { id: string } } }[];
    };
    const item = list.handoffs.find((found) => found.packet.conversation === customer.conversation);
    expect(item?.packet).toMatchObject({ kind: "ticket", ticket: { id: expect.stringMatching(/^T-\d+$/) } });
    const response = await fetch(
      `${bot.url}api/desk/handoffs/${encodeURIComponent(customer.conversation)}/reply`,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ agent: mina, text: "Which app version are you on?" }),
      },
    );
    expect(response.status).toBe(200);
    await expect.poll(() => customer.received).toContain("**Mina:** Which app version are you on?");
    customer.close();
  });
});
