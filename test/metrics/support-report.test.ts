import { describe, expect, it } from "vitest";
import { buildSupportReport } from "../../src/metrics/support-report.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";

describe.skipIf(!hasFixtureKb)("support report", () => {
  it("measures deflection, response and resolution times, CSAT and FAQ feedback", async () => {
    const app = await createTestApp();
    const started = Date.now() - 1000;
    const answered = talk(app, "test:answered", "u-answered");
    await answered.send("How do I reset my password?");
    await answered.press("faq.feedback", "password-reset:up");
    const korean = talk(app, "test:answered-ko", "u-ko");
    await korean.send("환불 받을 수 있나요?");
    await korean.press("faq.feedback", "refund-policy:down");
    const handed = talk(app, "test:handed", "u-handed");
    await handed.send("My payment was declined");
    await handed.send("/human");
    const mina = { id: "U1", name: "Mina" };
    await app.handoff.claim(handed.conversation, mina);
    await app.handoff.reply(handed.conversation, mina, "Let me check that for you.");
    await app.handoff.close(handed.conversation, mina);
    await handed.press("csat.rate", "T-1001:4");
    const staff = { id: "local:mina", name: "Mina" };
    await app.blocks.block({
      channel: "test",
      userId: "spam-1",
      reason: "spam",
      duration: "7d",
      actor: staff,
    });
    await app.blocks.block({
      channel: "test",
      userId: "spam-2",
      reason: "spam",
      duration: "1h",
      actor: staff,
    });
    await app.blocks.unblock({ channel: "test", userId: "spam-2", actor: staff });

    const report = await buildSupportReport({
      db: app.ticketDb,
      state: app.state,
      faqFeedback: () => app.tickets.store.faqFeedbackSummary(),
      since: started,
    });
    // The Korean answer got 👎, so that conversation was not deflected.
    expect(report.conversations).toEqual({ total: 3, answeredByBot: 1, escalated: 1, deflectionRate: 0.333 });
    expect(report.tickets).toEqual({ opened: 1, solved: 1, open: 0, slaBreaches: 0 });
    expect(report.firstResponseHours.median).toBe(0);
    expect(report.resolutionHours.median).toBe(0);
    expect(report.csat).toEqual({ responses: 1, average: 4, responseRate: 1 });
    expect(report.faqFeedback.map((entry) => [entry.entryId, entry.helpfulRate])).toEqual([
      ["refund-policy", 0],
      ["password-reset", 1],
    ]);
    expect(report.blocks).toEqual({ active: 1, created: 2, lifted: 1 });
    await app.close();
  });
});
