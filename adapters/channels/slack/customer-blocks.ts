import { renderSlackMrkdwn } from "../../../src/markdown/render-slack-mrkdwn.ts";
import type { Button, OutboundMessage } from "../../../src/model/outbound.ts";

/** Prefix of the customer buttons' `action_id`s (the desk's are `handoff_…`). */
export const CUSTOMER_ACTION_PREFIX = "sb_choice_";
const ACTIONS_BLOCK = "sb_choices";

/** What a customer button carries back (`value`, at most 2,000 characters). */
export interface ChoiceValue {
  action: string;
  value?: string;
  label: string;
}

type Block = Record<string, unknown>;

/**
 * Slack's section text is capped at 3,000 characters; `text` (the notification and fallback) at
 * 40,000. Replies are split by the core to {@link SLACK_MAX_MESSAGE_LENGTH}.
 * @see https://docs.slack.dev/reference/block-kit/blocks/section-block
 */
export const SLACK_MAX_MESSAGE_LENGTH = 3_000;

function buttonElement(button: Button, index: number): Block {
  if (button.kind === "link")
    return {
      type: "button",
      action_id: `sb_link_${index}`,
      text: { type: "plain_text", text: button.label },
      url: button.url,
    };
  const value: ChoiceValue = {
    action: button.action,
    label: button.label,
    ...(button.value === undefined ? {} : { value: button.value }),
  };
  return {
    type: "button",
    action_id: `${CUSTOMER_ACTION_PREFIX}${index}`,
    text: { type: "plain_text", text: button.label, emoji: true },
    value: JSON.stringify(value),
  };
}

/**
 * One neutral message as `chat.postMessage` arguments: mrkdwn text in a section, buttons as Block
 * Kit buttons (at most 25 per actions block).
 * @see https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
export function renderCustomerMessage(message: OutboundMessage): { text: string; blocks: Block[] } {
  const text = renderSlackMrkdwn(message.text);
  const blocks: Block[] = [{ type: "section", text: { type: "mrkdwn", text: text || " " } }];
  const buttons = message.buttons ?? [];
  if (buttons.length > 0)
    blocks.push({
      type: "actions",
      block_id: ACTIONS_BLOCK,
      elements: buttons.slice(0, 25).map(buttonElement),
    });
  return { text, blocks };
}

/**
 * The message after a button was pressed: the buttons replaced by what was chosen, so the choice
 * cannot be pressed twice.
 */
export function pressedBlocks(blocks: readonly Block[], label: string): Block[] {
  return [
    ...blocks.filter((block) => block.type !== "actions"),
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `:white_check_mark: ${label.replace(/[<>&]/g, "")}` }],
    },
  ];
}
