/** Prefix of human-friendly ticket ids. */
const TICKET_ID_PREFIX = "T-";

/** `1042` → `T-1042`. */
export function formatTicketId(number: number): string {
  return `${TICKET_ID_PREFIX}${number}`;
}

/**
 * Finds a ticket id in what a customer typed: `T-1042`, `t-1042`, `T 1042`, `#1042`, or a message
 * that is only `1042`, all give `T-1042`. Other numbers in a sentence (order numbers!) are not
 * taken for ticket ids. Returns undefined when there is none.
 */
export function parseTicketId(text: string): string | undefined {
  if (text.length > 500) return undefined;
  const match =
    /(?:^|[^\p{L}\p{N}])(?:t[-\s]?|#)(\d{1,12})(?!\p{N})/iu.exec(text) ?? /^\s*(\d{1,12})\s*$/.exec(text);
  return match?.[1] ? formatTicketId(Number(match[1])) : undefined;
}
