import { catalog, type MessageKey, SUPPORTED_LANGUAGES, type SupportedLanguage } from "./catalog.ts";

/** True when the bot has its own sentences in `language`. */
export function isSupportedLanguage(language: string | undefined): language is SupportedLanguage {
  return language !== undefined && (SUPPORTED_LANGUAGES as string[]).includes(language);
}

/** Looks up a sentence and fills `{name}` placeholders; unknown placeholders are left visible. */
export function translate(
  language: SupportedLanguage,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template: string = catalog[language][key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
