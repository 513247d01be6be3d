import type { Logger } from "../core/logger.ts";
import { parseBlockDuration } from "./block-duration.ts";
import type { BlockCounts, BlockStore } from "./block-store.ts";
import {
  type BlockActor,
  type BlockedUser,
  type BlockRequest,
  blockRequestSchema,
  isActiveBlock,
  type UnblockRequest,
  type UserBlock,
  unblockRequestSchema,
} from "./block-types.ts";

/** A block made, or a user's block lifted (by whom). */
export type BlockChange =
  | { kind: "blocked"; block: UserBlock }
  | { kind: "unblocked"; user: BlockedUser; by: BlockActor; lifted: UserBlock[] };

/** Hears every block and unblock (to show it on the desks). */
export type BlockListener = (change: BlockChange) => void | Promise<void>;

/** Blocking users from the desks, and the lookup the gate makes on every inbound event. */
export interface BlockService {
  /**
   * Blocks a user (replacing a block in force). The request is parsed with `blockRequestSchema`:
   * validate with it first to answer people with what is wrong (a missing reason).
   */
  block(request: BlockRequest): Promise<UserBlock>;
  /** Lifts the user's block in force; returns the lifted blocks (empty when the user was not blocked). */
  unblock(request: UnblockRequest): Promise<UserBlock[]>;
  /** The user's block in force now. Cached briefly: this runs for every inbound event. */
  activeFor(channel: string, userId: string): Promise<UserBlock | undefined>;
  /** True once per block: the one time the blocked user is told. */
  claimNotice(block: UserBlock): Promise<boolean>;
  /** Blocks in force, newest first; with `history` every block on record. */
  list(options?: { history?: boolean }): Promise<UserBlock[]>;
  history(channel: string, userId: string): Promise<UserBlock[]>;
  counts(since: number): Promise<BlockCounts>;
  onChange(listener: BlockListener): void;
}

export interface BlockServiceOptions {
  store: BlockStore;
  logger: Logger;
  now?: () => number;
  /**
   * How long a lookup is reused. Blocks made here apply at once; one made by another bot process
   * applies here within this time. Default 5 s.
   */
  cacheMs?: number;
}

/** Users looked up at once at most; a flood of made-up users cannot grow the cache beyond it. */
const CACHE_LIMIT = 10_000;

/** Creates the {@link BlockService} over the block record. */
export function createBlockService(options: BlockServiceOptions): BlockService {
  const { store } = options;
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 5_000;
  const log = options.logger.child({ component: "blocks" });
  const cache = new Map<string, { block: UserBlock | undefined; at: number }>();
  const listeners: BlockListener[] = [];
  const keyOf = (channel: string, userId: string) => `${channel}:${userId}`;

  function remember(channel: string, userId: string, block: UserBlock | undefined): void {
    const key = keyOf(channel, userId);
    cache.delete(key);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, { block, at: now() });
  }

  async function announce(change: BlockChange): Promise<void> {
    for (const listener of listeners) {
      try {
        await listener(change);
      } catch (error) {
        log.error({ err: error, change: change.kind }, "a block listener failed; the change stands");
      }
    }
  }

  return {
    async block(request) {
      const valid = blockRequestSchema.parse(request);
      const at = now();
      const duration = parseBlockDuration(valid.duration);
      const block = await store.create({
        channel: valid.channel,
        userId: valid.userId,
        conversation: valid.conversation,
        reason: valid.reason,
        actor: valid.actor,
        blockedAt: at,
        expiresAt: duration ? at + duration : null,
      });
      remember(block.channel, block.userId, block);
      log.info(
        { channel: block.channel, block: block.id, by: block.blockedBy.id, expiresAt: block.expiresAt },
        "user blocked",
      );
      await announce({ kind: "blocked", block });
      return block;
    },

    async unblock(request) {
      const valid = unblockRequestSchema.parse(request);
      const lifted = await store.lift(valid.channel, valid.userId, {
        actor: valid.actor,
        at: now(),
        reason: valid.reason,
      });
      remember(valid.channel, valid.userId, undefined);
      if (lifted.length > 0) {
        log.info({ channel: valid.channel, by: valid.actor.id, lifted: lifted.length }, "user unblocked");
        const user = { channel: valid.channel, userId: valid.userId };
        await announce({ kind: "unblocked", user, by: valid.actor, lifted });
      }
      return lifted;
    },

    async activeFor(channel, userId) {
      const at = now();
      const cached = cache.get(keyOf(channel, userId));
      if (cached && at - cached.at < cacheMs) {
        // Expiry applies at once, without waiting for the cache or a restart.
        return cached.block && isActiveBlock(cached.block, at) ? cached.block : undefined;
      }
      const block = await store.active(channel, userId, at);
      remember(channel, userId, block);
      return block;
    },

    async claimNotice(block) {
      if (block.notifiedAt !== null) return false;
      const at = now();
      const first = await store.markNotified(block.id, at);
      const cached = cache.get(keyOf(block.channel, block.userId));
      if (cached?.block?.id === block.id) cached.block = { ...block, notifiedAt: at };
      return first;
    },

    list: (listOptions = {}) => store.list(listOptions.history ? {} : { activeAt: now() }),
    history: (channel, userId) => store.history(channel, userId),
    counts: (since) => store.counts(since, now()),
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
