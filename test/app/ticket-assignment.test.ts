import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, hasFixtureKb } from "../helpers/bot-harness.ts";

const draft = {
  category: "billing",
  subject: "Charged twice",
  description: "I was charged twice for order 4471",
};

describe.skipIf(!hasFixtureKb)("team assignment from configuration, through the app", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function teamWith(env: Record<string, string>): Promise<string> {
    app = await createTestApp(env);
    const ticket = await app.tickets.open({
      conversation: "test:c1",
      customer: { channel: "test", id: "u1" },
      language: "en",
      draft,
    });
    return ticket.team;
  }

  it("TICKET_ASSIGNMENT overrides the KB's team for a category", async () => {
    expect(await teamWith({ TICKET_ASSIGNMENT: "billing=Finance" })).toBe("Finance");
  });

  it("TICKET_ROUTING, its former name, still does", async () => {
    expect(await teamWith({ TICKET_ROUTING: "billing=Finance" })).toBe("Finance");
  });

  it("without either, the KB's team", async () => {
    expect(await teamWith({})).not.toBe("Finance");
  });
});
