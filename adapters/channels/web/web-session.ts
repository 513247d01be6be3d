import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * The session token: a secret the browser draws at random and keeps (localStorage). Whoever holds
 * it can read and continue the conversation, so it is only ever sent in a body or a header, never
 * logged, and never shown: everything else sees the {@link conversationIdOf conversation id}.
 */
export const sessionTokenSchema = z
  .string({ error: "session is required: the random session token the client keeps" })
  .regex(
    /^[A-Za-z0-9_-]{22,128}$/,
    "session must be a random token of 22–128 letters, digits, _ or - (e.g. 32 random bytes in base64url)",
  );

/** Domain separation: this hash means "web chat conversation of a token" and nothing else. */
const DOMAIN = "switchboard/web-conversation/v1:";

/**
 * The conversation id of a session token: 22 base64url characters (132 bits) of SHA-256 over the
 * token. Stateless (the same after a restart, on every process), safe to log and show, and it
 * cannot be turned back into the token, which has at least 128 random bits. The conversation is
 * `web:<conversationId>`.
 */
export function conversationIdOf(token: string): string {
  return createHash("sha256").update(DOMAIN).update(token).digest("base64url").slice(0, 22);
}

/** The token in `Authorization: Bearer <token>`, if the header has that form. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
}
