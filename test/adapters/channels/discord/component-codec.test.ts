import { describe, expect, it } from "vitest";
import {
  createComponentCodec,
  MAX_CUSTOM_ID,
} from "../../../../adapters/channels/discord/component-codec.ts";

describe("component codec", () => {
  it("encodes action and value inline and decodes them back, escaping ':' and '%'", () => {
    const codec = createComponentCodec();
    const id = codec.encode({ kind: "action", label: "x", action: "faq.feedback", value: "refund:up 100%" });
    expect(id).toBe("sb:faq.feedback:refund%3Aup 100%25");
    expect(codec.decode(id)).toEqual({ action: "faq.feedback", value: "refund:up 100%" });
    expect(codec.decode(codec.encode({ kind: "action", label: "x", action: "faq.none" }))).toEqual({
      action: "faq.none",
    });
    expect(codec.decode(codec.encode({ kind: "action", label: "x", action: "a", value: "" }))).toEqual({
      action: "a",
      value: "",
    });
  });

  it("keeps ids of at most 100 characters, storing long ones under a short key", () => {
    const codec = createComponentCodec();
    const value = "v".repeat(200);
    const id = codec.encode({ kind: "action", label: "x", action: "faq.pick", value });
    expect(id.length).toBeLessThanOrEqual(MAX_CUSTOM_ID);
    expect(id).toMatch(/^sbk:/);
    expect(codec.decode(id)).toEqual({ action: "faq.pick", value });
  });

  it("gives duplicates within one message distinct ids", () => {
    const codec = createComponentCodec();
    const button = { kind: "action" as const, label: "x", action: "faq.pick", value: "a" };
    const first = codec.encode(button);
    const second = codec.encode(button, new Set([first]));
    expect(second).not.toBe(first);
    expect(codec.decode(second)).toEqual(codec.decode(first));
  });

  it("forgets the oldest stored ids beyond its bound, and rejects ids that are not its own", () => {
    const codec = createComponentCodec({ maxStored: 2 });
    const long = (n: number) => ({
      kind: "action" as const,
      label: "x",
      action: "a",
      value: `${n}`.repeat(120),
    });
    const ids = [1, 2, 3].map((n) => codec.encode(long(n)));
    expect(codec.decode(ids[0] ?? "")).toBeUndefined();
    expect(codec.decode(ids[2] ?? "")).toBeDefined();
    expect(codec.decode("other-bot:thing")).toBeUndefined();
    expect(codec.decode("sb:")).toBeUndefined();
  });
});
