import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses to sign requests older than this; anything older may be a replay. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export type SignatureVerdict =
  | { ok: true }
  | { ok: false; reason: "missing headers" | "stale timestamp" | "bad signature" };

/**
 * Verifies Slack's `x-slack-signature`: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`
 * keyed with the app's signing secret, with the timestamp no more than five minutes from now.
 * The comparison is constant-time so the signature cannot be guessed byte by byte.
 * @see https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export function verifySlackSignature(request: {
  signingSecret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowMs: number;
}): SignatureVerdict {
  const { timestamp, signature } = request;
  if (!timestamp || !signature) return { ok: false, reason: "missing headers" };
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(request.nowMs / 1000 - seconds) > MAX_REQUEST_AGE_SECONDS) {
    return { ok: false, reason: "stale timestamp" };
  }
  const expected = Buffer.from(
    `v0=${createHmac("sha256", request.signingSecret).update(`v0:${timestamp}:${request.rawBody}`).digest("hex")}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad signature" };
  }
  return { ok: true };
}
