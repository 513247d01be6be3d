import type { SupportedLanguage } from "./languages.ts";

/** Fills `{name}` placeholders; unknown placeholders are left visible. */
export function fillPlaceholders(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/**
 * One owner's sentences (a feature's, a service's, the core's), in every supported language: the
 * same keys in each, checked by the compiler. Owners name their own keys; no catalog knows them all.
 */
export interface MessageBundle<K extends string = string> {
  readonly namespace: string;
  readonly sentences: Readonly<Record<SupportedLanguage, Readonly<Record<K, string>>>>;
  /** The sentence in `language` (or the turn's: anything with a `language`), placeholders filled. */
  t(
    language: SupportedLanguage | { readonly language: SupportedLanguage },
    key: K,
    params?: Record<string, string | number>,
  ): string;
}

export function defineMessages<const En extends Record<string, string>>(
  namespace: string,
  sentences: { en: En; ko: { readonly [K in keyof En]: string } },
): MessageBundle<keyof En & string> {
  return {
    namespace,
    sentences: sentences as MessageBundle<keyof En & string>["sentences"],
    t(language, key, params) {
      const code = typeof language === "string" ? language : language.language;
      const template: string =
        (sentences[code] as Record<string, string>)[key] ??
        (sentences.en as Record<string, string>)[key] ??
        key;
      return fillPlaceholders(template, params);
    },
  };
}
