/** The languages the bot has its own sentences in. */
export const SUPPORTED_LANGUAGES = ["en", "ko"] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** True when the bot has its own sentences in `language`. */
export function isSupportedLanguage(language: string | undefined): language is SupportedLanguage {
  return language !== undefined && (SUPPORTED_LANGUAGES as readonly string[]).includes(language);
}
