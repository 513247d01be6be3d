import { describe, expect, it } from "vitest";
import { createBlockService } from "../../src/abuse/block-service.ts";
import { createBlockStore } from "../../src/abuse/block-store.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import { migrate } from "../../src/tickets/db/migrate.ts";
import { storeEngines, useTestDatabase } from "../tickets/support/engines.ts";
import { fakeClock, HOUR, kst, MINUTE } from "../tickets/support/fixtures.ts";

const engines = await storeEngines();
const mina = { id: "local:mina", name: "Mina" };
const joon = { id: "UJOON0001", name: "Joon" };

describe.each(engines)("blocklist record on $name", (engine) => {
  describe.skipIf(engine.skipReason !== undefined)("", () => {
    const database = useTestDatabase(engine);

    async function setup() {
      const clock = fakeClock(kst(2025, 3, 3, 10));
      const db = database().open();
      await migrate(db);
      const store = createBlockStore(db);
      const blocks = createBlockService({ store, logger: createSilentLogger(), now: clock, cacheMs: 0 });
      return { clock, db, store, blocks };
    }

    it("keeps who, when, why and until when; expiry ends a block without anyone acting", async () => {
      const { clock, blocks } = await setup();
      const block = await blocks.block({
        channel: "web",
        userId: "spammer-1",
        reason: "  5,000 messages in 23 s  ",
        duration: "2h",
        actor: mina,
        conversation: "web:spammer-1",
      });
      expect(block).toEqual({
        id: expect.any(Number),
        channel: "web",
        userId: "spammer-1",
        conversation: "web:spammer-1",
        reason: "5,000 messages in 23 s",
        blockedBy: mina,
        blockedAt: kst(2025, 3, 3, 10),
        expiresAt: kst(2025, 3, 3, 12),
        notifiedAt: null,
        lifted: null,
      });
      expect(await blocks.activeFor("web", "spammer-1")).toEqual(block);
      expect(await blocks.activeFor("telegram", "spammer-1")).toBeUndefined();
      clock.advance(2 * HOUR - 1);
      expect(await blocks.activeFor("web", "spammer-1")).toBeDefined();
      clock.advance(1);
      expect(await blocks.activeFor("web", "spammer-1")).toBeUndefined();
      expect(await blocks.list()).toEqual([]);
      expect(await blocks.list({ history: true })).toEqual([block]);
    });

    it("a permanent block lasts; unblocking records who and when and keeps the history", async () => {
      const { clock, blocks } = await setup();
      const block = await blocks.block({
        channel: "telegram",
        userId: "42",
        reason: "threats",
        duration: "permanent",
        actor: mina,
      });
      expect(block.expiresAt).toBeNull();
      clock.advance(3_650 * 24 * HOUR);
      expect((await blocks.activeFor("telegram", "42"))?.id).toBe(block.id);
      clock.advance(MINUTE);
      const lifted = await blocks.unblock({
        channel: "telegram",
        userId: "42",
        actor: joon,
        reason: "apologised",
      });
      expect(lifted).toEqual([{ ...block, lifted: { by: joon, at: clock(), reason: "apologised" } }]);
      expect(await blocks.activeFor("telegram", "42")).toBeUndefined();
      expect(await blocks.unblock({ channel: "telegram", userId: "42", actor: joon })).toEqual([]);
      expect(await blocks.history("telegram", "42")).toEqual(lifted);
    });

    it("a new block replaces the one in force (one active per user), and the user is told only once", async () => {
      const { clock, blocks, store } = await setup();
      const first = await blocks.block({
        channel: "web",
        userId: "u1",
        reason: "spam",
        duration: "1h",
        actor: mina,
      });
      expect(await blocks.claimNotice(first)).toBe(true);
      expect(await blocks.claimNotice({ ...first })).toBe(false);
      clock.advance(MINUTE);
      const second = await blocks.block({
        channel: "web",
        userId: "u1",
        reason: "spam again",
        duration: "7d",
        actor: joon,
      });
      expect(second.notifiedAt).not.toBeNull();
      expect(await blocks.claimNotice(second)).toBe(false);
      const history = await blocks.history("web", "u1");
      expect(history.map((block) => [block.reason, block.lifted?.by.name ?? null])).toEqual([
        ["spam again", null],
        ["spam", "Joon"],
      ]);
      expect((await blocks.list()).map((block) => block.id)).toEqual([second.id]);
      // Two processes racing to tell the user: exactly one wins.
      const third = await blocks.block({
        channel: "web",
        userId: "u2",
        reason: "abuse",
        duration: "1h",
        actor: mina,
      });
      const claims = await Promise.all([
        store.markNotified(third.id, clock()),
        store.markNotified(third.id, clock()),
      ]);
      expect(claims.sort()).toEqual([false, true]);
    });

    it("refuses a block without a reason or with an unreadable duration, writing nothing", async () => {
      const { blocks } = await setup();
      const base = { channel: "web", userId: "u3", duration: "1h", actor: mina };
      await expect(blocks.block({ ...base, reason: "   " })).rejects.toThrow(/reason is required/);
      await expect(blocks.block({ ...base, reason: "x".repeat(501) })).rejects.toThrow(/500 characters/);
      await expect(blocks.block({ ...base, reason: "spam", duration: "soon" })).rejects.toThrow(
        /duration must be like/,
      );
      await expect(blocks.block({ ...base, reason: "spam", duration: "0m" })).rejects.toThrow(
        /between 1 minute/,
      );
      expect(await blocks.list({ history: true })).toEqual([]);
    });

    it("counts active users, new blocks and unblocks for the report", async () => {
      const { clock, blocks } = await setup();
      const since = clock();
      await blocks.block({ channel: "web", userId: "a", reason: "spam", duration: "1h", actor: mina });
      await blocks.block({ channel: "web", userId: "a", reason: "spam more", duration: "1d", actor: mina });
      await blocks.block({ channel: "web", userId: "b", reason: "spam", duration: "30m", actor: mina });
      await blocks.block({
        channel: "discord",
        userId: "c",
        reason: "spam",
        duration: "permanent",
        actor: mina,
      });
      await blocks.unblock({ channel: "discord", userId: "c", actor: joon });
      clock.advance(31 * MINUTE);
      expect(await blocks.counts(since)).toEqual({ active: 1, created: 4, lifted: 1 });
      expect(await blocks.counts(clock())).toEqual({ active: 1, created: 0, lifted: 0 });
    });
  });
});
