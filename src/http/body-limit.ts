import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * Refuses a request body larger than `maxBytes` with 413 before it is buffered: at once when
 * `Content-Length` says so, and for a chunked body as soon as the bytes read pass the limit.
 * Put it in front of every route that reads a body.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json(
        { error: `The request body is larger than the ${maxBytes.toLocaleString("en")} bytes allowed here` },
        413,
      ),
  });
}
