import { describe, expect, it } from "vitest";
import { botFrameworkOptionsFromConfig } from "../../../../adapters/channels/bot-framework/bot-framework-config.ts";
import { parseConfig } from "../../../../src/app/config.ts";
import { startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { ConfigError } from "../../../../src/model/errors.ts";
import { testConfig } from "../../../helpers/bot-harness.ts";

const APP_ID = "6d0b5c2e-2f43-4a8c-9d34-5b7a1f0e9c11";
const TENANT = "0f3c9a51-7d55-4c1e-9b1e-2a8e4f6d7c10";
const options = (env: Record<string, string>) =>
  botFrameworkOptionsFromConfig(parseConfig({ STORE: "memory", ...env }));

describe("Bot Framework configuration", () => {
  it("is off without MicrosoftAppId", () => {
    expect(options({})).toBeUndefined();
  });

  it("reads a multi-tenant bot (the default type)", () => {
    expect(options({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret" })).toEqual({
      appId: APP_ID,
      appType: "MultiTenant",
      appPassword: "s3cret",
    });
  });

  it("reads a single-tenant bot with its tenant", () => {
    expect(
      options({
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: "s3cret",
        MicrosoftAppType: "SingleTenant",
        MicrosoftAppTenantId: TENANT,
      }),
    ).toMatchObject({ appType: "SingleTenant", tenantId: TENANT });
  });

  it.each([
    [{ MicrosoftAppPassword: "s3cret" }, /MicrosoftAppId is missing/],
    [{ MicrosoftAppId: APP_ID }, /MicrosoftAppPassword is missing/],
    [
      { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret", MicrosoftAppType: "SingleTenant" },
      /MicrosoftAppTenantId is missing/,
    ],
  ])("says what to set when the variables do not fit: %o", (env, message) => {
    expect(() => options(env)).toThrow(ConfigError);
    expect(() => options(env)).toThrow(message);
  });

  it("refuses a malformed app id or type, naming the variable, and never echoes the password", () => {
    expect(() => parseConfig({ MicrosoftAppId: "my-bot", MicrosoftAppPassword: "hunter2-secret" })).toThrow(
      /MicrosoftAppId/,
    );
    expect(() => parseConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: "Global" })).toThrow(
      /MicrosoftAppType must be/,
    );
  });
});

describe("startBot with MicrosoftAppId set", () => {
  it("refuses the local desk without DESK_TOKEN: the messaging endpoint publishes this server", async () => {
    await expect(
      startBot(testConfig({ PORT: "0", MicrosoftAppId: APP_ID, MicrosoftAppPassword: "s3cret" }), {
        logger: createSilentLogger(),
      }),
    ).rejects.toThrow(/desk would be open to the network: the Azure Bot's messaging endpoint.*DESK_TOKEN/);
  });

  it("serves POST /api/messages (401 without a token) and shows the channel on /healthz", async () => {
    const bot = await startBot(
      testConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: "s3cret",
        DESK_TOKEN: "desk-token-for-tests-0123456789",
      }),
      { logger: createSilentLogger() },
    );
    try {
      const base = `http://127.0.0.1:${bot.port}`;
      const health = (await (await fetch(`${base}/healthz`)).json()) as {
        channels: Record<string, { status: string }>;
      };
      expect(health.channels.botframework?.status).toBe("up");
      const response = await fetch(`${base}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "message",
          id: "1",
          channelId: "msteams",
          serviceUrl: "https://smba.trafficmanager.net/emea/",
          from: { id: "29:x" },
          recipient: { id: `28:${APP_ID}` },
          conversation: { id: "a:1" },
          text: "hi",
        }),
      });
      expect(response.status).toBe(401);
      expect(await bot.app.transcript.list("botframework:a%3A1")).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
