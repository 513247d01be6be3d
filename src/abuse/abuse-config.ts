import { z } from "zod";
import { rateSpecSetting } from "./rate-spec.ts";

/**
 * Abuse limits, merged into the app's configuration schema. The defaults are far above what a
 * person typing (or a busy group chat) reaches and far below what a script sends.
 */
export const abuseConfigSchema = z.object({
  /** Messages (and button presses, commands) per user, on every channel. */
  RATE_LIMIT_USER: rateSpecSetting("RATE_LIMIT_USER", "30/60", "messages"),
  /** Messages per conversation: a group chat is many users in one conversation. */
  RATE_LIMIT_CONVERSATION: rateSpecSetting("RATE_LIMIT_CONVERSATION", "60/60", "messages"),
  /** Messages per client address on anonymous channels (the web chat), which a client cannot rotate. */
  RATE_LIMIT_CLIENT: rateSpecSetting("RATE_LIMIT_CLIENT", "120/60", "messages"),
  /** New tickets per user (and per web client address). */
  RATE_LIMIT_TICKETS: rateSpecSetting("RATE_LIMIT_TICKETS", "3/3600", "tickets"),
  /** New hand-offs to people per user (and per web client address). */
  RATE_LIMIT_HANDOFFS: rateSpecSetting("RATE_LIMIT_HANDOFFS", "3/3600", "hand-offs"),
});
