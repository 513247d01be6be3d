import type { MessageKey, SupportedLanguage } from "../i18n/catalog.ts";
import { translate } from "../i18n/translate.ts";
import type { Address } from "../model/address.ts";
import type { Capabilities } from "../model/capabilities.ts";
import type { InboundEvent } from "../model/events.ts";
import type { Button, OutboundMessage } from "../model/outbound.ts";
import type { User } from "../model/user.ts";
import type { Understanding } from "../understanding/types.ts";
import type { PrivateContinuation } from "./adapter.ts";
import type { Logger } from "./logger.ts";
import type { ActiveFlow, ConversationState } from "./state.ts";
import type { TurnAction, TurnTrace } from "./trace.ts";

/**
 * Everything a flow sees of one turn. Flows read understanding from here (they never recompute it),
 * mutate `state`, write replies with `reply` and explain themselves in `trace`.
 */
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
  /** A sentence from the catalog in the turn's language. */
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** Records what kind of turn this was (first call wins over none; later calls overwrite). */
  act(action: TurnAction, details?: Partial<TurnTrace>): void;
  /**
   * Handles `text` as a new message from this user once the current turn is over: in this
   * conversation (a question saved before a detour), or in another one (the private thread a
   * question moved to).
   */
  followUp(text: string, conversation?: string): void;
  readonly followUps: readonly { text: string; conversation: string }[];
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
}

export function createTurnContext(init: TurnContextInit): TurnContext {
  const replies: OutboundMessage[] = [];
  const followUps: { text: string; conversation: string }[] = [];
  let forgotten = false;
  const trace: TurnTrace = {};
  if (init.understanding.language.code !== "und") trace.language = init.understanding.language.code;
  const ctx: TurnContext = {
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
      const outbound: OutboundMessage =
        typeof message === "string"
          ? { text: message, language: init.language }
          : { language: init.language, ...message };
      if (buttons && buttons.length > 0) outbound.buttons = [...(outbound.buttons ?? []), ...buttons];
      replies.push(outbound);
    },
    t(key, params) {
      return translate(init.language, key, params);
    },
    act(action, details) {
      trace.action = action;
      Object.assign(trace, details);
    },
    forgetConversation() {
      forgotten = true;
    },
    get forgotten() {
      return forgotten;
    },
    followUps,
    followUp(text, conversation) {
      followUps.push({ text, conversation: conversation ?? init.event.conversation });
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
  };
  return ctx;
}
