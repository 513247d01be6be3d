import type { Keyv } from "keyv";
import type { ConversationState } from "../core/state.ts";
import type { SupportedLanguage } from "../i18n/languages.ts";
import { isSupportedLanguage } from "../i18n/languages.ts";
import type { InboundEvent } from "../model/events.ts";
import { detectLanguage } from "../understanding/language/detect-language.ts";

/**
 * The language of a notice to someone whose message is not processed: the conversation's language
 * when the bot knows it, else the message's own (when clear), else the platform's locale, else the
 * default. Never throws: a failing state store only loses the first choice.
 */
export function createNoticeLanguage(options: {
  state: Keyv<ConversationState>;
  defaultLanguage: SupportedLanguage;
}): (event: InboundEvent) => Promise<SupportedLanguage> {
  return async (event) => {
    const stored = await options.state.get(event.conversation).catch(() => undefined);
    if (isSupportedLanguage(stored?.pinnedLanguage)) return stored.pinnedLanguage;
    if (isSupportedLanguage(stored?.language)) return stored.language;
    const text = event.type === "message" ? event.text : event.type === "command" ? event.args : "";
    const detected = text.trim() === "" ? undefined : detectLanguage(text.slice(0, 500));
    if (detected && detected.confidence >= 0.5 && isSupportedLanguage(detected.code)) return detected.code;
    const locale = event.user.locale?.slice(0, 2).toLowerCase();
    return isSupportedLanguage(locale) ? locale : options.defaultLanguage;
  };
}
