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

const CANCEL = /^(cancel|stop|never ?mind|forget it|quit|취소|그만|됐어요|안 할래요|필요 없어요)[.!]*$/i;
const NO_ORDER = /^(no|none|n\/a|i don'?t have (it|one)|don'?t know|없어요|없음|몰라요|모르겠어요)[.!]*$/i;

export const isCancel = (text: string) => CANCEL.test(text.trim());
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
