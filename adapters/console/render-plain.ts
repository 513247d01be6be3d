/**
 * Renders the core's Markdown subset as plain terminal text: emphasis markers removed, links as
 * "label (url)", optionally bold via ANSI when the terminal supports colour.
 */
export function renderPlain(markdown: string, options: { ansi?: boolean } = {}): string {
  const bold = (text: string) => (options.ansi ? `\u001b[1m${text}\u001b[22m` : text);
  return (
    markdown
      .split(/\n{2,}/)
      // Soft line breaks join, except before a list item, which keeps its own line.
      .map((block) => block.replace(/\n(?!\s*(?:[-*]|\d+[.)]) )/g, " "))
      .join("\n\n")
      .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, "$1 ($2)")
      .replace(/\*\*([^*]+)\*\*/g, (_, text: string) => bold(text))
      .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, "$1$2")
      .replace(/`([^`]+)`/g, "$1")
  );
}
