import type { CloudAdapter, TurnContext } from "botbuilder";
import { Hono } from "hono";
import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import { limitBody } from "../../../src/http/body-limit.ts";
import type { RecordingAuthentication } from "./bot-framework-auth.ts";

/** The messaging endpoint registered on the Azure Bot resource. */
export const MESSAGES_PATH = "/api/messages";

/**
 * Largest activity accepted. An activity is one message, card or event with its entities and
 * channel data: a few KiB; Teams caps a bot message at about 100 KiB. 512 KiB bounds what a
 * request can make us read, authenticated or not.
 */
export const MAX_ACTIVITY_BYTES = 512 * 1024;

/**
 * What botbuilder needs of a request body before it authenticates it: anything else makes
 * `CloudAdapter.process` fail with a 500 (a `type` that is not a string, say) — a 400 here instead.
 */
const activityEnvelopeSchema = z.looseObject({
  type: z.string().min(1),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
});

/**
 * `POST /api/messages` into botbuilder's `CloudAdapter.process`: botbuilder authenticates the
 * request (401 for a missing, forged, expired or wrongly addressed token, and `logic` never runs),
 * then runs `logic` with the turn context. `logic` acknowledges fast (it hands the activity to the
 * core and returns), so the channel never times out and resends.
 * @see https://learn.microsoft.com/javascript/api/botbuilder/cloudadapter#botbuilder-cloudadapter-process
 */
export function createMessagesRoute(options: {
  cloud: CloudAdapter;
  /** The authentication `cloud` uses: it says which requests it refused. */
  authentication: Pick<RecordingAuthentication, "refused">;
  /** False until the adapter has started: the channel gets 503 and retries. */
  isReady: () => boolean;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}): Hono {
  const routes = new Hono();
  routes.post(MESSAGES_PATH, limitBody(MAX_ACTIVITY_BYTES), async (c) => {
    if (!options.isReady()) return c.json({ error: "the bot is starting" }, 503);
    const body: unknown = await c.req.json().catch(() => undefined);
    if (!activityEnvelopeSchema.safeParse(body).success)
      return c.json({ error: "expected a Bot Framework Activity (type, channelId, serviceUrl)" }, 400);
    const answer: { status: number; body?: unknown } = { status: 200 };
    const response = {
      socket: null,
      status(code: number) {
        answer.status = code;
        return response;
      },
      send(payload?: unknown) {
        answer.body = payload;
        return response;
      },
      header: () => response,
      end: () => response,
    };
    const request = {
      method: "POST",
      headers: { authorization: c.req.header("authorization") ?? "" },
      body: body as Record<string, unknown>,
    };
    await options.cloud.process(request, response, options.logic);
    if (answer.status === 401 || options.authentication.refused(request.body)) {
      options.logger.warn(
        { reason: typeof answer.body === "string" ? answer.body : undefined },
        "Bot Framework request with an invalid token rejected",
      );
      return c.json({ error: "unauthorized" }, 401);
    }
    if (answer.body === undefined) return c.body(null, answer.status as 200);
    return c.json(answer.body as object, answer.status as 200);
  });
  return routes;
}
