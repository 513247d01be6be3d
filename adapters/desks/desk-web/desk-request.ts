import type { Context } from "hono";
import { z } from "zod";

/** The person acting on the desk, as every desk POST names them. */
export const agentBodySchema = z.object(
  {
    id: z.string().trim().min(1, "agent.id is required").max(128),
    name: z.string().trim().min(1, "agent.name is required").max(80),
  },
  { error: "agent must be an object { id, name }" },
);

/** The JSON body of a desk POST, or the response that refuses it. */
export async function jsonBody(c: Context): Promise<{ json: unknown } | { refused: Response }> {
  // Requiring JSON also makes a cross-site form post (no CORS preflight) impossible.
  if (!c.req.header("content-type")?.toLowerCase().startsWith("application/json")) {
    return { refused: c.json({ error: "Send the body as JSON with content-type: application/json" }, 415) };
  }
  const json: unknown = await c.req.json().catch(() => undefined);
  if (json === undefined) return { refused: c.json({ error: "The body is not valid JSON" }, 400) };
  return { json };
}
