import { Hono } from "hono";
import { z } from "zod";
import type { BlockService } from "../../../src/abuse/block-service.ts";
import { blockRequestSchema, unblockRequestSchema } from "../../../src/abuse/block-types.ts";
import type { Logger } from "../../../src/core/logger.ts";
import type { HandoffRecord, HandoffService } from "../../../src/handoff/handoff-service.ts";
import type { LocalDesk } from "../../../src/handoff/local-desk.ts";
import { type Agent, OwnershipError } from "../../../src/handoff/ownership.ts";
import { wellFormed } from "../../../src/model/well-formed.ts";
import { agentBodySchema, jsonBody } from "./desk-request.ts";

/** What a person does to a hand-off from the desk; `return` hands the conversation back to the bot. */
export const DESK_ACTIONS = ["claim", "reply", "note", "close", "return"] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

const actionBodySchema = z.object({ agent: agentBodySchema });
const textBodySchema = actionBodySchema.extend({
  text: z
    .string({ error: "text is required: the message to send" })
    .overwrite(wellFormed)
    .trim()
    .min(1, "text must not be empty")
    .max(4_000, "text is limited to 4,000 characters"),
});

/** A hand-off as the desk API shows it: the packet, without the desk's internal reference. */
function view(found: HandoffRecord) {
  return { packet: found.packet, updatedAt: found.updatedAt };
}

const notFound = (conversation: string) => ({
  error: `No open hand-off for ${conversation}: it was closed, returned to the bot, or never escalated`,
});

const blockBodySchema = blockRequestSchema.omit({ actor: true }).extend({ agent: agentBodySchema });
const unblockBodySchema = unblockRequestSchema.omit({ actor: true }).extend({ agent: agentBodySchema });

/**
 * The desk's JSON API over the HandoffService (and the blocklist, when given). Conversation
 * addresses contain `:`, so clients URL-encode them in the path (`web%3Aabc`). Access is checked
 * before these routes run.
 */
export function createDeskApi(options: {
  handoff: HandoffService;
  desk: LocalDesk;
  logger: Logger;
  blocks?: BlockService | undefined;
}): Hono {
  const { handoff, desk, logger: log } = options;
  const api = new Hono();
  // Customer conversations: never kept by a browser or proxy cache.
  api.use("/api/desk/*", async (c, next) => {
    await next();
    c.header("cache-control", "no-store");
  });

  api.get("/api/desk/handoffs", async (c) => c.json({ handoffs: (await handoff.list()).map(view) }));

  api.get("/api/desk/handoffs/:conversation/lines", async (c) => {
    const conversation = c.req.param("conversation");
    if (!(await handoff.get(conversation))) return c.json(notFound(conversation), 404);
    return c.json({ conversation, lines: await desk.lines(conversation) });
  });

  api.post("/api/desk/handoffs/:conversation/:action", async (c) => {
    const conversation = c.req.param("conversation");
    const action = c.req.param("action") as DeskAction;
    if (!DESK_ACTIONS.includes(action)) {
      return c.json({ error: `Unknown action "${action}": use ${DESK_ACTIONS.join(", ")}` }, 404);
    }
    const read = await jsonBody(c);
    if ("refused" in read) return read.refused;
    const { json } = read;
    const schema = action === "reply" || action === "note" ? textBodySchema : actionBodySchema;
    const body = schema.safeParse(json);
    if (!body.success) return c.json({ error: `Invalid request: ${z.prettifyError(body.error)}` }, 400);
    const agent: Agent = body.data.agent;
    const text = "text" in body.data ? String(body.data.text) : "";
    if (!(await handoff.get(conversation))) return c.json(notFound(conversation), 404);
    try {
      await run(action, conversation, agent, text);
    } catch (error) {
      const current = await handoff.get(conversation);
      if (error instanceof OwnershipError) {
        return c.json({ error: error.message, code: error.code, heldBy: current?.packet.agent ?? null }, 409);
      }
      // Closed or returned by someone else between the check and the action.
      if (!current) return c.json(notFound(conversation), 404);
      throw error;
    }
    log.info({ conversation, agent: agent.id, action }, "desk action");
    const after = await handoff.get(conversation);
    return c.json({
      conversation,
      status: after?.packet.status ?? (action === "return" ? "bot" : "closed"),
      ...(after ? view(after) : {}),
    });
  });

  const { blocks } = options;
  if (blocks) {
    api.get("/api/desk/blocks", async (c) => {
      const history = c.req.query("history") === "1";
      return c.json({ blocks: await blocks.list({ history }) });
    });

    api.post("/api/desk/blocks", async (c) => {
      const read = await jsonBody(c);
      if ("refused" in read) return read.refused;
      const body = blockBodySchema.safeParse(read.json);
      if (!body.success) return c.json({ error: `Invalid request: ${z.prettifyError(body.error)}` }, 400);
      const { agent, ...request } = body.data;
      const block = await blocks.block({ ...request, actor: agent });
      log.info({ agent: agent.id, block: block.id }, "desk action: block");
      return c.json({ block: block }, 201);
    });

    api.post("/api/desk/blocks/unblock", async (c) => {
      const read = await jsonBody(c);
      if ("refused" in read) return read.refused;
      const body = unblockBodySchema.safeParse(read.json);
      if (!body.success) return c.json({ error: `Invalid request: ${z.prettifyError(body.error)}` }, 400);
      const { agent, ...request } = body.data;
      const lifted = await blocks.unblock({ ...request, actor: agent });
      if (lifted.length === 0) {
        return c.json(
          { error: `${request.channel}:${request.userId} is not blocked: nothing to unblock` },
          404,
        );
      }
      log.info({ agent: agent.id, lifted: lifted.length }, "desk action: unblock");
      return c.json({ unblocked: lifted });
    });
  }

  function run(action: DeskAction, conversation: string, agent: Agent, text: string): Promise<void> {
    switch (action) {
      case "claim":
        return handoff.claim(conversation, agent);
      case "reply":
        return handoff.reply(conversation, agent, text);
      case "note":
        return handoff.note(conversation, agent, text);
      case "close":
        return handoff.close(conversation, agent);
      case "return":
        return handoff.returnToBot(conversation, agent);
    }
  }

  return api;
}
