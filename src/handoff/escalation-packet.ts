import type { TurnContext } from "../core/context.ts";
import type { TranscriptEntry } from "../core/transcript.ts";
import type { Llm } from "../llm/create-llm.ts";
import type { Priority } from "../model/priority.ts";
import { maskPii } from "../privacy/staff-mask.ts";
import type { HandoffPacket } from "./desk.ts";
import { summaryForDesk } from "./desk-summary.ts";
import type { HandoffTicket } from "./handoff-types.ts";
import { triedFaqIds } from "./summary.ts";

/** The packet a new hand-off puts on the desk: who, why, what they said (masked) and its ticket. */
export async function escalationPacket(
  ctx: TurnContext,
  request: { reason: string; priority: Priority },
  context: {
    entries: readonly TranscriptEntry[];
    ticket: HandoffTicket | undefined;
    llm: Llm | undefined;
    now: number;
  },
): Promise<HandoffPacket> {
  const { entries, ticket } = context;
  return {
    conversation: ctx.conversation,
    channel: ctx.address.channel,
    customer: {
      id: ctx.user.id,
      ...(ctx.user.displayName ? { name: maskPii(ctx.user.displayName) } : {}),
    },
    language: ctx.language,
    reason: request.reason,
    priority: request.priority,
    // Staff lists, Slack and the index keep the summary masked (card, e-mail, phone).
    summary: (await summaryForDesk(context.llm, entries, { latest: ctx.text })).lines.map(maskPii),
    triedFaqIds: triedFaqIds(entries),
    status: "queued",
    openedAt: context.now,
    ...(ctx.trace.intent ? { intent: ctx.trace.intent } : {}),
    ...(ctx.trace.sentiment ? { sentiment: ctx.trace.sentiment } : {}),
    ...(ticket ? { ticket: { id: ticket.id, ...(ticket.dueText ? { dueText: ticket.dueText } : {}) } } : {}),
    ...(ticket?.team ? { team: ticket.team } : {}),
    ...(ticket?.category ? { category: ticket.category } : {}),
  };
}
