import { describe, expect, it } from "vitest";
import { type HandoffEvent, toBotFrameworkActivity } from "../../src/handoff/bot-framework-events.ts";
import type { Desk } from "../../src/handoff/desk.ts";
import { ownershipOf } from "../../src/handoff/ownership.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

const unreachableDesk: Desk = {
  name: "down",
  async open() {
    throw new Error("connect ECONNREFUSED");
  },
  async update() {},
  async relay() {},
  health: () => ({ status: "down", detail: "unreachable" }),
};

describe.skipIf(!hasFixtureKb)("hand-off events and failures", () => {
  it("emits Bot Framework handoff.initiate and handoff.status activities", async () => {
    const events: HandoffEvent[] = [];
    const app = await createTestApp({}, { onHandoffEvent: (event) => events.push(event) });
    const chat = talk(app);
    await chat.send("My payment was declined");
    await chat.send("/human");
    await app.handoff.claim(chat.conversation, { id: "U1", name: "Mina" });
    await app.handoff.close(chat.conversation, { id: "U1", name: "Mina" });
    const activities = events.map(toBotFrameworkActivity);
    expect(activities.map((a) => [a.name, a.value.state])).toEqual([
      ["handoff.initiate", undefined],
      ["handoff.status", "accepted"],
      ["handoff.status", "completed"],
    ]);
    const initiate = activities[0];
    expect(initiate?.conversation.id).toBe(chat.conversation);
    expect(initiate?.value).toMatchObject({
      reason: "customer asked for a person",
      priority: "normal",
      language: "en",
    });
    expect(initiate?.attachments?.[0]).toMatchObject({ contentType: "application/json", name: "Transcript" });
    expect(JSON.stringify(initiate?.attachments?.[0]?.content)).toContain("My payment was declined");
    expect(activities[2]?.value.message).toBe("closed by Mina");
    await app.close();
  });

  it("tells the customer when no person can be reached, in English and Korean", async () => {
    const events: HandoffEvent[] = [];
    const app = await createTestApp(
      {},
      { desk: unreachableDesk, onHandoffEvent: (event) => events.push(event) },
    );
    const english = talk(app);
    expect(expectTurn(await english.send("/human"), "escalate")).toMatch(/couldn't reach our support team/);
    expect(ownershipOf((await app.state.get(english.conversation)) ?? { slices: {} })?.status ?? "bot").toBe(
      "bot",
    );
    const korean = talk(app);
    await korean.send("결제가 거절됐어요");
    expect(expectTurn(await korean.send("/human"), "escalate")).toMatch(/연결하지 못했어요/);
    expect(events.map((event) => event.type)).toEqual(["failed", "failed"]);
    expect(toBotFrameworkActivity(events[0] as HandoffEvent).value).toMatchObject({
      state: "failed",
      message: "connect ECONNREFUSED",
    });
    await app.close();
  });
});
