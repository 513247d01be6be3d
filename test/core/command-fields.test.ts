import { describe, expect, it } from "vitest";
import { inboundEventSchema } from "../../src/model/events.ts";

const command = (fields: unknown) => ({
  type: "command",
  id: "1",
  conversation: "discord:1",
  user: { channel: "discord", id: "u1" },
  command: "ticket",
  fields,
});

describe("a command's form fields", () => {
  it("carry what was typed in each field, well-formed", () => {
    expect(
      inboundEventSchema.parse(command({ description: "It broke \ud800", orderNumber: "PM-1" })),
    ).toMatchObject({
      fields: { description: "It broke \ufffd", orderNumber: "PM-1" },
    });
  });

  it("refuse field names that are not identifiers, and more than 25 fields", () => {
    expect(inboundEventSchema.safeParse(command({ __proto__x: "a", "Bad Name": "b" })).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`f${i}`, "x"]));
    expect(inboundEventSchema.safeParse(command(many)).success).toBe(false);
  });
});
