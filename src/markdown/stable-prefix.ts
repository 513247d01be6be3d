const count = (text: string, token: string): number => text.split(token).length - 1;

/**
 * The part of a reply still being written (a streamed answer) that will not change its look when
 * more text arrives: an unclosed code block, code span, bold, italic or link at the end is held
 * back, so a channel that escapes unmatched markup does not show `\*\*` that turns bold a moment
 * later. Counting is approximate (a lone `*` in "2 * 3" holds back the rest until the text is
 * complete); the final text is always rendered whole.
 */
export function stablePrefix(markdown: string): string {
  let text = markdown;
  if (count(text, "```") % 2 === 1) text = text.slice(0, text.lastIndexOf("```"));
  if ((count(text, "`") - 3 * count(text, "```")) % 2 === 1) text = text.slice(0, text.lastIndexOf("`"));
  if (count(text, "**") % 2 === 1) text = text.slice(0, text.lastIndexOf("**"));
  if ((count(text, "*") - 2 * count(text, "**")) % 2 === 1) text = text.slice(0, text.lastIndexOf("*"));
  const link = text.lastIndexOf("[");
  if (link !== -1 && text.indexOf(")", link) === -1) text = text.slice(0, link);
  return text.trimEnd();
}
