import { Keyv } from "keyv";
import { describe, expect, it } from "vitest";
import { formatGaps } from "../../src/cli/gaps-output.ts";
import { createUnansweredLog } from "../../src/kb/unanswered-log.ts";
import { CANARY_MESSAGE, expectNoCanary } from "../helpers/pii-canaries.ts";

describe("npm run gaps output", () => {
  it("masks e-mail, phone and card numbers in customers' questions (table and JSON)", async () => {
    const log = createUnansweredLog(new Keyv<unknown>());
    await log.record({
      text: CANARY_MESSAGE,
      language: "en",
      nearest: [{ id: "refund", score: 0.3 }],
      conversation: "web:1",
    });
    await log.record({ text: "Do you sell gift cards?", language: "en", nearest: [], conversation: "web:2" });
    const records = await log.list();
    const table = formatGaps(records);
    expectNoCanary(table);
    expect(table).toContain("My card •••• 1111 was charged twice");
    expect(table).toContain("Do you sell gift cards?");
    expect(table).toContain("(refund 0.3)");
    const json = formatGaps(records, { json: true });
    expectNoCanary(json);
    expect(JSON.parse(json)).toHaveLength(2);
    expect(formatGaps([])).toBe("No unanswered questions recorded yet.");
  });
});
