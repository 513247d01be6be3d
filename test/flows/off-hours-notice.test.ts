import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";

const understander = scriptedUnderstander([{ pattern: /refund|환불/i, intent: "refund_request" }]);

/** Saturday 2026-12-05, 23:00 in Seoul: closed whatever the week looks like. */
const SATURDAY_NIGHT = new Date("2026-12-05T14:00:00Z");

describe.skipIf(!hasFixtureKb)("off-hours notice from SLA_BUSINESS_HOURS (en, ko)", () => {
  let app: App;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(SATURDAY_NIGHT);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await app?.close();
  });

  it("a ticket opened on a weekend-only desk names its weekend hours (English)", async () => {
    app = await createTestApp({ SLA_BUSINESS_HOURS: "sat-sun 10:00-16:00" }, { understander });
    const text = expectTurn(await talk(app).send("I want a refund for order PM-20931"), "ticket");
    expect(text).toMatch(/Our team works Sat–Sun 10:00–16:00 KST; the first person will look at it/);
    expect(text).not.toMatch(/Mon–Fri/);
  });

  it("a ticket opened on a weekend-only desk names its weekend hours (Korean)", async () => {
    app = await createTestApp({ SLA_BUSINESS_HOURS: "sat-sun 10:00-16:00" }, { understander });
    const text = expectTurn(await talk(app).send("주문 PM-20931 환불해 주세요"), "ticket");
    expect(text).toMatch(/상담팀 운영 시간은 주말 10:00–16:00 \(KST\)이며/);
    expect(text).not.toMatch(/평일/);
  });

  it("a hand-off on a mon-sun desk says every day / 매일", async () => {
    app = await createTestApp({ SLA_BUSINESS_HOURS: "mon-sun 08:00-22:00" });
    const english = await talk(app).send("/human");
    expect(english.replies[0]?.text).toMatch(/Our team works every day 08:00–22:00 KST, so nobody is in/);
    const korean = talk(app, "test:ko", "user-ko");
    await korean.send("결제가 거절됐어요");
    const reply = await korean.send("/human");
    expect(reply.replies[0]?.text).toMatch(
      /상담팀 운영 시간은 매일 08:00–22:00 \(KST\)이라 지금은 담당자가 없어요/,
    );
  });

  it("mixed hours read per day group", async () => {
    app = await createTestApp({ SLA_BUSINESS_HOURS: "mon-fri 09:00-18:00; sat 10:00-14:00" });
    const english = await talk(app).send("/human");
    expect(english.replies[0]?.text).toMatch(/works Mon–Fri 09:00–18:00, Sat 10:00–14:00 KST/);
  });
});
