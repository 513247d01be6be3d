/**
 * What erasure needs of the services that keep a customer's words, as ports: privacy sits below
 * them and imports none of them; src/app passes the real ones (the ticket store, the
 * unanswered-questions log), which match these shapes.
 */

/** Anonymises one customer's tickets on one channel; implemented by the ticket store. */
export interface TicketAnonymiser {
  anonymiseCustomer(
    channel: string,
    customerId: string,
    options: { actor: string },
  ): Promise<{ tickets: number; messages: number }>;
}

/** Removes the questions a conversation left unanswered; implemented by the unanswered-questions log. */
export interface UnansweredEraser {
  eraseConversation(conversation: string): Promise<unknown>;
}
