import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import { type Agent, OwnershipError } from "../../../src/handoff/ownership.ts";
import type { DeskTicketActions } from "../../../src/tickets/desk-ticket-actions.ts";
import { TicketError, TicketValidationError } from "../../../src/tickets/errors.ts";
import { ticketStatusSchema } from "../../../src/tickets/ticket-types.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import type { SlackApi } from "./slack-api.ts";
import type { SlackThreads } from "./slack-threads.ts";
import type { SlackUserNames } from "./slack-users.ts";
import { TICKET_ACTIONS } from "./ticket-blocks.ts";
import {
  parseTransferSubmission,
  TRANSFER_NOTE_FIELD,
  TRANSFER_NOTE_MAX,
  TRANSFER_VIEW_ID,
  transferModal,
} from "./transfer-modal.ts";

/** @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
const ticketActionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  trigger_id: z.string(),
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
 * told); the "Transfer to team…" select opens a form for the note that goes with it, and its
 * submission hands the ticket to that team. The ticket is found from the packet the control sits
 * on, never from the payload's text.
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
    const { user, container, actions, trigger_id: triggerId } = parsed.data;
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
          const team = action.selected_option.value;
          if (!tickets.teams().includes(team))
            throw new TicketValidationError(
              "team",
              "invalid",
              `Unknown team "${team}": choose one of ${tickets.teams().join(", ")}.`,
            );
          const packet = { channel: container.channel_id, ts: container.message_ts };
          const view = transferModal({ ticketId, team, packet });
          await api.call("views.open", { trigger_id: triggerId, view });
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
  bolt.view(TRANSFER_VIEW_ID, async ({ ack, body }) => {
    const submission = parseTransferSubmission(body);
    if (!submission) {
      await ack();
      return log.warn("ignored an unreadable Transfer form");
    }
    if (submission.note.length > TRANSFER_NOTE_MAX)
      return ack({
        response_action: "errors",
        errors: { [TRANSFER_NOTE_FIELD]: `At most ${TRANSFER_NOTE_MAX} characters.` },
      });
    await ack();
    const { slackUser, target, note } = submission;
    const tickets = options.tickets();
    const agent: Agent = { id: slackUser.id, name: await users.name(slackUser.id, slackUser.name) };
    try {
      if (!tickets) throw new Error("the Slack desk is not started");
      await tickets.transfer(target.ticketId, agent, { team: target.team, ...(note ? { note } : {}) });
      // Notes typed in the thread are not echoed back by the desk; this one was typed in the form.
      if (note)
        await api.call("chat.postMessage", {
          channel: target.packet.channel,
          thread_ts: target.packet.ts,
          text: `:memo: *Note from ${escapeMrkdwn(agent.name)} with the transfer:* ${escapeMrkdwn(note)}`,
          unfurl_links: false,
        });
    } catch (error) {
      if (error instanceof TicketError || error instanceof OwnershipError) {
        await tell(target.packet.channel, slackUser.id, `${error.message} Nothing was changed.`);
      } else {
        log.error({ err: error, ticket: target.ticketId }, "a transfer from Slack failed");
        await tell(target.packet.channel, slackUser.id, "That did not work: the error has been logged.");
      }
    }
  });
}
