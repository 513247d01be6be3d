import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, inPool, wildText } from "../../../security/fuzz-harness.ts";
import { BOT_ACCOUNT, type BotFrameworkHarness, startBotFrameworkHarness } from "./bot-framework-harness.ts";

const account = fc.oneof(
  fc.record({ id: wildText(20), name: wildText(20) }, { requiredKeys: ["id"] }),
  fc.constant(BOT_ACCOUNT),
  fc.anything(),
);

/** Activity-shaped JSON objects, mostly wrong somewhere: what an authenticated but buggy channel might send. */
const activity = (serviceUrl: string) =>
  fc.record(
    {
      type: fc.oneof(
        fc.constantFrom("message", "conversationUpdate", "messageReaction", "invoke", "event", "typing"),
        wildText(12),
        fc.anything(),
      ),
      id: fc.oneof(wildText(30), fc.anything()),
      timestamp: fc.oneof(fc.constantFrom("2026-12-02T10:00:00Z", "not a date"), fc.anything()),
      channelId: fc.oneof(fc.constantFrom("msteams", "webchat", "directline", "kik"), wildText(10)),
      serviceUrl: fc.constant(serviceUrl),
      from: account,
      recipient: account,
      conversation: fc.oneof(
        fc.record(
          {
            id: wildText(40),
            conversationType: fc.constantFrom("personal", "groupChat", "channel"),
            isGroup: fc.boolean(),
          },
          { requiredKeys: ["id"] },
        ),
        fc.anything(),
      ),
      text: fc.oneof(wildText(200), fc.anything()),
      locale: fc.oneof(fc.constantFrom("en-US", "ko-KR"), wildText(40)),
      value: fc.anything(),
      entities: fc.oneof(fc.array(fc.anything(), { maxLength: 3 }), fc.anything()),
      membersAdded: fc.oneof(fc.array(account, { maxLength: 3 }), fc.anything()),
    },
    { requiredKeys: ["type", "channelId", "serviceUrl"] },
  );

describe("fuzz: POST /api/messages with valid tokens and malformed activities", () => {
  let harness: BotFrameworkHarness;
  beforeAll(async () => {
    harness = await startBotFrameworkHarness();
  });
  afterAll(() => harness.stop());

  it("300 authenticated activities of every shape: each answered, none with a 5xx", {
    timeout: 120_000,
  }, async () => {
    const failures: { body: string; status: number }[] = [];
    await inPool(cases(activity(harness.connector.serviceUrl), 300, 15), 6, async (body) => {
      const response = await harness.post(body as Record<string, unknown>);
      await response.arrayBuffer();
      if (response.status >= 500)
        failures.push({ body: JSON.stringify(body).slice(0, 300), status: response.status });
    });
    expect(failures).toEqual([]);
  });
});
