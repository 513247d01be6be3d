import type { Keyv } from "keyv";
import type { SupportedLanguage } from "../i18n/languages.ts";
import { isSupportedLanguage } from "../i18n/languages.ts";
import { decodeAddress } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import { EventError } from "../model/errors.ts";
import { type InboundEvent, type InboundEventInput, inboundEventSchema } from "../model/events.ts";
import type { OutboundMessage } from "../model/outbound.ts";
import type { Understanding } from "../model/understanding.ts";
import type { BotPort, PrivateContinuation, StreamOpener } from "./adapter.ts";
import { Composer } from "./composer.ts";
import { type CoreTurnContext, createTurnContext, type FollowUp, type TurnContext } from "./context.ts";
import type { Coordinator } from "./coordinator.ts";
import { coreMessages } from "./core-messages.ts";
import { type Feature, installFeatures } from "./feature.ts";
import type { Gate, GateDecision } from "./gate.ts";
import { normalizeInbound } from "./inbound-normalize.ts";
import type { Logger } from "./logger.ts";
import { createProactive, type Proactive, type ProactivePort } from "./proactive.ts";
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
  /** The conversation's behaviour, in order: the first feature sees a turn first. */
  features: readonly Feature[];
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

/** One turn on its way through the stages: each stage fills in what the next ones read. */
interface TurnWork {
  input: InboundEventInput;
  event: InboundEvent;
  state: ConversationState;
  normalized: InboundEvent;
  text: string;
  ctx: CoreTurnContext;
  result?: TurnResult;
}

/** A named stage of every turn: a middleware over the turn in progress. */
interface Stage {
  readonly name: string;
  run(turn: TurnWork, next: () => Promise<void>): Promise<void>;
}

/** Creates the channel-neutral core. */
export function createBot(options: BotOptions): Bot {
  const idempotencyTtlMs = options.idempotencyTtlMs ?? 24 * 3600 * 1000;
  const log = options.logger;
  const features = installFeatures(new Composer(), options.features).middleware();

  /**
   * The stages of a turn, in order, each a middleware over the turn in progress: what one stage
   * leaves on it the next reads. `order` holds the conversation's line around everything after it.
   */
  const stages: readonly Stage[] = [
    { name: "validate", run: validate },
    { name: "order", run: (turn, next) => options.coordinator.runExclusive(turn.event.conversation, next) },
    { name: "de-duplicate", run: deduplicate },
    { name: "load state", run: loadState },
    { name: "normalise", run: normalise },
    { name: "understand", run: understand },
    { name: "features", run: runFeatures },
    { name: "save", run: save },
    { name: "deliver", run: deliver },
  ];

  async function validate(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    const parsed = inboundEventSchema.safeParse(turn.input);
    if (!parsed.success) {
      throw new EventError(
        `Inbound event rejected: ${parsed.error.issues.map((i) => `${i.path.join(".") || "event"}: ${i.message}`).join("; ")}`,
      );
    }
    turn.event = parsed.data;
    await next();
  }

  /** A redelivered event stops here; so do blocked users and floods (the gate), after their one notice. */
  async function deduplicate(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    const event = turn.event;
    const claimKey = idempotencyKey(event);
    if (!(await options.coordinator.claimOnce(claimKey, idempotencyTtlMs))) {
      log.debug({ event: event.id }, "duplicate delivery ignored");
      turn.result = { duplicate: true, conversation: event.conversation, trace: {}, replies: [] };
      return;
    }
    const gated = await options.gate?.check(event);
    if (gated && gated.verdict !== "allow") {
      turn.result = await refuse(event, gated);
      await options.coordinator.settleClaim?.(claimKey, idempotencyTtlMs);
      return;
    }
    try {
      await next();
    } catch (error) {
      // Let a redelivery of this event try again: nothing reached the customer.
      await options.coordinator.releaseClaim(claimKey).catch(() => undefined);
      throw error;
    }
    // Handled and delivered: from now on a redelivery is a duplicate on every process.
    await options.coordinator.settleClaim?.(claimKey, idempotencyTtlMs);
  }

  async function loadState(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    const stored = parseStoredState(await options.state.get(turn.event.conversation));
    if (!stored.valid)
      log.warn(
        { conversation: turn.event.conversation },
        "stored state did not match the schema; starting afresh",
      );
    turn.state = stored.state;
    delete turn.state.unreachable;
    await next();
  }

  /** A typed "2" (or a button's label) after a reply with buttons is that button; "/help" a command. */
  async function normalise(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    turn.normalized = normalizeInbound(turn.event, turn.state.offeredButtons);
    turn.text = textOf(turn.normalized);
    await next();
  }

  /**
   * Understands the message once for every feature: language, intent, sentiment (and PII
   * placeholders). Builds the turn's context. Readings only some turns need (the FAQ's candidates)
   * are made by their feature the first time one asks, once per turn (`searchFaqOnce`).
   */
  async function understand(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    const { event, state, normalized, text } = turn;
    const address = decodeAddress(event.conversation);
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
    // A turn without words (a welcome when the bot is added, a button) in a conversation that has
    // no language yet answers in the locale the platform reports for the user.
    const hinted = text.trim() === "" && isSupportedLanguage(hint) ? hint : undefined;
    const language: SupportedLanguage = isSupportedLanguage(state.language)
      ? state.language
      : (hinted ?? options.defaultLanguage);
    const capabilities = options.capabilitiesFor(address.channel);
    const streams = capabilities.edits ? options.streams : undefined;
    // `setFlow` records a step under the feature that took the turn (the composer writes it on the trace).
    let built: CoreTurnContext | undefined;
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
      flowName: () => built?.trace.flow ?? "",
      openPrivate: async (request) => options.openPrivate?.(address.channel, request),
      deliver: (messages) => options.deliver(event.conversation, messages, event.id),
      ...(streams?.canStream(address.channel)
        ? { openStream: (initial: OutboundMessage) => streams.open(event.conversation, initial, event.id) }
        : {}),
    });
    built = ctx;
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
    turn.ctx = ctx;
    await next();
  }

  async function runFeatures(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    const ctx = turn.ctx;
    try {
      await features(ctx, () => Promise.resolve());
    } catch (error) {
      ctx.log.error(
        { err: error, flow: ctx.trace.flow },
        "a feature failed; the customer was told to try again",
      );
      ctx.failWith(coreMessages.t(ctx.language, "error.text"));
    }
    if (ctx.trace.flow === undefined)
      ctx.log.warn({ type: turn.normalized.type }, "no feature took the event");
    await next();
  }

  async function save(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    const { ctx, state, event } = turn;
    if (ctx.trace.action === "answer") state.unansweredStreak = 0;
    else if (ctx.trace.action === "fallback" || ctx.trace.action === "clarify") state.unansweredStreak++;
    state.offeredButtons = ctx.replies
      .flatMap((reply) => reply.buttons ?? [])
      .filter((b) => b.kind === "action");
    state.turns++;
    state.updatedAt = Date.now();
    try {
      // Stalled past the lock's lease, another process may be running this conversation: give the
      // turn up rather than overwrite its state (the claim is released, a redelivery is answered).
      if ((await options.coordinator.stillHolding?.()) === false) {
        throw new Error(`Lost the lock of ${event.conversation} before saving the turn; not saved`);
      }
      if (ctx.forgotten) {
        await options.state.delete(event.conversation);
      } else {
        await options.state.set(event.conversation, state, options.stateTtlMs);
        await options.transcript.append(event.conversation, {
          at: Date.now(),
          eventId: event.id,
          userId: event.user.id,
          ...(event.user.displayName === undefined ? {} : { displayName: event.user.displayName }),
          type: turn.normalized.type,
          text: turn.text,
          trace: ctx.trace,
          replies: ctx.replies,
        });
      }
    } catch (error) {
      // Half an answer is on screen: end it with an apology rather than leave it hanging.
      if (ctx.streaming) {
        ctx.failWith(coreMessages.t(ctx.language, "error.text"));
        await ctx.deliverReplies().catch(() => undefined);
      }
      throw error;
    }
    await next();
  }

  async function deliver(turn: TurnWork, next: () => Promise<void>): Promise<void> {
    const { ctx, event } = turn;
    await ctx.deliverReplies();
    const result: TurnResult = {
      duplicate: false,
      conversation: event.conversation,
      trace: ctx.trace,
      replies: ctx.replies,
    };
    turn.result = result;
    options.onTurn?.(result, ctx);
    if (ctx.followUps.length > 0) pendingFollowUps.set(result, { event, followUps: ctx.followUps });
    await next();
  }

  async function runStages(input: InboundEventInput): Promise<TurnResult> {
    const turn = { input } as TurnWork;
    const run = async (index: number): Promise<void> => {
      const stage = stages[index];
      if (stage) await stage.run(turn, () => run(index + 1));
    };
    await run(0);
    if (!turn.result) throw new Error("the turn ended without a result");
    return turn.result;
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
    const result = await runStages(input);
    // Follow-ups run after the conversation's line is free again (they may target it).
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
