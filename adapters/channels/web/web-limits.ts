/**
 * Sizes the web chat accepts. One source for the page (`maxlength`), the JSON schemas, the POST
 * body limit and the WebSocket `maxPayload`, so the two transports always agree.
 */

/**
 * Longest customer message, in characters (UTF-16 code units, as the page and zod count them).
 * A support question with a pasted error message or order list fits easily; Telegram allows
 * 4,096 and Discord 2,000–4,000, so no channel's customers can say much more. Anything longer is
 * a paste of a whole log or an attack, and every character is understood, stored and shown on
 * the desk.
 */
export const MAX_TEXT_CHARS = 8_000;

/**
 * Largest client message on the wire, in bytes: the longest text as JSON (at most 6 bytes per
 * character, when every one is written as a `\uXXXX` escape) plus the other fields (id, locale,
 * display name, action value, session token), well under 4 KiB. It is the POST body limit and the
 * WebSocket `maxPayload`.
 */
export const MAX_MESSAGE_BYTES = MAX_TEXT_CHARS * 6 + 4_096;

/** Messages per page of `GET /api/chat/history` when the client does not say. */
export const HISTORY_PAGE_DEFAULT = 50;
/** Most messages one history page returns (`?limit=`). */
export const HISTORY_PAGE_MAX = 200;

/** A WebSocket that has not said `hello` with its session token by then is closed. */
export const HELLO_TIMEOUT_MS = 10_000;
