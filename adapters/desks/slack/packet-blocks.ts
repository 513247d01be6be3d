import type { types } from "@slack/bolt";
import type { DeskLine, HandoffPacket } from "../../../src/handoff/desk.ts";
import { renderSlackMrkdwn } from "../../../src/markdown/render-slack-mrkdwn.ts";
import type { Priority } from "../../../src/model/priority.ts";
import { escapeMrkdwn } from "./mrkdwn.ts";
import { TICKET_STATUS_LABELS, ticketActionsBlock } from "./ticket-blocks.ts";

type KnownBlock = types.KnownBlock;

/** Action ids of the packet's buttons; each button's `value` is the conversation address. */
export const HANDOFF_ACTIONS = {
  claim: "handoff_claim",
  close: "handoff_close",
  returnToBot: "handoff_return",
} as const;

/**
 * Action ids of the packet's Block / Unblock buttons; their `value` is a {@link CustomerRef} as JSON.
 * They act on the customer, not the hand-off, hence not `handoff_*`.
 */
export const CUSTOMER_ACTIONS = {
  block: "customer_block",
  unblock: "customer_unblock",
} as const;

/** The customer a Block / Unblock button is about, and the hand-off it was pressed on. */
export interface CustomerRef {
  conversation: string;
  channel: string;
  userId: string;
}

/** A message for `chat.postMessage` / `chat.update`: Block Kit plus the plain-text fallback. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
}

const PRIORITY_LABEL: Record<Priority, string> = {
  urgent: "🔴 Urgent",
  high: "🟠 High",
  normal: "🔵 Normal",
  low: "⚪ Low",
};

// Block Kit limits (header 150, section text 3000, field 2000) — longer text is refused outright.
// @see https://docs.slack.dev/reference/block-kit/blocks
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
function languageLabel(code: string): string {
  try {
    const name = languageNames.of(code);
    return name && name !== code ? `${code} (${name})` : code;
  } catch {
    return code;
  }
}

function statusLine(packet: HandoffPacket): string {
  switch (packet.status) {
    case "human":
      return `:raising_hand: Claimed by *${escapeMrkdwn(packet.agent?.name ?? "someone")}*`;
    case "closed":
      return ":white_check_mark: Closed";
    case "bot":
      return ":robot_face: Returned to the bot";
    default:
      return ":hourglass_flowing_sand: Waiting for someone to claim it";
  }
}

function customerLabel(packet: HandoffPacket): string {
  const name = packet.customer.name ? `${escapeMrkdwn(packet.customer.name)} ` : "";
  return `${name}\`${escapeMrkdwn(packet.customer.id)}\``;
}

/** `<!date^…>` shows a time in each reader's own time zone; the fallback is for old clients. */
function slackDate(at: number): string {
  return `<!date^${Math.floor(at / 1000)}^{date_short_pretty} {time}|${new Date(at).toISOString()}>`;
}

function blockedLine(packet: HandoffPacket): string | undefined {
  const blocked = packet.blocked;
  if (!blocked) return undefined;
  const until = blocked.until === null ? "permanently" : `until ${slackDate(blocked.until)}`;
  return `:no_entry: *Customer blocked* ${until} by *${escapeMrkdwn(blocked.by)}*: ${escapeMrkdwn(blocked.reason)}`;
}

function field(label: string, value: string) {
  return { type: "mrkdwn" as const, text: clip(`*${label}*\n${value}`, 2000) };
}

/**
 * The hand-off packet as one Slack message: a header with priority and reason, the team mention and
 * status, the customer's context as fields, the summary, the FAQ entries already tried, and
 * **Claim** / **Close** / **Return to bot** while the hand-off is open.
 * @see https://docs.slack.dev/reference/block-kit/blocks
 * @see https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
export function renderPacket(
  packet: HandoffPacket,
  options: { group?: string | undefined; teams?: readonly string[] | undefined } = {},
): Required<SlackMessage> {
  const mention = options.group ? `<!subteam^${options.group}> ` : "";
  const reason = packet.reason.trim() || "hand-off";
  const open = packet.status === "queued" || packet.status === "human";
  const ticketStatus = packet.ticket?.status ? ` · ${TICKET_STATUS_LABELS[packet.ticket.status] ?? ""}` : "";
  const ticket = packet.ticket ? `\`${escapeMrkdwn(packet.ticket.id)}\`${ticketStatus}` : "—";
  const due = packet.ticket?.dueText ? ` · SLA due ${escapeMrkdwn(packet.ticket.dueText)}` : "";
  const team = packet.team ?? packet.category;
  const summary = packet.summary.length
    ? packet.summary.map((line) => `> ${escapeMrkdwn(line.replaceAll("\n", " "))}`).join("\n")
    : "_No customer messages yet._";
  const blocked = blockedLine(packet);

  const blocks: KnownBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: clip(`${PRIORITY_LABEL[packet.priority]} · ${reason}`, 150) },
    },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(`${mention}${statusLine(packet)}${team ? ` · team *${escapeMrkdwn(team)}*` : ""}`, 3000),
      },
    },
    {
      type: "section",
      fields: [
        field("Customer", customerLabel(packet)),
        field("Channel", `${escapeMrkdwn(packet.channel)} · \`${escapeMrkdwn(packet.conversation)}\``),
        field("Ticket", ticket),
        field("Priority", `${PRIORITY_LABEL[packet.priority]}${due}`),
        field(
          "Intent",
          packet.intent
            ? `${escapeMrkdwn(packet.intent.name)} (${Math.round(packet.intent.confidence * 100)}%)`
            : "—",
        ),
        field(
          "Sentiment",
          packet.sentiment
            ? `${escapeMrkdwn(packet.sentiment.label)} (${packet.sentiment.score.toFixed(2)})`
            : "—",
        ),
        field("Language", escapeMrkdwn(languageLabel(packet.language))),
        field("Opened", slackDate(packet.openedAt)),
      ],
    },
    ...(blocked
      ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: clip(blocked, 3000) } }]
      : []),
    { type: "section", text: { type: "mrkdwn", text: clip(`*Summary*\n${summary}`, 3000) } },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: clip(
            packet.triedFaqIds.length
              ? `FAQ answers already tried: ${packet.triedFaqIds.map((id) => `\`${escapeMrkdwn(id)}\``).join(", ")}`
              : "No FAQ answer was tried.",
            2000,
          ),
        },
      ],
    },
  ];
  if (open) {
    blocks.push({
      type: "actions",
      block_id: "handoff_actions",
      elements: [
        button("Claim", HANDOFF_ACTIONS.claim, packet.conversation, "primary"),
        {
          ...button("Close", HANDOFF_ACTIONS.close, packet.conversation, "danger"),
          confirm: {
            title: { type: "plain_text", text: "Close this hand-off?" },
            text: { type: "plain_text", text: "The customer is told the conversation is closed." },
            confirm: { type: "plain_text", text: "Close" },
            deny: { type: "plain_text", text: "Cancel" },
          },
        },
        button("Return to bot", HANDOFF_ACTIONS.returnToBot, packet.conversation),
        customerButton(packet),
      ],
    });
    // Tickets also get their lifecycle: status buttons and a transfer to another team.
    if (packet.ticket && options.teams) blocks.push(ticketActionsBlock(packet, options.teams));
  }
  const customer = packet.customer.name ?? packet.customer.id;
  const text = `${mention}[${packet.priority}] ${packet.kind === "ticket" ? "Ticket" : "Hand-off"}: ${escapeMrkdwn(reason)} — ${escapeMrkdwn(customer)} on ${escapeMrkdwn(packet.channel)}${packet.ticket ? `, ticket ${escapeMrkdwn(packet.ticket.id)}` : ""} (${packet.status === "human" ? `claimed by ${escapeMrkdwn(packet.agent?.name ?? "someone")}` : packet.status}${packet.blocked ? ", customer blocked" : ""})`;
  return { text, blocks };
}

/** Block (opens a form asking why and for how long), or Unblock while the customer is blocked. */
function customerButton(packet: HandoffPacket) {
  const ref: CustomerRef = {
    conversation: packet.conversation,
    channel: packet.channel,
    userId: packet.customer.id,
  };
  const value = JSON.stringify(ref);
  if (!packet.blocked) return button("Block customer", CUSTOMER_ACTIONS.block, value, "danger");
  return {
    ...button("Unblock customer", CUSTOMER_ACTIONS.unblock, value),
    confirm: {
      title: { type: "plain_text" as const, text: "Unblock this customer?" },
      text: { type: "plain_text" as const, text: "The bot answers them again; the block stays on record." },
      confirm: { type: "plain_text" as const, text: "Unblock" },
      deny: { type: "plain_text" as const, text: "Cancel" },
    },
  };
}

function button(label: string, actionId: string, value: string, style?: "primary" | "danger") {
  return {
    type: "button" as const,
    text: { type: "plain_text" as const, text: label },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/**
 * A conversation line for the hand-off thread, or `undefined` for lines people wrote in Slack
 * already (agent replies and notes). Customer and bot lines are plain `text` (up to 40,000
 * characters, where a block would cut at 3,000); customer text is escaped so it cannot ping or link.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage#truncating
 */
export function renderLine(line: DeskLine): SlackMessage | undefined {
  switch (line.from) {
    case "customer": {
      const who = line.name ? `Customer (${escapeMrkdwn(line.name)})` : "Customer";
      return { text: `*${who}:* ${escapeMrkdwn(line.text)}` };
    }
    case "bot":
      return { text: `_Bot:_ ${renderSlackMrkdwn(line.text)}` };
    case "system": {
      const text = escapeMrkdwn(line.text);
      return { text, blocks: [{ type: "context", elements: [{ type: "mrkdwn", text: clip(text, 2000) }] }] };
    }
    default:
      return undefined;
  }
}
