import { z } from "zod";
import type { SqlDatabase, SqlExecutor } from "../tickets/db/sql-database.ts";
import { type BlockActor, type UserBlock, userBlockRowSchema } from "./block-types.ts";

/** A block to write; the caller has validated it (see `blockRequestSchema`). */
export interface NewBlock {
  channel: string;
  userId: string;
  conversation?: string | undefined;
  reason: string;
  actor: BlockActor;
  blockedAt: number;
  /** `null`: permanent. */
  expiresAt: number | null;
}

/** The ending of a user's active blocks. */
export interface Lift {
  actor: BlockActor;
  at: number;
  reason?: string | undefined;
}

/** Block counts for the support report. */
export interface BlockCounts {
  /** Users blocked at `now`. */
  active: number;
  /** Blocks made since `since`. */
  created: number;
  /** Blocks lifted by someone since `since` (expiry is not counted). */
  lifted: number;
}

/**
 * The blocklist as a record in the ticket database (`user_blocks`): who was blocked, by whom, when,
 * why and until when, and who lifted it when. Rows are never deleted; a user has at most one active
 * block (a new one replaces it). Rows are zod-checked on the way out.
 */
export interface BlockStore {
  /** Writes a block, lifting the user's active one (the new decision replaces it), in one transaction. */
  create(block: NewBlock): Promise<UserBlock>;
  /** The user's block in force at `now`, if any. */
  active(channel: string, userId: string, now: number): Promise<UserBlock | undefined>;
  /** Lifts the user's blocks in force at `lift.at`; returns them as lifted (empty: none was). */
  lift(channel: string, userId: string, lift: Lift): Promise<UserBlock[]>;
  /** Records that the user was told; true only for the one caller that recorded it first. */
  markNotified(id: number, at: number): Promise<boolean>;
  /** Blocks in force at `activeAt`, or (without it) all blocks; newest first. */
  list(options?: { activeAt?: number; limit?: number }): Promise<UserBlock[]>;
  /** Every block of one user, newest first. */
  history(channel: string, userId: string): Promise<UserBlock[]>;
  counts(since: number, now: number): Promise<BlockCounts>;
}

/** The lift reason of a block that a newer block replaced (not counted as an unblock). */
const REPLACED_BY_NEW_BLOCK = "replaced by a new block";

const ACTIVE = "lifted_at IS NULL AND (expires_at IS NULL OR expires_at > ?)";
const countRow = z.object({ n: z.coerce.number() });

/** Creates a {@link BlockStore} over a migrated ticket database. */
export function createBlockStore(db: SqlDatabase): BlockStore {
  const parse = (rows: Record<string, unknown>[]) => rows.map((row) => userBlockRowSchema.parse(row));

  async function liftIn(tx: SqlExecutor, channel: string, userId: string, lift: Lift) {
    return parse(
      await tx.query(
        `UPDATE user_blocks SET lifted_at = ?, lifted_by_id = ?, lifted_by_name = ?, lift_reason = ?
         WHERE channel = ? AND user_id = ? AND ${ACTIVE} RETURNING *`,
        [lift.at, lift.actor.id, lift.actor.name, lift.reason ?? null, channel, userId, lift.at],
      ),
    );
  }

  async function count(sql: string, params: (string | number)[]): Promise<number> {
    return countRow.parse((await db.query(sql, params))[0] ?? { n: 0 }).n;
  }

  return {
    create(block) {
      return db.transaction(async (tx) => {
        const replaced = await liftIn(tx, block.channel, block.userId, {
          actor: block.actor,
          at: block.blockedAt,
          reason: REPLACED_BY_NEW_BLOCK,
        });
        // Whoever was already told they are blocked is not told again for the new decision.
        const notified = replaced.map((old) => old.notifiedAt).find((at) => at !== null) ?? null;
        const rows = await tx.query(
          `INSERT INTO user_blocks (channel, user_id, conversation, reason, blocked_by_id, blocked_by_name,
             blocked_at, expires_at, notified_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
          [
            block.channel,
            block.userId,
            block.conversation ?? null,
            block.reason,
            block.actor.id,
            block.actor.name,
            block.blockedAt,
            block.expiresAt,
            notified,
          ],
        );
        const [created] = parse(rows);
        if (!created) throw new Error("INSERT … RETURNING returned no row");
        return created;
      });
    },

    async active(channel, userId, now) {
      const rows = await db.query(
        `SELECT * FROM user_blocks WHERE channel = ? AND user_id = ? AND ${ACTIVE} ORDER BY id DESC LIMIT 1`,
        [channel, userId, now],
      );
      return parse(rows)[0];
    },

    lift: (channel, userId, lift) => db.transaction((tx) => liftIn(tx, channel, userId, lift)),

    async markNotified(id, at) {
      return (
        (await db.execute("UPDATE user_blocks SET notified_at = ? WHERE id = ? AND notified_at IS NULL", [
          at,
          id,
        ])) === 1
      );
    },

    async list(options = {}) {
      const limit = Math.min(Math.max(Math.trunc(options.limit ?? 200), 1), 1000);
      const rows =
        options.activeAt === undefined
          ? await db.query("SELECT * FROM user_blocks ORDER BY id DESC LIMIT ?", [limit])
          : await db.query(`SELECT * FROM user_blocks WHERE ${ACTIVE} ORDER BY id DESC LIMIT ?`, [
              options.activeAt,
              limit,
            ]);
      return parse(rows);
    },

    async history(channel, userId) {
      return parse(
        await db.query("SELECT * FROM user_blocks WHERE channel = ? AND user_id = ? ORDER BY id DESC", [
          channel,
          userId,
        ]),
      );
    },

    async counts(since, now) {
      return {
        active: await count(
          `SELECT COUNT(*) AS n FROM (SELECT DISTINCT channel, user_id FROM user_blocks WHERE ${ACTIVE}) active_users`,
          [now],
        ),
        created: await count("SELECT COUNT(*) AS n FROM user_blocks WHERE blocked_at >= ?", [since]),
        lifted: await count(
          "SELECT COUNT(*) AS n FROM user_blocks WHERE lifted_at >= ? AND (lift_reason IS NULL OR lift_reason <> ?)",
          [since, REPLACED_BY_NEW_BLOCK],
        ),
      };
    },
  };
}
