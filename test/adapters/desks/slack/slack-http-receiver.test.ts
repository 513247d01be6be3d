import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  createSlackHttpReceiver,
  MAX_SLACK_BODY_BYTES,
  SLACK_EVENTS_PATH,
} from "../../../../adapters/desks/slack/slack-http-receiver.ts";
import { verifySlackSignature } from "../../../../adapters/desks/slack/slack-signature.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { FORM, postSigned, SIGNING_SECRET, startSlackHarness } from "./slack-harness.ts";

const NOW_MS = 1_700_000_000_000;
const NOW = String(NOW_MS / 1000);

/** Slack's signature over exactly these bytes. */
function sign(body: Uint8Array, timestamp: string): string {
  return `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:`).update(body).digest("hex")}`;
}

const receiver = createSlackHttpReceiver({
  signingSecret: SIGNING_SECRET,
  logger: createSilentLogger(),
  now: () => NOW_MS,
});

function post(body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return receiver.routes.request(SLACK_EVENTS_PATH, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

const challenge = Buffer.from(JSON.stringify({ type: "url_verification", challenge: "c-123" }));

describe("Slack receiver: the signature covers the raw bytes", () => {
  it("verifies a body that starts with a byte-order mark as sent (decoding would have dropped it)", async () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), challenge]);
    const response = await post(body, {
      "x-slack-request-timestamp": NOW,
      "x-slack-signature": sign(body, NOW),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: "c-123" });
  });

  it("refuses other bytes that decode to the signed text (a BOM added to a captured body)", async () => {
    const altered = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), challenge]);
    const response = await post(altered, {
      "x-slack-request-timestamp": NOW,
      "x-slack-signature": sign(challenge, NOW),
    });
    expect(response.status).toBe(401);
  });

  it("a signed body with invalid UTF-8 passes the signature and is refused as unreadable (400)", async () => {
    const body = Buffer.concat([
      Buffer.from('{"type":"url_verification","challenge":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const response = await post(body, {
      "x-slack-request-timestamp": NOW,
      "x-slack-signature": sign(body, NOW),
    });
    expect(response.status).toBe(400);
    // Signed over the decoded text (U+FFFD) instead, it is not what was sent.
    const decoded = Buffer.from(body.toString("utf8"));
    const forged = await post(body, {
      "x-slack-request-timestamp": NOW,
      "x-slack-signature": sign(decoded, NOW),
    });
    expect(forged.status).toBe(401);
  });

  it.each([
    ` ${NOW}`,
    `${NOW} `,
    `+${NOW}`,
    `${NOW}.0`,
    `0x${Number(NOW).toString(16)}`,
    "1.7e9",
    `${Number(NOW) / 1000}e3`,
    "",
  ])("refuses the timestamp %j, even correctly signed", async (timestamp) => {
    const response = await post(challenge, {
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": sign(challenge, timestamp),
    });
    expect(response.status).toBe(401);
    expect(
      verifySlackSignature({
        signingSecret: SIGNING_SECRET,
        rawBody: challenge,
        timestamp,
        signature: sign(challenge, timestamp),
        nowMs: NOW_MS,
      }).ok,
    ).toBe(false);
  });
});

describe("Slack receiver: body limit", () => {
  const headers = { "x-slack-request-timestamp": NOW, "x-slack-signature": "v0=00" };

  it("answers 413 from Content-Length alone", async () => {
    const response = await post(new Uint8Array(MAX_SLACK_BODY_BYTES + 1), headers);
    expect(response.status).toBe(413);
  });

  it("answers 413 to a long chunked body once the limit is passed, without reading it all", async () => {
    let sent = 0;
    // 8 MiB with no Content-Length (bounded, so a regression fails instead of eating memory).
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 8 * MAX_SLACK_BODY_BYTES) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const response = await post(endless, headers);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(MAX_SLACK_BODY_BYTES + 4 * 64 * 1024);
  });

  it("a body at the limit is read and judged by its signature", async () => {
    const response = await post(new Uint8Array(MAX_SLACK_BODY_BYTES), headers);
    expect(response.status).toBe(401);
  });
});

describe("Slack receiver: signed payloads Bolt cannot read", () => {
  it("answers 400, not a 500 that makes Slack resend them, and keeps serving", async () => {
    const h = await startSlackHarness();
    try {
      for (const payload of [
        { type: "block_actions", actions: [] },
        { type: "shortcut", team: { id: "T0001" } },
        { type: "view_submission", user: { id: "UMINA0001" } },
      ]) {
        const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
        expect((await postSigned(h.eventsUrl, body, FORM)).status, JSON.stringify(payload)).toBe(400);
      }
      const challenge = JSON.stringify({ type: "url_verification", challenge: "ok" });
      expect((await postSigned(h.eventsUrl, challenge, "application/json")).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
