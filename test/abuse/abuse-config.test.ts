import { describe, expect, it } from "vitest";
import { parseBlockDuration } from "../../src/abuse/block-duration.ts";
import { clientKeyFromAddress } from "../../src/abuse/client-key.ts";
import { parseRateSpec } from "../../src/abuse/rate-spec.ts";
import { parseConfig } from "../../src/app/config.ts";

describe("abuse settings", () => {
  it("has defaults a person never reaches, and reads count/seconds or off", () => {
    expect(parseConfig({})).toMatchObject({
      RATE_LIMIT_USER: { points: 30, seconds: 60 },
      RATE_LIMIT_CONVERSATION: { points: 60, seconds: 60 },
      RATE_LIMIT_CLIENT: { points: 120, seconds: 60 },
      RATE_LIMIT_TICKETS: { points: 3, seconds: 3600 },
      RATE_LIMIT_HANDOFFS: { points: 3, seconds: 3600 },
    });
    expect(parseConfig({ RATE_LIMIT_USER: " 20 / 60 ", RATE_LIMIT_TICKETS: "OFF" })).toMatchObject({
      RATE_LIMIT_USER: { points: 20, seconds: 60 },
      RATE_LIMIT_TICKETS: null,
    });
  });

  it("names the variable and the form to use when a value is wrong", () => {
    expect(() => parseConfig({ RATE_LIMIT_USER: "20 per minute", RATE_LIMIT_HANDOFFS: "0/60" })).toThrow(
      /RATE_LIMIT_USER="20 per minute": RATE_LIMIT_USER must be <messages>\/<seconds> with both at least 1 \(e\.g\. 30\/60\), or off[\s\S]*RATE_LIMIT_HANDOFFS="0\/60": RATE_LIMIT_HANDOFFS must be <hand-offs>\/<seconds>/,
    );
    expect(parseRateSpec("5/0")).toBeUndefined();
    expect(parseRateSpec("-1/60")).toBeUndefined();
  });

  it("reads block durations", () => {
    expect(parseBlockDuration("30m")).toBe(30 * 60_000);
    expect(parseBlockDuration("2H")).toBe(2 * 3_600_000);
    expect(parseBlockDuration("7d")).toBe(7 * 86_400_000);
    expect(parseBlockDuration("4w")).toBe(28 * 86_400_000);
    expect(parseBlockDuration("permanent")).toBeNull();
    expect(parseBlockDuration("forever")).toBeNull();
    for (const bad of ["", "0m", "7", "7 days", "9999w", "soon"])
      expect(parseBlockDuration(bad)).toBeUndefined();
  });

  it("keys a web client by its IPv4 address or its IPv6 /64", () => {
    expect(clientKeyFromAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(clientKeyFromAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientKeyFromAddress("2001:db8:abcd:12:1:2:3:4")).toBe("2001:db8:abcd:12::/64");
    expect(clientKeyFromAddress("[2001:0db8:abcd:0012::99]")).toBe("2001:db8:abcd:12::/64");
    expect(clientKeyFromAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKeyFromAddress("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(clientKeyFromAddress("::1")).toBe("0:0:0:0::/64");
  });
});
