import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import { type Agent, OwnershipError } from "../../../src/handoff/ownership.ts";
import type { DeskTicketActions } from "../../../src/tickets/desk-ticket-actions.ts";
import { TicketError } from "../../../src/tickets/errors.ts";
import { ticketStatusSchema } from "../../../src/tickets/ticket-types.ts";
import type { SlackApi } from "./slack-api.ts";
import type { SlackThreads } from "./slack-threads.ts";
import type { SlackUserNames } from "./slack-users.ts";
import { TICKET_ACTIONS } from "./ticket-blocks.ts";

/** @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
const ticketActionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  container: z.object({ channel_id: z.string(), message_ts: z.string() }),
  actions: z.array(
    z.object({
      action_id: z.string(),
      value: z.string().optional(),
      selected_option: z.object({ value: z.string() }).optional(),
      action_ts: z.string(),
    }),
  ),
});

/**
 * The packet's ticket controls in Slack: a status button sets the ticket's status (the customer is
 * told), the "Transfer to team…" select hands the ticket to another team. The ticket is found from
 * the packet the control sits on, never from the payload's text.
 */
export function registerSlackTicketInbound(options: {
  bolt: App;
  api: SlackApi;
  users: SlackUserNames;
  threads: SlackThreads;
  tickets: () => DeskTicketActions | undefined;
  logger: Logger;
}): void {
  const { bolt, api, users, threads } = options;
  const log = options.logger.child({ component: "slack-tickets" });

  async function tell(channel: string, user: string, text: string) {
    await api.call("chat.postEphemeral", { channel, user, text }).catch(() => undefined);
  }

  bolt.action({ type: "block_actions", action_id: /^ticket_/ }, async ({ ack, body }) => {
    await ack();
    const parsed = ticketActionSchema.safeParse(body);
    if (!parsed.success)
      return log.warn({ issues: parsed.error.issues }, "ignored an unreadable ticket action");
    const { user, container, actions } = parsed.data;
    const tickets = options.tickets();
    const conversation = await threads.conversationAt(container.channel_id, container.message_ts);
    const ticketId = conversation ? await tickets?.ticketOf(conversation) : undefined;
    for (const action of actions) {
      if (!(await threads.firstSight(`action:${user.id}:${action.action_ts}`))) continue;
      if (!tickets || !ticketId) {
        await tell(
          container.channel_id,
          user.id,
          "This packet has no open ticket any more; nothing was changed.",
        );
        continue;
      }
      const agent: Agent = { id: user.id, name: await users.name(user.id, user.name ?? user.username) };
      try {
        if (action.action_id === TICKET_ACTIONS.transfer && action.selected_option) {
          await tickets.transfer(ticketId, agent, { team: action.selected_option.value });
        } else if (action.action_id.startsWith(`${TICKET_ACTIONS.status}_`)) {
          const status = ticketStatusSchema.safeParse(action.value);
          if (status.success) await tickets.setStatus(ticketId, status.data, agent);
        }
      } catch (error) {
        if (error instanceof TicketError || error instanceof OwnershipError) {
          await tell(container.channel_id, user.id, `${error.message} Nothing was changed.`);
        } else {
          log.error({ err: error, ticket: ticketId }, "a ticket action failed");
          await tell(container.channel_id, user.id, "That did not work: the error has been logged.");
        }
      }
    }
  });
}
