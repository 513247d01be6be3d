import { AsyncLocalStorage } from "node:async_hooks";

/** A turn started by a slash command or a button: its replies go through the interaction. */
export interface InteractionRoute {
  kind: "interaction";
  conversation: string;
  applicationId: string;
  token: string;
  /** Replies only the person who ran the command can see. */
  ephemeral: boolean;
  /** The deferred "thinking…" response is still waiting to be replaced by the first reply. */
  originalPending: boolean;
  sent: number;
}

/** A turn started by a message: the first reply in a busy channel quotes the question. */
export interface MessageRoute {
  kind: "message";
  conversation: string;
  replyTo?: string;
  sent: number;
}

export type TurnRoute = InteractionRoute | MessageRoute;

/**
 * Tells `send` which inbound event a reply answers. The core delivers a turn's replies inside the
 * `bot.handle` call that started it, so the route travels with that call's async context: two
 * turns queued on the same conversation (a mention and a `/ask`) each reach their own destination.
 * Sends outside any turn (an agent's reply via `bot.proactive`) have no route and post normally.
 *
 * @see https://nodejs.org/api/async_context.html#class-asynclocalstorage
 */
export interface TurnRouter {
  run<T>(route: TurnRoute, turn: () => Promise<T>): Promise<T>;
  /** The route of the turn being delivered, if it is for `conversation`. */
  current(conversation: string): TurnRoute | undefined;
}

export function createTurnRouter(): TurnRouter {
  const storage = new AsyncLocalStorage<TurnRoute>();
  return {
    run: (route, turn) => storage.run(route, turn),
    current(conversation) {
      const route = storage.getStore();
      return route?.conversation === conversation ? route : undefined;
    },
  };
}
