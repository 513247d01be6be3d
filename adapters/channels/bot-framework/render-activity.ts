import type { Button, OutboundMessage } from "../../../src/model/outbound.ts";
import type { ButtonValue } from "./activity-schema.ts";
import type { ChannelFeatures } from "./channel-features.ts";

/** The outgoing activity fields the adapter sets (botbuilder fills in the conversation reference). */
export interface OutboundActivity {
  type: "message";
  text: string;
  textFormat: "markdown";
  locale?: string;
  attachments?: { contentType: string; content: unknown }[];
}

function submitData(button: Extract<Button, { kind: "action" }>): ButtonValue {
  return {
    switchboard: { action: button.action, ...(button.value === undefined ? {} : { value: button.value }) },
  };
}

/**
 * Buttons as an Adaptive Card: `Action.Submit` sends its `data` back as the next message's `value`
 * (Teams, Web Chat), `Action.OpenUrl` opens a link. The text stays in the activity's Markdown.
 * @see https://adaptivecards.io/explorer/Action.Submit.html
 */
function adaptiveCard(buttons: readonly Button[]) {
  return {
    contentType: "application/vnd.microsoft.card.adaptive",
    content: {
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: "1.4",
      body: [],
      actions: buttons.map((button) =>
        button.kind === "action"
          ? { type: "Action.Submit", title: button.label, data: submitData(button) }
          : { type: "Action.OpenUrl", title: button.label, url: button.url },
      ),
    },
  };
}

/**
 * Buttons as a hero card, for channels without Adaptive Cards: `messageBack` posts the value back
 * and shows the label as the user's message.
 * @see https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-add-rich-cards
 */
function heroCard(buttons: readonly Button[]) {
  return {
    contentType: "application/vnd.microsoft.card.hero",
    content: {
      buttons: buttons.map((button) =>
        button.kind === "action"
          ? {
              type: "messageBack",
              title: button.label,
              text: button.label,
              displayText: button.label,
              value: submitData(button),
            }
          : { type: "openUrl", title: button.label, value: button.url },
      ),
    },
  };
}

/** One neutral message as a Bot Framework message activity: Markdown text and its buttons. */
export function renderActivity(message: OutboundMessage, features: ChannelFeatures): OutboundActivity {
  const activity: OutboundActivity = { type: "message", text: message.text, textFormat: "markdown" };
  if (message.language) activity.locale = message.language;
  const buttons = message.buttons ?? [];
  if (buttons.length > 0)
    activity.attachments = [features.adaptiveCards ? adaptiveCard(buttons) : heroCard(buttons)];
  return activity;
}
