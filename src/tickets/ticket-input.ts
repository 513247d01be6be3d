import { z } from "zod";
import { addressStringSchema, decodeAddress } from "../model/address.ts";
import { prioritySchema } from "../model/priority.ts";
import { TicketValidationError, type TicketValidationIssue } from "./errors.ts";
import { messageAuthorSchema } from "./ticket-types.ts";

/** Longest accepted values; longer input is refused, never truncated. */
export const TICKET_LIMITS = {
  subject: 200,
  description: 10_000,
  orderNumber: 64,
  customerName: 256,
  messageText: 10_000,
  csatComment: 2_000,
  actor: 128,
} as const;

/**
 * Field names of a submitted ticket form (a command event's `fields`): the adapter that shows the
 * form (the Discord modal) writes them, the ticket flow reads them.
 */
export const TICKET_FORM_FIELDS = { description: "description", orderNumber: "orderNumber" } as const;

const actor = z.string().trim().min(1).max(TICKET_LIMITS.actor);
const teamName = z.string().trim().min(1).max(128);

/** What a flow supplies to open a ticket. */
export const createTicketInputSchema = z.object({
  /** Where to push updates: the conversation address (`telegram:123`). */
  address: addressStringSchema.pipe(z.string().max(512)),
  customer: z.object({
    /** Must be the address's channel. */
    channel: z.string().min(1).max(64),
    id: z.string().min(1).max(256),
    name: z.string().trim().min(1).max(TICKET_LIMITS.customerName).optional(),
  }),
  /** Language of the conversation (`en`, `ko`); used for every later message to the customer. */
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "expected a language code like en or ko"),
  category: z.string().min(1).max(64),
  /** Team from {@link assignTeam}. */
  team: teamName,
  subject: z.string().trim().min(1).max(TICKET_LIMITS.subject),
  description: z.string().trim().min(1).max(TICKET_LIMITS.description),
  orderNumber: z.string().trim().min(1).max(TICKET_LIMITS.orderNumber).optional(),
  priority: prioritySchema,
  /** Why this priority (from {@link scorePriority}); recorded on the `created` event. */
  priorityReasons: z.array(z.string().max(200)).max(20).optional(),
  actor: actor.optional(),
});
export type CreateTicketInput = z.input<typeof createTicketInputSchema>;
export type ValidCreateTicketInput = z.output<typeof createTicketInputSchema>;

/** A transcript line to append. */
export const addMessageInputSchema = z.object({
  author: messageAuthorSchema,
  authorName: z.string().trim().min(1).max(TICKET_LIMITS.customerName).optional(),
  text: z.string().trim().min(1).max(TICKET_LIMITS.messageText),
});
export type AddMessageInput = z.input<typeof addMessageInputSchema>;

/** A CSAT answer. */
export const csatInputSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().min(1).max(TICKET_LIMITS.csatComment).optional(),
});
export type CsatInput = z.input<typeof csatInputSchema>;

/** A 👍/👎 on an FAQ answer. */
export const faqFeedbackInputSchema = z.object({
  entryId: z.string().min(1).max(128),
  helpful: z.boolean(),
  language: z.string().min(2).max(35),
});
export type FaqFeedbackInput = z.input<typeof faqFeedbackInputSchema>;

/** Schema for a team name (a ticket's assignment, a transfer's target). */
export const teamSchema = teamName;

/** Schema for an actor string: who did something (`customer`, `bot`, `agent:mina`, `system`). */
export const actorSchema = actor;

function issueKind(issue: z.core.$ZodIssue): TicketValidationIssue {
  if (issue.code === "too_big") return "too_long";
  if (issue.code === "too_small") return "missing";
  if (issue.code === "invalid_type" && issue.message.includes("undefined")) return "missing";
  return "invalid";
}

/**
 * Parses input with `schema`, turning the first problem into a {@link TicketValidationError} that
 * names the field, so a flow can ask again for exactly that.
 */
export function parseTicketInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issue.path.join(".") || "input" : "input";
  const kind = issue ? issueKind(issue) : "invalid";
  const detail =
    kind === "too_long" && issue?.code === "too_big"
      ? `is too long (at most ${String(issue.maximum)} characters)`
      : kind === "missing"
        ? "is required"
        : `is invalid (${issue?.message ?? "unknown problem"})`;
  throw new TicketValidationError(field, kind, `Ticket field "${field}" ${detail}; nothing was saved.`);
}

/** Validates a new ticket, including the category against the allowed list. */
export function validateCreateInput(
  input: CreateTicketInput,
  allowedCategories: readonly string[],
): ValidCreateTicketInput {
  const valid = parseTicketInput(createTicketInputSchema, input);
  if (!allowedCategories.includes(valid.category)) {
    throw new TicketValidationError(
      "category",
      "unknown_category",
      `Unknown ticket category "${valid.category.slice(0, 64)}"; choose one of: ${allowedCategories.join(", ")}. Nothing was saved.`,
    );
  }
  if (decodeAddress(valid.address).channel !== valid.customer.channel) {
    throw new TicketValidationError(
      "address",
      "invalid",
      `Ticket address "${valid.address}" is not on the customer's channel "${valid.customer.channel}"; nothing was saved.`,
    );
  }
  return valid;
}
