import { z } from "zod";

/** Session ids are chosen by the browser (random) and name the conversation `web:<session>`. */
export const sessionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "session must be 8–64 letters, digits, _ or -");

const clientMeta = {
  /** Client-chosen unique id of this message: resending it never produces a second reply. */
  id: z.string().min(1).max(128),
  locale: z.string().max(35).optional(),
  displayName: z.string().max(80).optional(),
};

/** What the page (or any HTTP client) sends. */
export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), text: z.string().max(1_000_000), ...clientMeta }),
  z.object({
    type: z.literal("action"),
    action: z.string().min(1).max(64),
    value: z.string().max(256).optional(),
    ...clientMeta,
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** `POST /api/chat/messages` body: a client message plus its session. */
export const postMessageSchema = z.intersection(z.object({ session: sessionIdSchema }), clientMessageSchema);
