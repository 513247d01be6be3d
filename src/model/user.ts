import { z } from "zod";
import { wellFormedString } from "./well-formed.ts";

/** The person on the other side, as the channel knows them. */
export const userSchema = z.object({
  /** Channel the identity belongs to (`web`, `telegram`, …). */
  channel: z.string().min(1),
  /** Stable id on that channel. */
  id: wellFormedString().min(1).max(256),
  displayName: wellFormedString().max(256).optional(),
  /** BCP-47 locale the platform reports, when known (`en-US`, `ko`). */
  locale: z.string().max(35).optional(),
});
export type User = z.infer<typeof userSchema>;
