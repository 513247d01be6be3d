import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BotFrameworkHarness,
  startBotFrameworkHarness,
  teamsActivity,
} from "./bot-framework-harness.ts";

/**
 * botbuilder's own authentication, configured to trust the local token issuer: every way a token
 * can be wrong is refused with 401 before the core sees anything.
 */
describe("Bot Framework adapter: inbound authentication", () => {
  let harness: BotFrameworkHarness;
  beforeAll(async () => {
    harness = await startBotFrameworkHarness();
  });
  afterAll(() => harness.stop());

  const processed = () => harness.tracker.results.length + harness.connector.calls.length;

  it("accepts a token the channel's published key signed, for this bot and this serviceUrl", async () => {
    await harness.turn("valid token", teamsActivity(harness, { text: "How do I reset my password?" }));
    expect(harness.messages().length).toBeGreaterThan(0);
    // The typing indicator goes out beside the turn: let it land before counting what comes after.
    await expect
      .poll(() => harness.connector.calls.some((call) => call.activity.type === "typing"))
      .toBe(true);
  });

  const refused: [string, () => Promise<string | null>][] = [
    ["no Authorization header", async () => null],
    [
      "a token signed with a key nobody published (forged)",
      async () =>
        `Bearer ${await harness.issuer.channelToken(harness.connector.serviceUrl, { keys: harness.issuer.strangerKeys })}`,
    ],
    [
      "an expired token (beyond botbuilder's 5-minute clock skew)",
      async () =>
        `Bearer ${await harness.issuer.channelToken(harness.connector.serviceUrl, { expiresIn: Math.floor(Date.now() / 1000) - 3600 - Math.floor(Date.now() / 1000) })}`,
    ],
    [
      "a token for another bot (audience)",
      async () =>
        `Bearer ${await harness.issuer.channelToken(harness.connector.serviceUrl, { audience: "11111111-2222-4333-8444-555555555555" })}`,
    ],
    [
      "a token issued for another serviceUrl",
      async () => `Bearer ${await harness.issuer.channelToken("https://smba.trafficmanager.net/evil/")}`,
    ],
    [
      "a token whose signature was tampered with",
      async () => {
        const token = await harness.issuer.channelToken(harness.connector.serviceUrl);
        const [head, body, signature = ""] = token.split(".");
        const flipped = `${signature.slice(0, -4)}${signature.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
        return `Bearer ${head}.${body}.${flipped}`;
      },
    ],
    [
      "a payload changed after signing (another audience)",
      async () => {
        const token = await harness.issuer.channelToken(harness.connector.serviceUrl);
        const [head, body = "", signature] = token.split(".");
        const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Record<string, unknown>;
        const changed = Buffer.from(
          JSON.stringify({ ...claims, serviceurl: "https://attacker.example/" }),
        ).toString("base64url");
        return `Bearer ${head}.${changed}.${signature}`;
      },
    ],
  ];

  it.each(refused)("refuses %s with 401 and processes nothing", async (_name, authorization) => {
    const before = processed();
    const response = await harness.post(
      teamsActivity(harness, { text: "How do I reset my password?" }),
      await authorization(),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "unauthorized" });
    expect(processed()).toBe(before);
  });
});
