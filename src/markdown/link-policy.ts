/** URL schemes as `URL#protocol` spells them. */
export type LinkScheme = "http:" | "https:" | "mailto:" | "tg:";

/**
 * Whether `url` may be shown as a link on a channel that allows `schemes`: it must be absolute,
 * start with its scheme (no leading junk a browser would skip), and the scheme must be allowed.
 * `javascript:`, `data:` and relative URLs never are: renderers show them as text.
 */
export function isAllowedUrl(url: string, schemes: readonly LinkScheme[]): boolean {
  if (!URL.canParse(url)) return false;
  const protocol = new URL(url).protocol;
  return (
    (schemes as readonly string[]).includes(protocol) &&
    url.slice(0, protocol.length).toLowerCase() === protocol
  );
}

/**
 * True when a link's label is its URL (`<https://x>`, a bare `https://x`, `www.x` or an email
 * address the parser turned into a link): it is shown once, not as "x (x)".
 */
export function isBareLink(label: string, url: string): boolean {
  return url === label || url === `http://${label}` || url === `mailto:${label}`;
}
