import { createHash } from "node:crypto";

/**
 * The counter key for a user, conversation or client address: a hash, so the counters (in Redis
 * too) hold no user id or IP address that an erasure request would have to find. Counters only
 * live for their window.
 */
export function limitKey(subject: string): string {
  return createHash("sha256").update(subject).digest("base64url").slice(0, 22);
}
