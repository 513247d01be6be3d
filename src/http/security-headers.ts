import type { MiddlewareHandler } from "hono";

/**
 * The Content-Security-Policy of every response. The pages load their script and style from the
 * bot itself and never inline any, so `'self'` is all they need; `connect-src 'self'` also covers
 * the page's own `ws:`/`wss:` origin. Nothing may frame the pages (clickjacking a desk button).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers set on every HTTP response of the bot: pages, assets, the JSON APIs and errors. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  // For browsers that predate frame-ancestors.
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  // The desk's URL may carry `?token=`: no page of the bot tells another site where it came from.
  "referrer-policy": "no-referrer",
};

/** Sets {@link SECURITY_HEADERS} on the response, whatever route (or error handler) produced it. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  };
}
