import type { IntentExample } from "../model/understanding.ts";
import type { TurnContext } from "./context.ts";

/**
 * A piece of conversation behaviour. The router offers a turn to flows in order:
 * actions by `actions` prefix, commands by name, messages to the active flow first and then to
 * the first flow whose `match` accepts it.
 */
export interface Flow {
  readonly name: string;
  /** Commands (without the slash) this flow handles; `*` takes commands no other flow declares. */
  readonly commands?: readonly string[];
  /** Button actions this flow handles: an exact action or a prefix ending in `.` (`faq.`). */
  readonly actions?: readonly string[];
  /** Example utterances of the intents this flow serves, for the intent classifier. */
  readonly intents?: readonly IntentExample[];
  /**
   * Takes any event before every other rule (active flows, commands): for flows that must see
   * everything, such as relaying to a person who owns the conversation.
   */
  intercept?(ctx: TurnContext): boolean;
  /**
   * While this flow has a step in progress it gets the conversation's next message first; returning
   * true hands the message to the other flows instead (it does not fit the step: a request for a
   * person, a new question). Absent: the active flow takes every message.
   */
  declines?(ctx: TurnContext): boolean;
  /** Whether this flow takes a free-text message; absent means it only handles commands/actions. */
  match?(ctx: TurnContext): boolean;
  handle(ctx: TurnContext): Promise<void> | void;
}
