import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, inPool, wildText } from "../../../security/fuzz-harness.ts";
import { BOT_USER_ID } from "../../desks/slack/fake-slack-api.ts";
import { JSON_TYPE, postSigned } from "../../desks/slack/slack-harness.ts";
import {
  type SlackCustomerHarness,
  SUPPORT_CHANNEL,
  startSlackCustomerHarness,
} from "./slack-customer-harness.ts";

const event = fc.record(
  {
    type: fc.oneof(fc.constantFrom("message", "app_mention"), wildText(10), fc.anything()),
    channel: fc.oneof(
      fc.constantFrom(SUPPORT_CHANNEL, "DFUZZ0001", "CRANDOM01"),
      wildText(12),
      fc.anything(),
    ),
    channel_type: fc.oneof(fc.constantFrom("im", "channel", "group", "mpim"), fc.anything()),
    user: fc.oneof(fc.constantFrom("UFUZZ0001", BOT_USER_ID), wildText(12), fc.anything()),
    text: fc.oneof(wildText(300), fc.constant(`<@${BOT_USER_ID}> refund?`), fc.anything()),
    ts: fc.oneof(fc.constantFrom("1700000000.000100"), wildText(20), fc.anything()),
    thread_ts: fc.oneof(fc.constantFrom("1700000000.000100"), wildText(20), fc.anything()),
    subtype: fc.oneof(fc.constantFrom("message_changed", "bot_message", "file_share"), fc.anything()),
    bot_id: fc.anything(),
  },
  { requiredKeys: ["type"] },
);

const body = fc.oneof(
  fc.record({ event, event_id: fc.oneof(wildText(20), fc.anything()) }).map(({ event: inner, event_id }) =>
    JSON.stringify({
      token: "legacy",
      team_id: "T0001",
      api_app_id: "A0001",
      type: "event_callback",
      event_id,
      event_time: 1_700_000_000,
      event: inner,
      authorizations: [{ team_id: "T0001", user_id: BOT_USER_ID, is_bot: true }],
    }),
  ),
  fc
    .record({ actions: fc.anything(), container: fc.anything(), message: fc.anything(), user: fc.anything() })
    .map((payload) => `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", ...payload }))}`),
);

describe("fuzz: signed Slack customer events of every shape", () => {
  let h: SlackCustomerHarness;
  beforeAll(async () => {
    h = await startSlackCustomerHarness();
  });
  afterAll(() => h.close());

  it("300 signed events and button presses: each answered, none with a 5xx", {
    timeout: 120_000,
  }, async () => {
    const failures: { body: string; status: number }[] = [];
    await inPool(cases(body, 300, 16), 6, async (text) => {
      const type = text.startsWith("payload=") ? "application/x-www-form-urlencoded" : JSON_TYPE;
      const response = await postSigned(h.eventsUrl, text, type);
      await response.arrayBuffer();
      if (response.status >= 500) failures.push({ body: text.slice(0, 300), status: response.status });
    });
    expect(failures).toEqual([]);
  });
});
