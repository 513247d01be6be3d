import type { App } from "@slack/bolt";
import { z } from "zod";
import type { BlockService } from "../../../src/abuse/block-service.ts";
import { blockRequestSchema, type UserBlock } from "../../../src/abuse/block-types.ts";
import type { Logger } from "../../../src/core/logger.ts";
import {
  BLOCK_FIELDS,
  BLOCK_VIEW_ID,
  blockModal,
  parseBlockSubmission,
  parseCustomerRef,
} from "./block-modal.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { CUSTOMER_ACTIONS } from "./packet-blocks.ts";
import type { SlackApi } from "./slack-api.ts";
import type { SlackThreads } from "./slack-threads.ts";
import type { SlackUserNames } from "./slack-users.ts";

/** What blocking from Slack calls on the core. */
export type BlockActions = Pick<BlockService, "block" | "unblock" | "list">;

/** Slash commands (declare them in the app manifest, with the `commands` scope). */
export const BLOCK_COMMANDS = { block: "/switchboard-block", unblock: "/switchboard-unblock" } as const;

const BLOCK_USAGE = `Usage: \`${BLOCK_COMMANDS.block} <channel:userId> <duration> <reason>\`, e.g. \`${BLOCK_COMMANDS.block} web:3f9a 7d spam links\`. Durations: 30m, 2h, 7d, 4w or permanent. The customer id is on the hand-off packet.`;
const UNBLOCK_USAGE = `Usage: \`${BLOCK_COMMANDS.unblock} <channel:userId> [reason]\`.`;

/** @see https://docs.slack.dev/reference/interaction-payloads/block_actions-payload */
const buttonSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  trigger_id: z.string(),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string() })),
});

/** @see https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling */
const commandSchema = z.object({
  command: z.string(),
  text: z.string().default(""),
  user_id: z.string(),
  user_name: z.string().optional(),
  channel_id: z.string(),
});

export interface SlackBlockingOptions {
  bolt: App;
  api: SlackApi;
  users: SlackUserNames;
  threads: SlackThreads;
  /** Set by `start`; without it blocking answers that it is not available. */
  blocks: () => BlockActions | undefined;
  /** The desk channels: the commands are refused elsewhere (only the team sees those). */
  deskChannels: ReadonlySet<string>;
  logger: Logger;
}

/** One line per block, for Slack. */
export function describeBlock(block: UserBlock): string {
  const until =
    block.expiresAt === null
      ? "permanently"
      : `until <!date^${Math.floor(block.expiresAt / 1000)}^{date_short_pretty} {time}|${new Date(block.expiresAt).toISOString()}>`;
  return `\`${escapeMrkdwn(`${block.channel}:${block.userId}`)}\` blocked ${until} by ${escapeMrkdwn(block.blockedBy.name)}: ${escapeMrkdwn(block.reason)}`;
}

/** `web:3f9a` → channel and user id (ids may contain `:`, channels do not). */
function splitUser(text: string): { channel: string; userId: string } | undefined {
  const at = text.indexOf(":");
  if (at <= 0 || at === text.length - 1) return undefined;
  return { channel: text.slice(0, at), userId: text.slice(at + 1) };
}

/**
 * Blocking customers from Slack: the packet's **Block customer** button opens a form (reason and
 * duration, both required), **Unblock customer** lifts it; `/switchboard-block` and
 * `/switchboard-unblock` do the same from a desk channel. The Slack user is the actor on record.
 * @see https://docs.slack.dev/tools/bolt-js/concepts/view-submissions
 * @see https://docs.slack.dev/tools/bolt-js/concepts/commands
 */
export function registerSlackBlocking(options: SlackBlockingOptions): void {
  const { bolt, api, users, threads } = options;
  const log = options.logger.child({ component: "slack-blocking" });

  async function tell(channel: string, user: string, text: string): Promise<void> {
    await api.call("chat.postEphemeral", { channel, user, text }).catch(() => undefined);
  }

  bolt.action({ type: "block_actions", action_id: /^customer_(un)?block$/ }, async ({ ack, body }) => {
    await ack();
    const parsed = buttonSchema.safeParse(body);
    if (!parsed.success)
      return log.warn({ issues: parsed.error.issues }, "ignored an unreadable block button");
    const { user, actions, trigger_id: triggerId } = parsed.data;
    const channel = parsed.data.channel?.id ?? parsed.data.container?.channel_id;
    const ts = parsed.data.container?.message_ts;
    for (const action of actions) {
      const target = parseCustomerRef(action.value);
      if (!target || !(await threads.firstSight(`action:${user.id}:${action.action_ts}`))) continue;
      const blocks = options.blocks();
      try {
        if (!blocks) throw new Error("the Slack desk is not started");
        if (action.action_id === CUSTOMER_ACTIONS.block) {
          const view = blockModal({ ...target, ...(channel && ts ? { packet: { channel, ts } } : {}) });
          await api.call("views.open", { trigger_id: triggerId, view });
        } else {
          const actor = { id: user.id, name: await users.name(user.id, user.name ?? user.username) };
          const lifted = await blocks.unblock({ channel: target.channel, userId: target.userId, actor });
          if (channel && lifted.length === 0) await tell(channel, user.id, "This customer was not blocked.");
        }
      } catch (error) {
        log.error({ err: error, action: action.action_id }, "a block button failed");
        if (channel)
          await tell(
            channel,
            user.id,
            "That did not work: the bot could not apply it. The error has been logged.",
          );
      }
    }
  });

  bolt.view(BLOCK_VIEW_ID, async ({ ack, body }) => {
    const submission = parseBlockSubmission(body);
    if (!submission) {
      await ack();
      return log.warn("ignored an unreadable Block form");
    }
    const { slackUser, target } = submission;
    const actor = { id: slackUser.id, name: await users.name(slackUser.id, slackUser.name) };
    const request = blockRequestSchema.safeParse({
      channel: target.channel,
      userId: target.userId,
      conversation: target.conversation,
      reason: submission.reason,
      duration: submission.duration,
      actor,
    });
    if (!request.success) {
      // Shown under the field in the still-open form.
      const issue = request.error.issues[0];
      const field = issue?.path[0] === "duration" ? BLOCK_FIELDS.duration : BLOCK_FIELDS.reason;
      return ack({ response_action: "errors", errors: { [field]: issue?.message ?? "invalid" } });
    }
    await ack();
    const blocks = options.blocks();
    try {
      if (!blocks) throw new Error("the Slack desk is not started");
      await blocks.block(request.data);
    } catch (error) {
      log.error({ err: error }, "a block from Slack failed");
      if (target.packet)
        await tell(
          target.packet.channel,
          slackUser.id,
          "The customer could not be blocked: the error has been logged.",
        );
    }
  });

  bolt.command(BLOCK_COMMANDS.block, async ({ ack, body }) => {
    const command = commandSchema.safeParse(body);
    if (!command.success) return ack(BLOCK_USAGE);
    const { text, user_id: userId, channel_id: channel } = command.data;
    if (!options.deskChannels.has(channel)) return ack("Use this command in a support desk channel.");
    const blocks = options.blocks();
    if (!blocks) return ack("The Slack desk is starting; try again in a moment.");
    const [who = "", duration = "", ...words] = text.trim().split(/\s+/);
    if (who === "" || who === "list") {
      const active = await blocks.list();
      const lines = active.length ? active.slice(0, 20).map(describeBlock).join("\n") : "Nobody is blocked.";
      return ack(`${lines}\n\n${BLOCK_USAGE}`);
    }
    const target = splitUser(who);
    if (!target) return ack(`Not blocked: the customer must be written channel:userId.\n${BLOCK_USAGE}`);
    const actor = { id: userId, name: await users.name(userId, command.data.user_name) };
    const request = blockRequestSchema.safeParse({ ...target, duration, reason: words.join(" "), actor });
    if (!request.success) return ack(`Not blocked: ${request.error.issues[0]?.message}.\n${BLOCK_USAGE}`);
    const block = await blocks.block(request.data);
    return ack(`Blocked. ${describeBlock(block)}`);
  });

  bolt.command(BLOCK_COMMANDS.unblock, async ({ ack, body }) => {
    const command = commandSchema.safeParse(body);
    if (!command.success) return ack(UNBLOCK_USAGE);
    const { text, user_id: userId, channel_id: channel } = command.data;
    if (!options.deskChannels.has(channel)) return ack("Use this command in a support desk channel.");
    const blocks = options.blocks();
    if (!blocks) return ack("The Slack desk is starting; try again in a moment.");
    const [who = "", ...words] = text.trim().split(/\s+/);
    const target = splitUser(who);
    if (!target) return ack(UNBLOCK_USAGE);
    const actor = { id: userId, name: await users.name(userId, command.data.user_name) };
    const reason = words.join(" ").slice(0, 500);
    const lifted = await blocks.unblock({ ...target, actor, ...(reason ? { reason } : {}) });
    return ack(
      lifted.length > 0
        ? `Unblocked \`${escapeMrkdwn(who)}\`: the bot answers them again. The block stays on record.`
        : `\`${escapeMrkdwn(who)}\` is not blocked.`,
    );
  });
}
