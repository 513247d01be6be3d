import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses to sign requests older than this; anything older may be a replay. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: "missing headers" | "bad timestamp" | "stale timestamp" | "bad signature" };

/** Unix seconds as Slack writes them: decimal digits only (no sign, exponent, hex or spaces). */
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Verifies Slack's `x-slack-signature`: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`
 * keyed with the app's signing secret, with the timestamp no more than five minutes from now.
 * The HMAC covers the body's bytes exactly as received: decoding first would change a body with
 * invalid UTF-8 or a byte-order mark, and a verified string would no longer be what Slack signed.
 * The comparison is constant-time so the signature cannot be guessed byte by byte.
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function verifySlackSignature(request: {
  signingSecret: string;
  rawBody: Uint8Array;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): SignatureVerdict {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: "missing headers" };
  // Number() would accept "1e9", "0x6553f100" or " 123": only what Slack sends is signed input.
  if (!TIMESTAMP.test(timestamp)) return { ok: false, reason: "bad timestamp" };
  if (Math.abs(request.nowMs / 1000 - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS) {
    return { ok: false, reason: "stale timestamp" };
  }
  const expected = Buffer.from(
    `v0=${createHmac("sha256", request.signingSecret)
      .update(`v0:${timestamp}:`)
      .update(request.rawBody)
      .digest("hex")}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad signature" };
  }
  return { ok: true };
}
