import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/app/config.ts";
import { ConfigError } from "../../src/model/errors.ts";

describe("configuration", () => {
  it("defaults to local mode: embedded file store, demo KB, port 3000", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ STORE: "file", PORT: 3000, KB_WATCH: true });
    expect(config.KB_PATH).toMatch(/kb\/demo-kb\.yaml$/);
  });

  it("uses Redis when REDIS_URL is set, and explains what to set when STORE=redis lacks it", () => {
    expect(parseConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).STORE).toBe("redis");
    expect(() => parseConfig({ STORE: "redis" })).toThrow(/STORE=redis needs REDIS_URL/);
  });

  it("lists every invalid variable with what is wrong, and never echoes secrets", () => {
    let error: unknown;
    try {
      parseConfig({ PORT: "seventy", TELEGRAM_BOT_TOKEN: "not-a-token-secret-123", LOG_LEVEL: "loud" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/PORT="seventy"/);
    expect(message).toMatch(/LOG_LEVEL="loud"/);
    expect(message).toMatch(
      /TELEGRAM_BOT_TOKEN=\(hidden\): TELEGRAM_BOT_TOKEN is invalid: get one from @BotFather/,
    );
    expect(message).not.toContain("not-a-token-secret-123");
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ PORT: "", REDIS_URL: " " })).toMatchObject({ PORT: 3000, STORE: "file" });
  });
});
