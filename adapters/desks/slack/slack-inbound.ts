import type { App } from "@slack/bolt";
import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import type { HandoffService } from "../../../src/handoff/handoff-service.ts";
import { type Agent, OwnershipError } from "../../../src/handoff/ownership.ts";
import { mentionedUserIds, mrkdwnToMarkdown } from "./mrkdwn.ts";
import { HANDOFF_ACTIONS } from "./packet-blocks.ts";
import type { SlackApi } from "./slack-api.ts";
import type { SlackThreads } from "./slack-threads.ts";
import type { SlackUserNames } from "./slack-users.ts";

/** What people's actions in Slack call on the core. */
export type DeskActions = Pick<HandoffService, "claim" | "reply" | "note" | "close" | "returnToBot">;

/** @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
const blockActionsSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string() })),
});

/** @see https://docs.slack.dev/reference/events/message */
const messageEventSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  subtype: z.string().optional(),
  text: z.string().optional(),
});

const NOTE = /^\s*note:\s*/i;

/**
 * Splits a thread reply into its kind and body: a reply starting with `note:` is an internal note
 * for the team, anything else goes to the customer. Staff text arrives from Slack unchecked, so
 * ill-formed UTF-16 (a lone surrogate) becomes U+FFFD here, before it reaches the core or the
 * customer's platform SDK.
 */
export function splitThreadReply(raw: string): { note: boolean; body: string } {
  const text = raw.toWellFormed();
  const note = NOTE.exec(text);
  return note ? { note: true, body: text.slice(note[0].length) } : { note: false, body: text };
}

export interface SlackInboundOptions {
  bolt: App;
  api: SlackApi;
  users: SlackUserNames;
  threads: SlackThreads;
  /** Set by `start`; until then Slack's requests are answered 503 by the receiver. */
  actions: () => DeskActions | undefined;
  logger: Logger;
}

/**
 * People's side of the desk: the packet's buttons (`block_actions`) and replies in its thread
 * (`message` events) become HandoffService calls. Replies starting with `note:` stay internal,
 * as do `/commands`; bots (this one included), edits and deletions are ignored.
 * @see https://docs.slack.dev/tools/bolt-js/concepts/actions
 * @see https://docs.slack.dev/tools/bolt-js/concepts/event-listening
 */
export function registerSlackInbound(options: SlackInboundOptions): void {
  const { bolt, api, users, threads } = options;
  const log = options.logger.child({ component: "slack-inbound" });

  function desk(): DeskActions {
    const actions = options.actions();
    if (!actions) throw new Error("the Slack desk is not started");
    return actions;
  }

  /** Tells one person something only they see; never throws (failures are logged by the API). */
  async function tell(channel: string, user: string, text: string, threadTs?: string) {
    await api
      .call("chat.postEphemeral", { channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) })
      .catch(() => undefined);
  }

  /** Tells the person privately why their action did nothing. */
  async function explain(channel: string, user: string, error: unknown, threadTs?: string) {
    if (error instanceof OwnershipError) {
      return tell(channel, user, `${error.message}. Your action was not applied.`, threadTs);
    }
    if (error instanceof Error && error.message.startsWith("No hand-off")) {
      const text = "This hand-off is already closed or back with the bot; nothing was sent to the customer.";
      return tell(channel, user, text, threadTs);
    }
    log.error({ err: error, channel }, "a desk action failed");
    await tell(
      channel,
      user,
      "That did not work: the bot could not apply it. The error has been logged.",
      threadTs,
    );
  }

  bolt.action({ type: "block_actions", action_id: /^handoff_/ }, async ({ ack, body }) => {
    await ack();
    const parsed = blockActionsSchema.safeParse(body);
    if (!parsed.success)
      return log.warn({ issues: parsed.error.issues }, "ignored an unreadable block action");
    const { user, actions } = parsed.data;
    const channel = parsed.data.channel?.id ?? parsed.data.container?.channel_id;
    for (const action of actions) {
      const conversation = action.value;
      if (!conversation || !(await threads.firstSight(`action:${user.id}:${action.action_ts}`))) continue;
      const agent: Agent = { id: user.id, name: await users.name(user.id, user.name ?? user.username) };
      try {
        if (action.action_id === HANDOFF_ACTIONS.claim) await desk().claim(conversation, agent);
        else if (action.action_id === HANDOFF_ACTIONS.close) await desk().close(conversation, agent);
        else if (action.action_id === HANDOFF_ACTIONS.returnToBot)
          await desk().returnToBot(conversation, agent);
      } catch (error) {
        if (channel) await explain(channel, user.id, error);
        else log.error({ err: error, conversation }, "a desk action failed");
      }
    }
  });

  bolt.event("message", async ({ event, context }) => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) return;
    const message = parsed.data;
    const { thread_ts: threadTs, user } = message;
    if (!threadTs || threadTs === message.ts || !user || message.bot_id || user === context.botUserId) return;
    if (message.subtype !== undefined && message.subtype !== "thread_broadcast") {
      if (message.subtype === "file_share" && (await threads.conversationAt(message.channel, threadTs))) {
        await tell(
          message.channel,
          user,
          "Files are not sent to the customer: paste a link instead.",
          threadTs,
        );
      }
      return;
    }
    const conversation = await threads.conversationAt(message.channel, threadTs);
    if (!conversation || !(await threads.firstSight(`message:${message.channel}:${message.ts}`))) return;
    const raw = message.text ?? "";
    if (raw.trimStart().startsWith("/")) return;
    const { note, body } = splitThreadReply(raw);
    const ids = mentionedUserIds(body);
    const names = new Map(await Promise.all(ids.map(async (id) => [id, await users.name(id)] as const)));
    const text = mrkdwnToMarkdown(body, (id) => names.get(id));
    if (text === "") return;
    const agent: Agent = { id: user, name: await users.name(user) };
    try {
      if (note) await desk().note(conversation, agent, text);
      else await desk().reply(conversation, agent, text);
    } catch (error) {
      await explain(message.channel, user, error, threadTs);
    }
  });
}
