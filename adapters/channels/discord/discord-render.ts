import {
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponent,
  type APIEmbed,
  type APIMessageTopLevelComponent,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { splitText } from "../../../src/core/outbound-adapt.ts";
import { escapeDiscord, renderDiscordMarkdown } from "../../../src/markdown/render-discord.ts";
import type { Button, Card, OutboundMessage } from "../../../src/model/outbound.ts";
import type { ComponentCodec } from "./component-codec.ts";
import type { ComponentRow } from "./discord-payloads.ts";

/** Discord's limit on a message's `content`. */
export const MAX_CONTENT = 2_000;
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;

/** A message body as Discord's create/edit/follow-up endpoints take it. */
export interface DiscordMessageBody {
  content: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  allowed_mentions: APIAllowedMentions;
}

/**
 * Never let a message ping anyone by accident: no @everyone/@here, no users, no roles. Only roles
 * passed explicitly (the staff role in a new private thread) may ping.
 *
 * @see https://discord.com/developers/docs/resources/message#allowed-mentions-object
 */
export function allowedMentions(roles: readonly string[] = []): APIAllowedMentions {
  return roles.length > 0 ? { parse: [], roles: [...roles] } : { parse: [] };
}

function toComponent(button: Button, codec: ComponentCodec, taken: Set<string>): APIButtonComponent {
  if (button.kind === "link") {
    return { type: ComponentType.Button, style: ButtonStyle.Link, label: button.label, url: button.url };
  }
  const customId = codec.encode(button, taken);
  taken.add(customId);
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: button.label,
    custom_id: customId,
  };
}

/**
 * Neutral buttons as rows of Discord buttons (5 per row, 5 rows). Buttons beyond 25 are returned in
 * `overflow` so the caller can say so in the text.
 *
 * @see https://discord.com/developers/docs/components/reference#button
 */
export function renderButtons(
  buttons: readonly Button[],
  codec: ComponentCodec,
): { rows: APIActionRowComponent<APIButtonComponent>[]; overflow: Button[] } {
  const limit = BUTTONS_PER_ROW * MAX_ROWS;
  const taken = new Set<string>();
  const components = buttons.slice(0, limit).map((button) => toComponent(button, codec, taken));
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let start = 0; start < components.length; start += BUTTONS_PER_ROW) {
    rows.push({
      type: ComponentType.ActionRow,
      components: components.slice(start, start + BUTTONS_PER_ROW),
    });
  }
  return { rows, overflow: buttons.slice(limit) };
}

/**
 * One outbound message as Discord message bodies: rendered text (re-split if rendering pushed it
 * over 2,000 characters), buttons under the last part, and mentions always suppressed.
 */
export function renderOutbound(
  message: OutboundMessage,
  codec: ComponentCodec,
  options: { pingRoles?: readonly string[] } = {},
): DiscordMessageBody[] {
  const { rows, overflow } = renderButtons(message.buttons ?? [], codec);
  const overflowLinks = overflow.flatMap((button) =>
    button.kind === "link" ? [`- ${escapeDiscord(button.label)} (<${button.url}>)`] : [],
  );
  const text = [renderDiscordMarkdown(message.text), ...overflowLinks].join("\n").trim();
  const parts = text === "" ? [] : splitText(text, MAX_CONTENT);
  if (parts.length === 0 && rows.length === 0) return [];
  if (parts.length === 0) parts.push("");
  if (message.card && parts.length === 1) {
    // A card (the ticket acknowledgement) is an embed: the text becomes its description.
    const body: DiscordMessageBody = {
      content: "",
      embeds: [renderEmbed(message.card, parts[0] ?? "")],
      allowed_mentions: allowedMentions(options.pingRoles),
    };
    if (rows.length > 0) body.components = rows;
    return [body];
  }
  return parts.map((content, index) => {
    const body: DiscordMessageBody = { content, allowed_mentions: allowedMentions(options.pingRoles) };
    if (index === parts.length - 1 && rows.length > 0) body.components = rows;
    return body;
  });
}

const CARD_COLOURS = { info: 0x5865f2, success: 0x57f287, warning: 0xfee75c } as const;

/**
 * A neutral card as a Discord embed.
 * @see https://discord.com/developers/docs/resources/message#embed-object
 */
export function renderEmbed(card: Card, description: string): APIEmbed {
  return {
    title: card.title,
    description: description.slice(0, 4_096),
    color: CARD_COLOURS[card.tone ?? "info"],
    fields: card.fields.map((field) => ({
      name: field.label,
      value: renderDiscordMarkdown(field.value),
      inline: true,
    })),
  };
}

/**
 * The rows of a message whose button was pressed, with every button that answers back disabled
 * (link buttons stay usable) and the pressed one highlighted, so a choice cannot be made twice.
 */
export function disableButtons(rows: readonly ComponentRow[], pressedId: string): ComponentRow[] {
  return rows.map((row) =>
    row.type !== ComponentType.ActionRow || !row.components
      ? row
      : {
          ...row,
          components: row.components.map((button) =>
            button.type !== ComponentType.Button || button.style === ButtonStyle.Link
              ? button
              : {
                  ...button,
                  disabled: true,
                  ...(button.custom_id === pressedId ? { style: ButtonStyle.Primary } : {}),
                },
          ),
        },
  );
}
