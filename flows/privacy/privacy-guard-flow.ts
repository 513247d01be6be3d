import { randomBytes } from "node:crypto";
import type { Keyv } from "keyv";
import { z } from "zod";
import type { TurnContext } from "../../src/core/context.ts";
import type { Feature } from "../../src/core/feature.ts";
import { commandMessages } from "../commands/command-messages.ts";
import { privacyMessages } from "./privacy-messages.ts";

/** Intents whose conversation needs order numbers, payment or account details. */
const PERSONAL_INTENTS = new Set(["refund_request", "billing_problem", "account_problem", "ticket_status"]);
/** Commands that show or collect personal data. */
const PERSONAL_COMMANDS = new Set(["ticket", "status", "forget"]);
const TOKEN = /^p([a-z0-9]{12})$/;

const pendingSchema = z.object({ text: z.string(), from: z.string(), userId: z.string(), at: z.number() });
export type PendingPrivateQuestion = z.infer<typeof pendingSchema>;

export interface PrivacyGuardOptions {
  /** Questions waiting for the user to arrive in private (deep links), by token. */
  pending: Keyv<PendingPrivateQuestion>;
  intentThreshold?: number;
  ttlMs?: number;
}

function isPersonal(ctx: TurnContext, threshold: number): boolean {
  const event = ctx.event;
  if (event.type === "command") return PERSONAL_COMMANDS.has(event.command);
  if (event.type !== "message") return false;
  const intent = ctx.understanding.intent;
  return intent !== undefined && PERSONAL_INTENTS.has(intent.name) && intent.confidence >= threshold;
}

function questionOf(ctx: TurnContext): string {
  const event = ctx.event;
  return event.type === "command" ? `/${event.command} ${event.args}`.trim() : ctx.text;
}

/**
 * Keeps personal matters out of group conversations. In a group, a refund, billing or account
 * question (or `/ticket`, `/status`, `/forget`) moves to a private thread the channel opens, or to a
 * private chat through a deep link; the question is carried over so the customer need not repeat it.
 */
export function privacyGuardFeature(options: PrivacyGuardOptions): Feature {
  const threshold = options.intentThreshold ?? 0.5;
  const ttlMs = options.ttlMs ?? 24 * 3600 * 1000;
  function guards(ctx: TurnContext): boolean {
    const event = ctx.event;
    if (event.type === "command" && event.command === "start" && TOKEN.test(event.args.trim())) return true;
    return event.scope === "group" && isPersonal(ctx, threshold);
  }
  async function guard(ctx: TurnContext): Promise<void> {
    const event = ctx.event;
    if (event.type === "command" && event.command === "start") {
      const token = event.args.trim();
      const pending = pendingSchema.safeParse(await options.pending.get(token));
      if (pending.success && pending.data.userId === ctx.user.id) {
        await options.pending.delete(token);
        ctx.reply(`${privacyMessages.t(ctx, "private.continue")} “${pending.data.text}”`);
        ctx.followUp(pending.data.text);
      } else {
        ctx.reply(commandMessages.t(ctx, "help.text", { bot: ctx.botName }));
      }
      ctx.act("command");
      return;
    }
    const token = `p${randomBytes(9)
      .toString("base64url")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "0")
      .slice(0, 12)}`;
    const question = questionOf(ctx);
    const continuation = await ctx.openPrivateConversation(token).catch((error: unknown) => {
      ctx.log.warn({ err: error }, "the channel could not open a private conversation");
      return undefined;
    });
    if (continuation?.conversation) {
      ctx.reply(privacyMessages.t(ctx, "private.moved"));
      // A submitted form moves as the command it is, its fields intact.
      const fields = event.type === "command" ? event.fields : undefined;
      ctx.followUp(
        question,
        continuation.conversation,
        event.type === "command" && fields ? { command: event.command, args: event.args, fields } : undefined,
      );
    } else if (continuation?.link) {
      await options.pending.set(
        token,
        { text: question, from: ctx.conversation, userId: ctx.user.id, at: Date.now() },
        ttlMs,
      );
      ctx.reply(privacyMessages.t(ctx, "private.link"), [
        { kind: "link", label: privacyMessages.t(ctx, "private.button"), url: continuation.link },
      ]);
    } else {
      ctx.reply(privacyMessages.t(ctx, "private.unavailable"));
    }
    ctx.act("command");
  }
  return {
    name: "privacy-guard",
    messages: privacyMessages,
    install: (composer) => composer.intercept(guards, guard),
  };
}
