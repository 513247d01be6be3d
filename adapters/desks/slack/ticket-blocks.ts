import type { types } from "@slack/bolt";
import type { HandoffPacket } from "../../../src/handoff/desk.ts";

/**
 * Action ids of the packet's ticket controls. The buttons' `value` is the status to set, the
 * select's option value the team; the ticket is the one of the packet the control sits on.
 */
export const TICKET_ACTIONS = {
  status: "ticket_status",
  transfer: "ticket_transfer",
} as const;

/** The statuses people set from Slack, with their button labels. */
const STATUS_BUTTONS = [
  ["pending_customer", "Waiting on customer"],
  ["open", "Back to open"],
  ["solved", "Solve"],
] as const;

/** How staff read a ticket status on the packet. */
export const TICKET_STATUS_LABELS: Readonly<Record<string, string>> = {
  new: "new",
  open: "open",
  pending_customer: "waiting on customer",
  pending_internal: "waiting on us",
  solved: "solved",
  closed: "closed",
};

// Block Kit: a static select takes at most 100 options of at most 75 characters.
// @see https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element
const MAX_OPTIONS = 100;
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * The ticket's status buttons and the "Transfer to team…" select, for an open packet with a ticket.
 * @see https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
export function ticketActionsBlock(packet: HandoffPacket, teams: readonly string[]): types.KnownBlock {
  const status = packet.ticket?.status;
  const buttons = STATUS_BUTTONS.filter(([value]) => value !== status).map(([value, label]) => ({
    type: "button" as const,
    text: { type: "plain_text" as const, text: label },
    action_id: `${TICKET_ACTIONS.status}_${value}`,
    value,
  }));
  const others = teams.filter((team) => team !== packet.team && team.length <= 75).slice(0, MAX_OPTIONS);
  const select =
    others.length === 0
      ? []
      : [
          {
            type: "static_select" as const,
            action_id: TICKET_ACTIONS.transfer,
            placeholder: { type: "plain_text" as const, text: "Transfer to team…" },
            options: others.map((team) => ({
              text: { type: "plain_text" as const, text: clip(team, 75) },
              value: team,
            })),
          },
        ];
  return { type: "actions", block_id: "ticket_actions", elements: [...buttons, ...select] };
}
