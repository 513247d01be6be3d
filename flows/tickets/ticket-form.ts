import { z } from "zod";

/** What the ticket form remembers between turns (stored on the conversation's active flow). */
export const ticketFormSchema = z.object({
  category: z.string().optional(),
  description: z.string().optional(),
  orderNumber: z.string().optional(),
  /** The customer said they have no order number. */
  noOrder: z.boolean().optional(),
});
export type TicketForm = z.infer<typeof ticketFormSchema>;

const NO_ORDER =
  /^(no|nope|none|n\/a|no order( number)?|i (don'?t|do not) (have|know|remember)( (it|one|that|the (order )?number))?( (right now|now|here|sorry))?|(don'?t|do not|can'?t|cannot) (know|remember|find)( it)?|없어요|없습니다|없음|몰라요|모르겠어요|모르겠습니다|기억(이)? 안 나요|주문 ?번호 ?없(어요|음))[.!]*$/i;

export { isCancel } from "../commands/interruptions.ts";
export const isNoOrder = (text: string) => NO_ORDER.test(text.trim());

/** A one-line subject from the description: its first sentence, at most 80 characters. */
export function subjectFrom(description: string): string {
  const first = description.trim().split(/(?<=[.!?。])\s+|\n/)[0] ?? description;
  const clean = first.replace(/\s+/g, " ").trim();
  return clean.length <= 80 ? clean : `${clean.slice(0, 79)}…`;
}

/** A message is a usable description when it says more than a couple of words. */
export function isDescriptive(text: string): boolean {
  const trimmed = text.trim();
  if (/[가-힣]/.test(trimmed)) return trimmed.replace(/\s/g, "").length >= 6;
  return trimmed.split(/\s+/).length >= 3;
}
