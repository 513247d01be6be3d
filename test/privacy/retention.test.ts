import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, hasFixtureKb } from "../helpers/bot-harness.ts";
import { REDIS_URL, redisForThisRun } from "../helpers/redis.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";
import { redisExpiryOf, sqliteExpiryOf } from "../store/backends.ts";

const RUN = randomBytes(4).toString("hex");
const DAY = 24 * 3600 * 1000;
const TTL_DAYS = 30;
const understander = scriptedUnderstander([{ pattern: /refund/i, intent: "refund_request" }]);

/** An unanswered question, a ticket, a hand-off with a person's reply: every kind of record. */
async function converse(app: App, conversation: string, user: string) {
  const base = { conversation, user: { channel: "test", id: user, displayName: "Mina" } };
  let n = 0;
  const send = (text: string) => app.bot.handle({ ...base, type: "message", id: `m-${++n}`, text });
  await send("Is there a physical store in Busan?");
  await send("I want a refund for order PM-4411");
  await send("/human");
  await app.handoff.reply(conversation, { id: "U1", name: "Jun" }, "Looking at it now");
  await send("thanks");
  return send;
}

/** The records a conversation leaves in the Keyv namespaces, as namespace and key. */
function recordsOf(conversation: string, user: string): [string, string][] {
  return [
    ["state", conversation],
    ["transcript", `${conversation}#count`],
    ["transcript", `${conversation}#1`],
    ["handoffs", conversation],
    ["desk-lines", `${conversation}#count`],
    ["desk-lines", `${conversation}#1`],
    ["unanswered-asked", `${conversation}#count`],
    ["unanswered-asked", `${conversation}#1`],
    ["user-conversations", `test:${user}`],
  ];
}

describe.skipIf(!hasFixtureKb)("retention: everything a conversation writes expires with it", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("SQLite: no record is written without an expiry, and each expires STATE_TTL_DAYS after use", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-retention-"));
    const file = path.join(dir, "state.sqlite");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    const app = await createTestApp(
      {
        STORE: "file",
        DATA_DIR: dir,
        STATE_TTL_DAYS: String(TTL_DAYS),
        // A person holds the conversation for two weeks, so a week later it is still theirs.
        HANDOFF_LEASE_MINUTES: String(14 * 24 * 60),
        TICKETS_DB_FILE: ":memory:",
      },
      { understander },
    );
    try {
      const conversation = "test:retention";
      const send = await converse(app, conversation, "u-1");
      for (const [namespace, key] of recordsOf(conversation, "u-1")) {
        const left = sqliteExpiryOf(file, namespace, key);
        expect(left, `${namespace}:${key}`).toBeGreaterThan(TTL_DAYS * DAY - 60_000);
        // The index of a customer's conversations outlives them by at most a day.
        expect(left, `${namespace}:${key}`).toBeLessThanOrEqual(TTL_DAYS * DAY + DAY);
      }
      const db = new Database(file, { readonly: true });
      const forever = db.prepare("SELECT key FROM keyv WHERE expires IS NULL").all();
      db.close();
      expect(forever).toEqual([]);

      // A week on, the customer writes to the person again: the hand-off and the index are kept
      // alive with the conversation.
      const opened = (await app.handoff.get(conversation))?.packet;
      expect(opened?.status).toBe("human");
      vi.setSystemTime(Date.now() + 7 * DAY);
      await send("still there?");
      expect((await app.handoff.get(conversation))?.packet).toEqual(opened);
      for (const [namespace, key] of [
        ["state", conversation],
        ["handoffs", conversation],
        ["user-conversations", "test:u-1"],
      ] as const) {
        expect(sqliteExpiryOf(file, namespace, key), `${namespace}:${key}`).toBeGreaterThan(
          TTL_DAYS * DAY - 60_000,
        );
      }
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("Redis: each record of the conversation carries a TTL of STATE_TTL_DAYS", async (context) => {
    if (!(await redisForThisRun())) return context.skip();
    const app = await createTestApp(
      { STORE: "redis", REDIS_URL, STATE_TTL_DAYS: String(TTL_DAYS), TICKETS_DB_FILE: ":memory:" },
      { understander },
    );
    const conversation = `test:retention-${RUN}`;
    const user = `u-${RUN}`;
    const { createClient } = await import("@keyv/redis");
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    try {
      await converse(app, conversation, user);
      for (const [namespace, key] of recordsOf(conversation, user)) {
        const left = await redisExpiryOf(redis, namespace, key);
        expect(left, `${namespace}:${key}`).toBeGreaterThan(TTL_DAYS * DAY - 60_000);
        expect(left, `${namespace}:${key}`).toBeLessThanOrEqual(TTL_DAYS * DAY + DAY);
      }
    } finally {
      // Shared Redis: leave nothing of this run behind.
      for (const [namespace, key] of recordsOf(conversation, user)) await redis.del(`${namespace}::${key}`);
      for await (const keys of redis.scanIterator({ MATCH: `*${RUN}*`, COUNT: 500 })) {
        if (keys.length > 0) await redis.unlink(keys);
      }
      await redis.close();
      await app.close();
    }
  });
});
