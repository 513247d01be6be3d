import type { Keyv } from "keyv";
import type { SupportedLanguage } from "../i18n/catalog.ts";
import { isSupportedLanguage, translate } from "../i18n/translate.ts";
import { decodeAddress } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import { type InboundEvent, type InboundEventInput, inboundEventSchema } from "../model/events.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import type { Understanding } from "../model/understanding.ts";
import type { BotPort, PrivateContinuation, StreamOpener } from "./adapter.ts";
import { createTurnContext, type FollowUp, type TurnContext } from "./context.ts";
import type { Coordinator } from "./coordinator.ts";
import { EventError } from "./errors.ts";
import type { Flow } from "./flow.ts";
import type { Gate, GateDecision } from "./gate.ts";
import { normalizeInbound } from "./inbound-normalize.ts";
import type { Logger } from "./logger.ts";
import { createProactive, type Proactive, type ProactivePort } from "./proactive.ts";
import { routeTurn } from "./router.ts";
import { type ConversationState, parseStoredState } from "./state.ts";
import type { TranscriptStore } from "./transcript.ts";
import type { TurnResult } from "./turn-result.ts";
import type { Understander } from "./understander.ts";

/** Understanding reads at most this much of a message: enough for any real question. */
const UNDERSTAND_MAX_CHARS = 2_000;

/**
 * Delivers replies to the conversation's channel; `inReplyTo` is the id of the inbound event they
 * answer (absent for proactive sends).
 */
export type Deliver = (
  conversation: string,
  messages: OutboundMessage[],
  inReplyTo?: string,
) => Promise<void>;

export interface BotOptions {
  flows: readonly Flow[];
  understander: Understander;
  state: Keyv<ConversationState>;
  transcript: TranscriptStore;
  coordinator: Coordinator;
  capabilitiesFor: (channel: string) => Capabilities;
  deliver: Deliver;
  /** Opens streamed replies on channels that can edit messages (the channel registry does). */
  streams?: StreamOpener;
  defaultLanguage: SupportedLanguage;
  logger: Logger;
  botName?: string;
  idempotencyTtlMs?: number;
  stateTtlMs?: number;
  /** The channel's way to move a user somewhere private (see `Adapter.openPrivateConversation`). */
  openPrivate?: (
    channel: string,
    request: { conversation: string; userId: string; token: string },
  ) => Promise<PrivateContinuation | undefined>;
  /** Keeps blocked users and floods out of the turn (in the conversation's line, after de-duplication). */
  gate?: Gate;
  /** Run after the flow, before anything is saved or sent (tone, redaction). */
  afterFlow?: readonly ((ctx: TurnContext) => void | Promise<void>)[];
  /** Called after every processed turn (metrics, tests). */
  onTurn?: (result: TurnResult, ctx: TurnContext) => void;
  /**
   * Sends outside customer turns; the app creates it before the services that need it (hand-off,
   * tickets), so none of them waits for the bot. Default: one over these options.
   */
  proactive?: Proactive;
}

export interface Bot extends BotPort, ProactivePort {
  /** The one entry point: validates, de-duplicates, orders, understands, routes, replies, records. */
  handle(input: InboundEventInput): Promise<TurnResult>;
}

/** Creates the channel-neutral core. */
export function createBot(options: BotOptions): Bot {
  const idempotencyTtlMs = options.idempotencyTtlMs ?? 24 * 3600 * 1000;
  const log = options.logger;

  async function runTurn(event: InboundEvent): Promise<TurnResult> {
    const address = decodeAddress(event.conversation);
    const stored = parseStoredState(await options.state.get(event.conversation));
    if (!stored.valid)
      log.warn(
        { conversation: event.conversation },
        "stored state did not match the schema; starting afresh",
      );
    const state = stored.state;
    delete state.unreachable;
    const normalized = normalizeInbound(event, state.offeredButtons);
    const text = textOf(normalized);
    const hint = state.language ?? event.user.locale?.slice(0, 2);
    // A button press or a bare command says nothing to classify: only the language carries over.
    const understanding: Understanding =
      text.trim() === ""
        ? { language: { code: hint ?? "und", confidence: hint ? 0.5 : 0 } }
        : await options.understander.understand(text.slice(0, UNDERSTAND_MAX_CHARS), { language: hint });
    const detected = understanding.language.code;
    if (
      !state.pinnedLanguage &&
      isSupportedLanguage(detected) &&
      understanding.language.confidence >= 0.5 &&
      text.trim() !== ""
    ) {
      state.language = detected;
    }
    const language: SupportedLanguage = isSupportedLanguage(state.language)
      ? state.language
      : options.defaultLanguage;
    let currentFlow = "";
    const capabilities = options.capabilitiesFor(address.channel);
    const streams = capabilities.edits ? options.streams : undefined;
    const ctx = createTurnContext({
      event: normalized,
      address,
      text,
      understanding,
      language,
      capabilities,
      state,
      log: log.child({ conversation: event.conversation }),
      botName: options.botName ?? "Switchboard",
      flowName: () => currentFlow,
      openPrivate: async (request) => options.openPrivate?.(address.channel, request),
      deliver: (messages) => options.deliver(event.conversation, messages, event.id),
      ...(streams?.canStream(address.channel)
        ? { openStream: (initial: OutboundMessage) => streams.open(event.conversation, initial, event.id) }
        : {}),
    });
    if (understanding.intent)
      ctx.trace.intent = {
        name: understanding.intent.name,
        confidence: round3(understanding.intent.confidence),
      };
    if (understanding.sentiment)
      ctx.trace.sentiment = {
        label: understanding.sentiment.label,
        score: round3(understanding.sentiment.score),
      };

    const flow = routeTurn(options.flows, ctx);
    if (flow) {
      currentFlow = flow.name;
      ctx.trace.flow = flow.name;
      try {
        await flow.handle(ctx);
      } catch (error) {
        ctx.log.error({ err: error, flow: flow.name }, "flow failed; the customer was told to try again");
        ctx.failWith(translate(language, "error.text"));
      }
    } else {
      ctx.log.warn({ type: normalized.type }, "no flow handled the event");
    }
    for (const hook of options.afterFlow ?? []) {
      try {
        await hook(ctx);
      } catch (error) {
        ctx.log.error({ err: error }, "after-flow step failed; the turn goes on");
      }
    }

    if (ctx.trace.action === "answer") state.unansweredStreak = 0;
    else if (ctx.trace.action === "fallback" || ctx.trace.action === "clarify") state.unansweredStreak++;
    state.offeredButtons = ctx.replies
      .flatMap((reply) => reply.buttons ?? [])
      .filter((b) => b.kind === "action");
    state.turns++;
    state.updatedAt = Date.now();
    try {
      if (ctx.forgotten) {
        await options.state.delete(event.conversation);
      } else {
        await options.state.set(event.conversation, state, options.stateTtlMs);
        await options.transcript.append(event.conversation, {
          at: Date.now(),
          eventId: event.id,
          userId: event.user.id,
          ...(event.user.displayName === undefined ? {} : { displayName: event.user.displayName }),
          type: normalized.type,
          text,
          trace: ctx.trace,
          replies: ctx.replies,
        });
      }
    } catch (error) {
      // Half an answer is on screen: end it with an apology rather than leave it hanging.
      if (ctx.streaming) {
        ctx.failWith(translate(language, "error.text"));
        await ctx.deliverReplies().catch(() => undefined);
      }
      throw error;
    }
    await ctx.deliverReplies();
    const result: TurnResult = {
      duplicate: false,
      conversation: event.conversation,
      trace: ctx.trace,
      replies: ctx.replies,
    };
    options.onTurn?.(result, ctx);
    if (ctx.followUps.length > 0) pendingFollowUps.set(result, { event, followUps: ctx.followUps });
    return result;
  }

  // Follow-ups run after the turn's lock is released (they may target the same conversation).
  const pendingFollowUps = new WeakMap<TurnResult, { event: InboundEvent; followUps: readonly FollowUp[] }>();

  async function runFollowUps(result: TurnResult): Promise<void> {
    const pending = pendingFollowUps.get(result);
    if (!pending) return;
    pendingFollowUps.delete(result);
    for (const [index, followUp] of pending.followUps.entries()) {
      const [channel] = followUp.conversation.split(":");
      const base = {
        id: `${pending.event.id}:follow-up:${index}`,
        conversation: followUp.conversation,
        user: { ...pending.event.user, channel: channel ?? pending.event.user.channel },
      };
      const command = followUp.command;
      await handle(
        command
          ? {
              ...base,
              type: "command",
              command: command.command,
              args: command.args,
              ...(command.fields ? { fields: { ...command.fields } } : {}),
            }
          : { ...base, type: "message", text: followUp.text },
      ).catch((error: unknown) =>
        log.error({ err: error, conversation: followUp.conversation }, "follow-up failed"),
      );
    }
  }

  async function handle(input: InboundEventInput): Promise<TurnResult> {
    const parsed = inboundEventSchema.safeParse(input);
    if (!parsed.success) {
      throw new EventError(
        `Inbound event rejected: ${parsed.error.issues.map((i) => `${i.path.join(".") || "event"}: ${i.message}`).join("; ")}`,
      );
    }
    const event = parsed.data;
    // The conversation's line comes first, before any await: events run in the order they
    // arrived (across processes with Redis), so adapters need no queues of their own.
    const result = await options.coordinator.runExclusive(event.conversation, async () => {
      const claimKey = idempotencyKey(event);
      if (!(await options.coordinator.claimOnce(claimKey, idempotencyTtlMs))) {
        log.debug({ event: event.id }, "duplicate delivery ignored");
        const duplicate: TurnResult = {
          duplicate: true,
          conversation: event.conversation,
          trace: {},
          replies: [],
        };
        return duplicate;
      }
      const gated = await options.gate?.check(event);
      if (gated && gated.verdict !== "allow") return refuse(event, gated);
      try {
        return await runTurn(event);
      } catch (error) {
        // Let a redelivery of this event try again: nothing reached the customer.
        await options.coordinator.releaseClaim(claimKey).catch(() => undefined);
        throw error;
      }
    });
    await runFollowUps(result);
    return result;
  }

  /** A gated event: its one notice (if any) is delivered, nothing else happens. */
  async function refuse(
    event: InboundEvent,
    decision: Exclude<GateDecision, { verdict: "allow" }>,
  ): Promise<TurnResult> {
    const replies = decision.verdict === "notify" ? [decision.message] : [];
    if (replies.length > 0)
      await options
        .deliver(event.conversation, replies, event.id)
        .catch((error: unknown) =>
          log.warn({ err: error, conversation: event.conversation }, "gate notice not delivered"),
        );
    const { conversation } = event;
    return { duplicate: false, conversation, trace: {}, replies, refused: decision.reason };
  }

  const outreach = options.proactive ?? createProactive(options);
  return {
    reportUndeliverable: outreach.reportUndeliverable,
    proactive: outreach.proactive,
    handle,
  };
}

/**
 * The key under which an event is claimed: per conversation, because only the platform's ids are
 * unique per bot — the web chat's ids are chosen by each browser and may repeat across sessions.
 * The id is percent-encoded so the last ":" always ends the conversation part: two different
 * (conversation, id) pairs never make the same key.
 */
export function idempotencyKey(event: Pick<InboundEvent, "conversation" | "id">): string {
  return `${event.conversation}:${encodeURIComponent(event.id)}`;
}

function textOf(event: InboundEvent): string {
  switch (event.type) {
    case "message":
      return event.text;
    case "command":
      return event.args;
    default:
      return "";
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
