import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningBot, startBot } from "../../src/app/start-local.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { testConfig } from "../helpers/bot-harness.ts";

describe("security headers on every response", () => {
  let bot: RunningBot;

  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
  });
  afterAll(() => bot?.stop());

  it.each([
    ["GET", "", 200],
    ["GET", "chat.js", 200],
    ["GET", "desk", 200],
    ["GET", "desk/desk.css", 200],
    ["GET", "healthz", 200],
    ["GET", "api/desk/handoffs", 200],
    ["GET", "api/chat/history", 401],
    ["POST", "api/chat/messages", 400],
    ["GET", "no/such/page", 404],
  ] as const)("%s /%s (%i)", async (method, path, status) => {
    const response = await fetch(`${bot.url}${path}`, {
      method,
      ...(method === "POST" ? { body: "{" } : {}),
    });
    expect(response.status).toBe(status);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("the pages load no inline script or style, so the policy does not break them", async () => {
    for (const path of ["", "desk"]) {
      const html = await (await fetch(`${bot.url}${path}`)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    }
  });
});
