import { afterEach, describe, expect, it } from "vitest";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { CANARY_MESSAGE, expectNoCanary } from "../../../helpers/pii-canaries.ts";
import { type SlackHarness, startSlackHarness } from "./slack-harness.ts";
import { escalated } from "./slack-people.ts";

describe.skipIf(!hasFixtureKb)("Slack never receives personal data unmasked", () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  it("the packet and the thread mask the customer's e-mail, phone and card number (every Web API call)", async () => {
    h = await startSlackHarness();
    const { chat } = await escalated(h, CANARY_MESSAGE);
    await chat.send(CANARY_MESSAGE);
    const posts = h.api.callsTo("chat.postMessage");
    expect(posts.length).toBeGreaterThanOrEqual(2);
    const shown = JSON.stringify(h.api.calls.map((call) => call.args));
    expect(shown).toContain("•••• 1111");
    expect(shown).toContain("m•••@example.com");
    expectNoCanary(shown);
  });
});
