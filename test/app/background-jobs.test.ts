import { describe, expect, it } from "vitest";
import { createTestApp, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";
import { startTestJobs } from "../helpers/test-jobs.ts";

const DAY = 24 * 3600 * 1000;

describe.skipIf(!hasFixtureKb)("background jobs", () => {
  it("re-pings the desk about an unclaimed hand-off at its SLA warning, once", async () => {
    const app = await createTestApp();
    const chat = talk(app);
    await chat.send("/human");
    const jobs = startTestJobs(app);
    try {
      jobs.advance(30 * DAY);
      await jobs.runOnce();
      await jobs.runOnce();
      const lines = (await app.localDesk?.lines(chat.conversation)) ?? [];
      const alerts = lines.filter(
        (line) => line.from === "system" && /Still unclaimed: T-1001/.test(line.text),
      );
      expect(alerts).toHaveLength(1);
      expect(lines.some((line) => /SLA breached: T-1001/.test(line.text))).toBe(true);
    } finally {
      await jobs.stop();
      await app.close();
    }
  });

  it("closes long-solved tickets without a survey", async () => {
    const app = await createTestApp();
    const chat = talk(app);
    await chat.send("/ticket My exported PDF has broken Korean fonts on every page");
    await app.tickets.store.setStatus("T-1001", "solved", { actor: "agent:U1" });
    const sentBefore = sentOn(app).length;
    const jobs = startTestJobs(app);
    try {
      jobs.advance(8 * DAY);
      await jobs.runOnce();
      expect(await app.tickets.store.get("T-1001")).toMatchObject({ status: "closed", autoClosed: true });
      expect(sentOn(app)).toHaveLength(sentBefore);
    } finally {
      await jobs.stop();
      await app.close();
    }
  });
});
