import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";

const mina = { id: "U-mina", name: "Mina" };

describe.skipIf(!hasFixtureKb)("the lease sweep on a conversation a person holds", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  it("writes nothing while the lease runs: no state save, no transcript entry, nothing sent", async () => {
    app = await createTestApp();
    const chat = talk(app);
    await chat.send("My payment was declined");
    await chat.send("/human");
    await app.handoff.claim(chat.conversation, mina);
    const transcript = await app.transcript.list(chat.conversation);
    const state = await app.state.get(chat.conversation);
    const sent = sentOn(app).length;
    // The background job runs this every minute: an hour of sweeps.
    for (let i = 0; i < 60; i++) expect(await app.handoff.expireLeases()).toBe(0);
    expect(await app.transcript.list(chat.conversation)).toEqual(transcript);
    expect(await app.state.get(chat.conversation)).toEqual(state);
    expect(sentOn(app)).toHaveLength(sent);
  });

  it("a proactive task that changes the state but says nothing saves it without a transcript entry", async () => {
    app = await createTestApp();
    const chat = talk(app);
    await chat.send("/help");
    const before = (await app.transcript.list(chat.conversation)).length;
    const sent = await app.bot.proactive(chat.conversation, "test", (ctx) => {
      ctx.state.slices.note = "kept";
    });
    expect(sent).toEqual([]);
    expect((await app.state.get(chat.conversation))?.slices.note).toBe("kept");
    expect(await app.transcript.list(chat.conversation)).toHaveLength(before);
  });
});
