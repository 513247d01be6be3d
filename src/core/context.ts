import type { SupportedLanguage } from "../i18n/languages.ts";
import type { Address } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { InboundEvent } from "../model/events.ts";
import type { Button, OutboundMessage } from "../model/outbound.ts";
import type { Understanding } from "../model/understanding.ts";
import type { User } from "../model/user.ts";
import type { MessageStream, PrivateContinuation } from "./adapter.ts";
import type { Logger } from "./logger.ts";
import type { ActiveFlow, ConversationState } from "./state.ts";
import type { TraceFields, TurnAction, TurnTrace } from "./trace.ts";

/**
 * Everything a flow sees of one turn. Flows read understanding from here (they never recompute it),
 * mutate `state`, write replies with `reply` and explain themselves in `trace`.
 */
/**
 * A command carried to a follow-up as the command it is (with a form's `fields`), so structured
 * input stays structured when a question moves to a private thread.
 */
export interface FollowUpCommand {
  command: string;
  args: string;
  fields?: Readonly<Record<string, string>>;
}

/** A message (or command) handled as new once the current turn is over. */
export interface FollowUp {
  text: string;
  conversation: string;
  /** Set: handled as this command rather than as the message `text`. */
  command?: FollowUpCommand;
}

export interface TurnContext {
  readonly event: InboundEvent;
  /** Encoded conversation address. */
  readonly conversation: string;
  readonly address: Address;
  readonly user: User;
  /** The message text ("" for actions and system events; command arguments for commands). */
  readonly text: string;
  readonly understanding: Understanding;
  /** Language the bot answers in (a supported one). */
  readonly language: SupportedLanguage;
  readonly capabilities: Capabilities;
  readonly state: ConversationState;
  readonly trace: TurnTrace;
  readonly log: Logger;
  readonly botName: string;
  readonly replies: OutboundMessage[];
  reply(message: OutboundMessage | string, buttons?: Button[]): void;
  /** True when this conversation's channel shows a streamed reply as it is written (edits). */
  readonly canStream: boolean;
  /**
   * Replies with text that is still being written (an LLM answer): where the channel can edit
   * messages the text from `source` is shown as it grows, then replaced by what `finalize` returns
   * (the final edit, which may differ entirely from the streamed text); elsewhere only the final
   * message is sent. `finalize` learns what was streamed, and the error if `source` failed. Only
   * the final message is a reply of the turn (transcript, trace, result). Resolves with it.
   */
  replyStream(source: AsyncIterable<string>, finalize: StreamFinalizer): Promise<OutboundMessage>;
  /**
   * Records what kind of turn this was (later calls overwrite), with the features' own trace fields
   * (see `defineTraceExtension`).
   */
  act(action: TurnAction, ...fields: TraceFields[]): void;
  /**
   * Handles `text` as a new message from this user once the current turn is over: in this
   * conversation (a question saved before a detour), or in another one (the private thread a
   * question moved to).
   */
  followUp(text: string, conversation?: string, command?: FollowUpCommand): void;
  readonly followUps: readonly FollowUp[];
  /** Asks the channel to move this user somewhere private; undefined when it cannot. */
  openPrivateConversation(token: string): Promise<PrivateContinuation | undefined>;
  /**
   * The customer's data was erased on request: the core then keeps no state and records no
   * transcript for this turn.
   */
  forgetConversation(): void;
  readonly forgotten: boolean;
  /** Starts or advances a multi-turn flow; `endFlow` finishes it. */
  setFlow(step: string, data?: Record<string, unknown>): void;
  endFlow(): void;
  readonly activeFlow: ActiveFlow | undefined;
}

/** What was streamed (and why it stopped, when `source` failed): see {@link TurnContext.replyStream}. */
export interface StreamedText {
  text: string;
  error?: unknown;
}

export type StreamFinalizer = (
  streamed: StreamedText,
) => OutboundMessage | string | Promise<OutboundMessage | string>;

/** The context as the core drives it: delivery is the core's, not the flows'. */
export interface CoreTurnContext extends TurnContext {
  /**
   * Delivers the replies not delivered yet, in order: a streamed reply as its stream's final edit,
   * the others through `deliver`.
   */
  deliverReplies(): Promise<void>;
  /** True while a streamed reply is on screen, waiting for its final edit. */
  readonly streaming: boolean;
  /**
   * The flow failed: replies not yet delivered give way to `text`, which also becomes the final
   * edit of a stream left open. Delivered ones stay: the customer has seen them.
   */
  failWith(text: string): void;
}

export interface TurnContextInit {
  event: InboundEvent;
  address: Address;
  text: string;
  understanding: Understanding;
  language: SupportedLanguage;
  capabilities: Capabilities;
  state: ConversationState;
  log: Logger;
  botName: string;
  flowName: () => string;
  openPrivate?: (request: {
    conversation: string;
    userId: string;
    token: string;
  }) => Promise<PrivateContinuation | undefined>;
  /** Sends replies to the conversation's channel (before a stream, and at the end of the turn). */
  deliver(messages: OutboundMessage[]): Promise<void>;
  /** Opens a streamed reply; absent when the channel cannot edit messages. */
  openStream?: (initial: OutboundMessage) => Promise<MessageStream>;
}

export function createTurnContext(init: TurnContextInit): CoreTurnContext {
  const replies: OutboundMessage[] = [];
  const delivered = new WeakSet<OutboundMessage>();
  // Streams shown to the customer, waiting for their final edit: by reply, or not yet written.
  const streams = new Map<OutboundMessage, MessageStream>();
  let unwritten: MessageStream | undefined;
  const withLanguage = (message: OutboundMessage | string): OutboundMessage =>
    typeof message === "string"
      ? { text: message, language: init.language }
      : { language: init.language, ...message };

  async function deliverReplies(): Promise<void> {
    let batch: OutboundMessage[] = [];
    for (const reply of replies) {
      if (delivered.has(reply)) continue;
      delivered.add(reply);
      const stream = streams.get(reply);
      if (!stream) {
        batch.push(reply);
        continue;
      }
      if (batch.length > 0) await init.deliver(batch);
      batch = [];
      streams.delete(reply);
      await stream.finish(reply);
    }
    if (batch.length > 0) await init.deliver(batch);
  }

  /** Opens the stream with the first text; undefined (reply once, at the end) if the channel refuses. */
  async function open(text: string): Promise<MessageStream | undefined> {
    try {
      return await init.openStream?.({ text, language: init.language });
    } catch (error) {
      init.log.warn({ err: error }, "could not open a streamed reply; sending it once complete");
      return undefined;
    }
  }

  const followUps: FollowUp[] = [];
  let forgotten = false;
  const trace: TurnTrace = {};
  if (init.understanding.language.code !== "und") trace.language = init.understanding.language.code;
  const ctx: CoreTurnContext = {
    event: init.event,
    conversation: init.event.conversation,
    address: init.address,
    user: init.event.user,
    text: init.text,
    understanding: init.understanding,
    language: init.language,
    capabilities: init.capabilities,
    state: init.state,
    trace,
    log: init.log,
    botName: init.botName,
    replies,
    reply(message, buttons) {
      const outbound = withLanguage(message);
      if (buttons && buttons.length > 0) outbound.buttons = [...(outbound.buttons ?? []), ...buttons];
      replies.push(outbound);
    },
    canStream: init.openStream !== undefined,
    async replyStream(source, finalize) {
      let text = "";
      let stream: MessageStream | undefined;
      let streaming = init.openStream !== undefined;
      let failure: { error: unknown } | undefined;
      // Whatever the flow said before goes out first, so the streamed message stays in its place.
      if (streaming) await deliverReplies();
      try {
        for await (const delta of source) {
          text += delta;
          if (!streaming || text.trim() === "") continue;
          if (stream) {
            await stream.update(text).catch((error: unknown) => {
              init.log.warn({ err: error }, "streamed reply not updated; its final edit still follows");
              streaming = false;
            });
            continue;
          }
          stream = await open(text);
          unwritten = stream;
          streaming = stream !== undefined;
        }
      } catch (error) {
        failure = { error };
      }
      const final = withLanguage(await finalize(failure ? { text, error: failure.error } : { text }));
      replies.push(final);
      if (stream) streams.set(final, stream);
      unwritten = undefined;
      return final;
    },
    act(action, ...fields) {
      trace.action = action;
      for (const field of fields) field.apply(trace);
    },
    forgetConversation() {
      forgotten = true;
    },
    get forgotten() {
      return forgotten;
    },
    followUps,
    followUp(text, conversation, command) {
      followUps.push({
        text,
        conversation: conversation ?? init.event.conversation,
        ...(command ? { command } : {}),
      });
    },
    async openPrivateConversation(token) {
      return init.openPrivate?.({ conversation: init.event.conversation, userId: init.event.user.id, token });
    },
    setFlow(step, data) {
      const name = init.flowName();
      const previous = init.state.flow?.name === name ? init.state.flow : undefined;
      init.state.flow = {
        name,
        step,
        data: data ?? previous?.data ?? {},
        startedAt: previous?.startedAt ?? Date.now(),
      };
    },
    endFlow() {
      delete init.state.flow;
    },
    get activeFlow() {
      return init.state.flow;
    },
    deliverReplies,
    get streaming() {
      return unwritten !== undefined || streams.size > 0;
    },
    failWith(text) {
      const open = unwritten ?? [...streams.values()][0];
      streams.clear();
      unwritten = undefined;
      const kept = replies.filter((reply) => delivered.has(reply));
      replies.splice(0, replies.length, ...kept);
      ctx.reply(text);
      const last = replies.at(-1);
      if (open && last) streams.set(last, open);
    },
  };
  return ctx;
}
