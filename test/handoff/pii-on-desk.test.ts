import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { CANARY_MESSAGE, expectNoCanary } from "../helpers/pii-canaries.ts";

const mina = { id: "U-mina", name: "Mina" };

describe.skipIf(!hasFixtureKb)("personal data on the desk: summary, packet and thread are masked", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  it("an e-mail, a phone and a card number written before and after the hand-off never reach the desk unmasked", async () => {
    app = await createTestApp();
    const chat = talk(app);
    await chat.send(CANARY_MESSAGE);
    expectTurn(await chat.send("/human"), "escalate");
    await chat.send(CANARY_MESSAGE);
    await app.handoff.claim(chat.conversation, mina);
    await app.handoff.note(chat.conversation, mina, `customer gave ${CANARY_MESSAGE}`);
    const record = await app.handoff.get(chat.conversation);
    const summary = record?.packet.summary.join("\n") ?? "";
    expect(summary).toContain("•••• 1111");
    expectNoCanary(JSON.stringify(await app.handoff.list()));
    const lines = (await app.localDesk?.lines(chat.conversation)) ?? [];
    expect(lines.some((line) => line.from === "customer" && line.text.includes("m•••@example.com"))).toBe(
      true,
    );
    expectNoCanary(JSON.stringify(lines));
    // The transcript keeps the customer's own words (for the bot, and the owner's view later).
    expect(JSON.stringify(await app.transcript.list(chat.conversation))).toContain(
      "minji.canary@example.com",
    );
  });
});
