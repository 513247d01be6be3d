import { describe, expect, it } from "vitest";
import {
  CALLBACK_DATA_MAX_BYTES,
  createCallbackCodec,
} from "../../../../adapters/channels/telegram/callback-codec.ts";
import {
  toInlineKeyboard,
  withoutCallbackButtons,
} from "../../../../adapters/channels/telegram/inline-keyboard.ts";

const bytes = (data: string) => Buffer.byteLength(data, "utf8");

describe("callback_data codec", () => {
  const codec = createCallbackCodec();

  it.each([
    ["faq.pick", "refund-policy"],
    ["faq.none", undefined],
    ["csat.rate", ""],
    ["ticket.category", "billing|urgent"],
  ])("encodes %s / %s inline and decodes it back", (action, value) => {
    const data = codec.encode(action, value);
    expect(data.startsWith(":")).toBe(true);
    expect(codec.decode(data)).toEqual(value === undefined ? { action } : { action, value });
  });

  it.each([
    ["faq.pick", "x".repeat(200)],
    ["faq.pick", "비밀번호-재설정-방법을-알려주세요-계정-복구"],
    ["weird|action", "v"],
    ["a".repeat(64), undefined],
  ])("falls back to a short id for %s / long or awkward values", (action, value) => {
    const data = codec.encode(action, value);
    expect(data).toMatch(/^#[\w-]{12}$/);
    expect(bytes(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(codec.decode(data)).toEqual(value === undefined ? { action } : { action, value });
  });

  it("never issues data over 64 bytes", () => {
    for (let length = 0; length < 100; length += 7) {
      expect(bytes(codec.encode("faq.pick", "가".repeat(length)))).toBeLessThanOrEqual(64);
    }
  });

  it("decodes data it did not issue to nothing", () => {
    expect(codec.decode("#not-issued-0")).toBeUndefined();
    expect(codec.decode("plain")).toBeUndefined();
    expect(codec.decode(":")).toBeUndefined();
    expect(codec.decode(":|value")).toBeUndefined();
  });

  it("keeps a bounded number of long payloads, forgetting the least recently used", () => {
    const small = createCallbackCodec({ capacity: 2 });
    const long = (n: number) => `${n}-${"y".repeat(80)}`;
    const first = small.encode("faq.pick", long(1));
    const second = small.encode("faq.pick", long(2));
    expect(small.decode(first)?.value).toBe(long(1)); // now the most recently used
    const third = small.encode("faq.pick", long(3));
    expect(small.decode(second)).toBeUndefined();
    expect(small.decode(first)?.value).toBe(long(1));
    expect(small.decode(third)?.value).toBe(long(3));
  });
});

describe("inline keyboards", () => {
  const codec = createCallbackCodec();

  it("puts one button per row: callbacks for actions, URLs for links", () => {
    expect(
      toInlineKeyboard(
        [
          {
            kind: "action",
            label: "How do I reset my password?",
            action: "faq.pick",
            value: "reset-password",
          },
          { kind: "link", label: "Help centre", url: "https://example.com/help" },
        ],
        codec,
      ),
    ).toEqual({
      inline_keyboard: [
        [{ text: "How do I reset my password?", callback_data: ":faq.pick|reset-password" }],
        [{ text: "Help centre", url: "https://example.com/help" }],
      ],
    });
  });

  it("strips callback buttons from a pressed keyboard and keeps URL buttons", () => {
    const markup = {
      inline_keyboard: [
        [
          { text: "A", callback_data: ":a" },
          { text: "Docs", url: "https://example.com" },
        ],
        [{ text: "B", callback_data: ":b" }],
      ],
    };
    expect(withoutCallbackButtons(markup)).toEqual({
      inline_keyboard: [[{ text: "Docs", url: "https://example.com" }]],
    });
    expect(withoutCallbackButtons(undefined)).toEqual({ inline_keyboard: [] });
    expect(withoutCallbackButtons({ inline_keyboard: "nonsense" })).toEqual({ inline_keyboard: [] });
  });
});
