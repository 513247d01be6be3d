import type { Button } from "../../src/model/outbound.ts";

/**
 * Typed answers to a clarify question: "the second one", "두 번째", "2번", "#2", or the entry's
 * title. (A bare "2" or an exact label is already turned into the button press by the core.)
 */

const EN_ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  one: 1,
  second: 2,
  "2nd": 2,
  two: 2,
  third: 3,
  "3rd": 3,
  three: 3,
};
const KO_ORDINALS: Record<string, number> = { 첫: 1, 한: 1, 두: 2, 세: 3, 네: 4 };

const EN_PICK =
  /^(?:(?:the|that|it'?s the|i mean(?: the)?)\s+)?(first|1st|second|2nd|third|3rd|last)(?:\s+(?:one|option|question|entry|choice))?(?:,?\s+please)?[.!]*$/i;
const EN_NUMBER = /^(?:number|option|no\.?|#)\s*(\d{1,2})(?:,?\s+please)?[.!]*$/i;
const KO_PICK =
  /^(첫|한|두|세|네|마지막)\s?(?:번\s?째|번째)?(?:\s?(?:거|것|꺼|질문|항목|내용))?(?:\s?(?:요|이요|예요|이에요|입니다))?[.!]*$/u;
const KO_NUMBER = /^(\d{1,2})\s?번(?:\s?(?:째|이요|요|거|질문|항목))?[.!]*$/u;

/** Which of `count` offered options the text names (1-based), if it names one by position. */
export function ordinalPick(text: string, count: number): number | undefined {
  const trimmed = text.trim();
  const en = EN_PICK.exec(trimmed)?.[1]?.toLowerCase();
  const ko = KO_PICK.exec(trimmed)?.[1];
  const number = EN_NUMBER.exec(trimmed)?.[1] ?? KO_NUMBER.exec(trimmed)?.[1];
  let index: number | undefined;
  if (en) index = en === "last" ? count : EN_ORDINALS[en];
  else if (ko) index = ko === "마지막" ? count : KO_ORDINALS[ko];
  else if (number) index = Number(number);
  return index !== undefined && index >= 1 && index <= count ? index : undefined;
}

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[\s?？!.…"“”'’]+/gu, " ")
    .trim();

/**
 * The KB entry id the customer picked by typing, among the `faq.pick` buttons of the last reply: by
 * position, or by the entry's title (the label, or most of it).
 */
export function typedPick(text: string, offered: readonly Button[]): string | undefined {
  const options = offered.filter(
    (button): button is Extract<Button, { kind: "action" }> =>
      button.kind === "action" && button.action === "faq.pick" && button.value !== undefined,
  );
  if (options.length === 0 || text.length > 120) return undefined;
  const position = ordinalPick(text, options.length);
  if (position !== undefined) return options[position - 1]?.value;
  const typed = normalize(text);
  if (typed.length < 4) return undefined;
  const byTitle = options.filter((option) => {
    const label = normalize(option.label.replace(/…$/, ""));
    return label === typed || (typed.length >= label.length * 0.6 && label.includes(typed));
  });
  return byTitle.length === 1 ? byTitle[0]?.value : undefined;
}
