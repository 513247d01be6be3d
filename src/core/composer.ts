import type { InboundEvent } from "../model/events.ts";
import type { TurnContext } from "./context.ts";

/** Runs the rest of the chain; resolves when everything after this middleware is done. */
export type Next = () => Promise<void>;

/**
 * One piece of a turn. It may act and stop (not call `next`), pass the turn on (`await next()`), or
 * wrap what follows (`await next()`, then adjust the replies).
 */
export type Middleware = (ctx: TurnContext, next: Next) => Promise<void> | void;

/** A handler that takes the turn: what a feature does when the event is its own. */
export type Handler = (ctx: TurnContext) => Promise<void> | void;

/** How a feature's multi-turn step (a form field, a comment after a rating) treats the next message. */
export interface StepOptions {
  /**
   * True: this message does not fit the step (a request for a person, a new question) and goes to
   * the other features instead. Absent: the step takes every message.
   */
  declines?(ctx: TurnContext): boolean;
  /**
   * Another feature took the turn while the step was waiting: the step ends and the customer
   * first reads this sentence (in the turn's language), if any.
   */
  interrupted?(ctx: TurnContext): string | undefined;
}

/** Steps by the feature that owns them: shared by every composer of one pipeline. */
type StepRegistry = Map<string, StepOptions>;

const passThrough: Next = () => Promise.resolve();

/** A handler behind its predicate: taken when the predicate accepts the event (see `intercept`). */
interface Guarded {
  readonly predicate: (ctx: TurnContext) => boolean;
  readonly handler: Handler;
  readonly owner: string;
}

type Entry = Middleware | Guarded;

/**
 * Runs `entries` in order. A middleware gets the rest of the list as `next`; a guarded handler whose
 * predicate refuses the event is passed over without a call (most of a turn's entries are), and one
 * whose predicate accepts it takes the turn: nothing after it runs.
 */
function chainOf(entries: readonly Entry[]): Middleware {
  return (ctx, next) => {
    const run = async (from: number): Promise<void> => {
      for (let index = from; index < entries.length; index++) {
        const entry = entries[index] as Entry;
        if (typeof entry === "function") {
          let called = false;
          return entry(ctx, () => {
            if (called) return Promise.reject(new Error("next() called twice by one middleware"));
            called = true;
            return run(index + 1);
          });
        }
        if (entry.predicate(ctx)) {
          ctx.trace.flow = entry.owner;
          return entry.handler(ctx);
        }
      }
      return next();
    };
    return run(0);
  };
}

/**
 * The turn's pipeline of middleware (after grammY's `Composer`): features register handlers for
 * the events they own — commands by name, buttons by action prefix, free messages by a predicate —
 * and wrappers that run around everything after them. Order is registration order: the app wiring
 * installs features in one list.
 *
 * A feature with a step in progress (a form waiting for a field) gets the conversation's next
 * message before any feature's `hears`, unless its `declines` gives it up; when another feature
 * takes the turn instead, the step ends and the customer is told.
 */
export class Composer {
  /** Middleware, guarded handlers and features' composers, in order. */
  readonly #stack: (Entry | Composer)[] = [];
  #chain: Middleware | undefined;
  readonly #steps: StepRegistry;
  readonly #owner: string | undefined;
  /** Which feature's step takes this turn's message (computed once per turn). */
  readonly #stepTaker: WeakMap<TurnContext, string | undefined>;

  constructor(
    owner?: string,
    shared?: { steps: StepRegistry; taker: WeakMap<TurnContext, string | undefined> },
  ) {
    this.#owner = owner;
    this.#steps = shared?.steps ?? new Map();
    this.#stepTaker = shared?.taker ?? new WeakMap();
  }

  /** The feature handlers registered here belong to (recorded as the turn's `flow`). */
  get owner(): string | undefined {
    return this.#owner;
  }

  /** Adds middleware as it is: it sees every event that reaches it. */
  use(...middleware: Middleware[]): this {
    this.#stack.push(...middleware);
    return this;
  }

  /**
   * Runs `task` after everything that follows has handled the turn (tone, bookkeeping). A failing
   * task is logged and the turn goes on: the customer's answer matters more.
   */
  after(task: Handler): this {
    return this.use(async (ctx, next) => {
      await next();
      try {
        await task(ctx);
      } catch (error) {
        ctx.log.error({ err: error, feature: this.#owner }, "after-turn step failed; the turn goes on");
      }
    });
  }

  /** A composer for one feature: its handlers are attributed to `name`, at this point of the chain. */
  feature(name: string): Composer {
    const child = new Composer(name, { steps: this.#steps, taker: this.#stepTaker });
    this.#stack.push(child);
    return child;
  }

  /** Takes any event `predicate` accepts, before the features after it (a person owns the chat). */
  intercept(predicate: (ctx: TurnContext) => boolean, handler: Handler): this {
    const owner = this.#requireOwner("a handler");
    this.#stack.push({ predicate, handler, owner });
    return this;
  }

  /** Takes events of these types. */
  on(types: InboundEvent["type"] | readonly InboundEvent["type"][], handler: Handler): this {
    const wanted = new Set(typeof types === "string" ? [types] : types);
    return this.intercept((ctx) => wanted.has(ctx.event.type), handler);
  }

  /** Takes these commands (names without the slash). */
  command(names: string | readonly string[], handler: Handler): this {
    const wanted = new Set(typeof names === "string" ? [names] : names);
    return this.intercept((ctx) => ctx.event.type === "command" && wanted.has(ctx.event.command), handler);
  }

  /** Takes button presses: an exact action, or a prefix ending in `.` (`faq.`). */
  action(actions: string | readonly string[], handler: Handler): this {
    const declared = typeof actions === "string" ? [actions] : actions;
    return this.intercept((ctx) => {
      const event = ctx.event;
      if (event.type !== "action") return false;
      return declared.some((name) =>
        name.endsWith(".") ? event.action.startsWith(name) : event.action === name,
      );
    }, handler);
  }

  /**
   * Takes a free message (or a system event) `predicate` accepts — unless a feature's step is
   * waiting for this message and keeps it.
   */
  hears(predicate: (ctx: TurnContext) => boolean, handler: Handler): this {
    return this.intercept(
      (ctx) =>
        (ctx.event.type === "message" || ctx.event.type === "system") &&
        this.stepTaking(ctx) === undefined &&
        predicate(ctx),
      handler,
    );
  }

  /**
   * This feature's multi-turn step: while `ctx.state.flow` names this feature, the next message
   * comes to `handler` first (see {@link StepOptions}). Start and advance it with `ctx.setFlow`.
   */
  step(handler: Handler, options: StepOptions = {}): this {
    const owner = this.#requireOwner("step");
    this.#steps.set(owner, options);
    return this.intercept((ctx) => this.stepTaking(ctx) === owner, handler);
  }

  /** The feature whose step takes this turn's message, if any. */
  stepTaking(ctx: TurnContext): string | undefined {
    if (this.#stepTaker.has(ctx)) return this.#stepTaker.get(ctx);
    const active = ctx.state.flow;
    const options = active ? this.#steps.get(active.name) : undefined;
    const taker =
      active && options && ctx.event.type === "message" && !(options.declines?.(ctx) ?? false)
        ? active.name
        : undefined;
    this.#stepTaker.set(ctx, taker);
    return taker;
  }

  /** The whole chain as one middleware, ending the steps other features interrupted. */
  middleware(): Middleware {
    // One flat list, built on the first turn (features install everything before the bot runs).
    this.#chain ??= chainOf(this.#entries());
    const chain = this.#chain;
    if (this.#owner !== undefined) return chain;
    return async (ctx, next) => {
      await chain(ctx, next);
      this.#endInterruptedStep(ctx);
    };
  }

  /** This composer's entries with its features' spliced in, in order. */
  #entries(): Entry[] {
    return this.#stack.flatMap((item) => (item instanceof Composer ? item.#entries() : [item]));
  }

  /** Runs the chain for a turn with nothing after it. */
  run(ctx: TurnContext): Promise<void> {
    return Promise.resolve(this.middleware()(ctx, passThrough));
  }

  /**
   * Takes the turn as this composer's feature: the trace says who took it, `setFlow` whose step it
   * is. For middleware that decides and acts in one place (`use`) rather than through a predicate.
   */
  take(ctx: TurnContext, handler: Handler): Promise<void> {
    return this.#take(ctx, handler);
  }

  async #take(ctx: TurnContext, handler: Handler): Promise<void> {
    ctx.trace.flow = this.#requireOwner("a handler");
    await handler(ctx);
  }

  #requireOwner(what: string): string {
    if (this.#owner === undefined)
      throw new Error(`${what} belongs to a feature: use composer.feature(name)`);
    return this.#owner;
  }

  /** After another feature took a message while a step waited: the step ends, the customer is told first. */
  #endInterruptedStep(ctx: TurnContext): void {
    const active = ctx.state.flow;
    if (!active || ctx.trace.flow === undefined || active.name === ctx.trace.flow) return;
    ctx.endFlow();
    const notice = this.#steps.get(active.name)?.interrupted?.(ctx);
    if (notice && !ctx.forgotten) ctx.replies.unshift({ text: notice, language: ctx.language });
  }
}
