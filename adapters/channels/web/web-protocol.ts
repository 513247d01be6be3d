import { z } from "zod";
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX, MAX_TEXT_CHARS } from "./web-limits.ts";
import { sessionTokenSchema } from "./web-session.ts";

const clientMeta = {
  /** Client-chosen unique id of this message: resending it never produces a second reply. */
  id: z.string().min(1).max(128),
  locale: z.string().max(35).optional(),
  displayName: z.string().max(80).optional(),
};

/** What the page (or any HTTP client) sends. */
export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("message"),
    text: z
      .string()
      .max(MAX_TEXT_CHARS, `text is limited to ${MAX_TEXT_CHARS.toLocaleString("en")} characters`),
    ...clientMeta,
  }),
  z.object({
    type: z.literal("action"),
    action: z.string().min(1).max(64),
    value: z.string().max(256).optional(),
    ...clientMeta,
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** `POST /api/chat/messages` body: a client message plus its session token. */
export const postMessageSchema = z.intersection(
  z.object({ session: sessionTokenSchema }),
  clientMessageSchema,
);

/** The first frame on `WS /api/chat/ws`: the session token, so it never travels in the URL. */
export const helloFrameSchema = z.object({
  type: z.literal("hello"),
  session: sessionTokenSchema,
  /**
   * The `cursor` of the last frame this client showed (or of its last `ready`): a reconnecting
   * client first gets every frame it missed, from whichever process sent it.
   */
  after: z.string().min(1).max(64).optional(),
});

/** `GET /api/chat/history` query: a page of at most `limit` messages before the cursor. */
export const historyQuerySchema = z.object({
  before: z.string().min(1).max(512).optional(),
  limit: z.coerce
    .number()
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .default(HISTORY_PAGE_DEFAULT)
    // More than the most one page holds is not an error: the client just gets a full page.
    .transform((limit) => Math.min(limit, HISTORY_PAGE_MAX)),
});
