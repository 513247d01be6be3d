import type { SupportedLanguage } from "../i18n/languages.ts";
import { escapeMarkdown, markdownLink } from "../markdown/escape-markdown.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import { wellFormedDeep } from "../model/well-formed.ts";
import { coreMessages } from "./core-messages.ts";

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * Fits a message to what a channel can show: buttons become a numbered list (the number typed
 * back selects it), link buttons become inline links, and long text is split on paragraph, then
 * line, then word boundaries so no part exceeds the channel's limit.
 */
export function adaptToCapabilities(
  outbound: OutboundMessage,
  capabilities: Capabilities,
  language: SupportedLanguage,
): OutboundMessage[] {
  // The last stop before a platform SDK: no lone surrogate gets past it (see well-formed.ts).
  const message = wellFormedDeep(outbound);
  let text = message.text;
  const kept: NonNullable<OutboundMessage["buttons"]> = [];
  const actionLines: string[] = [];
  const linkLines: string[] = [];
  let actionNumber = 0;
  for (const button of message.buttons ?? []) {
    if (button.kind === "action") {
      actionNumber++;
      if (capabilities.buttons) kept.push(button);
      else actionLines.push(`${actionNumber}. ${escapeMarkdown(button.label)}`);
    } else if (capabilities.linkButtons) {
      kept.push(button);
    } else {
      linkLines.push(
        capabilities.markdown
          ? `- ${markdownLink(button.label, button.url)}`
          : `- ${escapeMarkdown(button.label)}: ${button.url}`,
      );
    }
  }
  if (linkLines.length > 0) text = `${text}\n\n${linkLines.join("\n")}`;
  if (actionLines.length > 0)
    text = `${text}\n\n${coreMessages.t(language, "buttons.choose")}\n${actionLines.join("\n")}`;
  const parts = splitText(text, capabilities.maxMessageLength);
  return parts.map((part, index) => {
    const out: OutboundMessage = { text: part };
    if (message.language !== undefined) out.language = message.language;
    if (message.card && capabilities.cards && parts.length === 1) out.card = message.card;
    // Buttons ride on the last part, under the text they belong to.
    if (index === parts.length - 1 && kept.length > 0) out.buttons = kept;
    return out;
  });
}

/** Splits text into parts of at most `limit` characters at the most natural boundary available. */
export function splitText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = window.lastIndexOf("\n\n");
    if (cut < limit / 2) cut = window.lastIndexOf("\n");
    if (cut < limit / 2) cut = window.lastIndexOf(" ");
    if (cut < limit / 2) cut = limit;
    // Never between the two halves of a surrogate pair (an emoji): each half alone is ill-formed.
    if (cut === limit && cut > 1 && isHighSurrogate(rest.charCodeAt(cut - 1))) cut--;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
