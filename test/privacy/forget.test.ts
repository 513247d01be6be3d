import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@keyv/redis";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { REDIS_URL, redisForThisRun } from "../helpers/redis.ts";
import { scriptedUnderstander } from "../helpers/scripted-understander.ts";
import { POSTGRES_URL } from "../tickets/support/engines.ts";

// Unique per run: Redis and PostgreSQL are shared, so an earlier run's leftovers must not match.
const RUN = randomBytes(4).toString("hex");
const CANARY_NAME = `Canary Kim ${RUN}`;
const CANARY_TEXT = `canarytext${RUN}`;
const CUSTOMER = `cust-${RUN}`;
// Personal data as a customer types it: the raw-bytes test looks for exactly these strings.
const EMAIL = `mina.kim.${RUN}@example.com`;
const PHONE = `010-${(Number.parseInt(RUN.slice(0, 4), 16) % 9000) + 1000}-5678`;
const CARD = "4111 1111 1111 1111";
const understander = scriptedUnderstander([{ pattern: /refund/i, intent: "refund_request" }]);

/**
 * Talks like a real customer: a question the bot can't answer, a ticket, a hand-off. `words`
 * goes into every message the customer and the agent write.
 */
async function leaveTraces(app: App, conversation: string, words = CANARY_TEXT) {
  const base = { conversation, user: { channel: "test", id: CUSTOMER, displayName: CANARY_NAME } };
  let n = 0;
  const send = (text: string) =>
    app.bot.handle({ ...base, type: "message", id: `${conversation}-${++n}`, text });
  const press = (action: string) =>
    app.bot.handle({ ...base, type: "action", id: `${conversation}-${++n}`, action });
  await send(`Is there a ${words} plan for schools?`);
  await send(`I want a refund for order PM-4411, my ${words} prompt is broken`);
  await send("/human");
  await app.handoff.reply(conversation, { id: "U1", name: "Mina" }, `Looking at your ${words} order now`);
  await send(`thanks, the ${words} thing still fails`);
  const ask = await send("/forget");
  expect(ask.replies[0]?.text).toMatch(/permanently erase/);
  return press("forget.confirm");
}

function sqliteDump(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join("\n");
  } finally {
    db.close();
  }
}

describe.skipIf(!hasFixtureKb)("/forget erases the customer everywhere", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("SQLite state and tickets: no table holds the customer's name or words afterwards", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-forget-"));
    dirs.push(dir);
    const app = await createTestApp(
      { STORE: "file", DATA_DIR: dir, TICKETS_DB_FILE: path.join(dir, "tickets.sqlite") },
      { understander },
    );
    const before = await leaveTracesAndCheck(app, "test:forget-file");
    expect(before).toBeGreaterThan(0);
    await app.close();
    const dump = `${sqliteDump(path.join(dir, "state.sqlite"))}\n${sqliteDump(path.join(dir, "tickets.sqlite"))}`;
    expect(dump).toContain("T-1001");
    expect(dump).not.toContain(CANARY_TEXT);
    expect(dump).not.toContain(CANARY_NAME);
    expect(dump).not.toContain(CUSTOMER);
  });

  it("Redis state and PostgreSQL tickets: no key or row holds the customer's name or words afterwards", async (context) => {
    if (!(await redisForThisRun())) return context.skip();
    const schema = `sb_forget_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    try {
      await admin.connect();
    } catch (error) {
      if (process.env.CI) throw error;
      console.warn(`PostgreSQL not reachable at ${POSTGRES_URL}: skipping (CI runs it).`);
      return context.skip();
    }
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const app = await createTestApp(
      { STORE: "redis", REDIS_URL, DATABASE_URL: url.toString(), TICKETS_DB_FILE: "" },
      { understander },
    );
    const conversation = `test:forget-redis-${schema}`;
    try {
      await leaveTracesAndCheck(app, conversation);
    } finally {
      await app.close();
    }
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys = await redis.keys("*");
    const values = await Promise.all(
      keys.map(async (key) => `${key}=${(await redis.type(key)) === "string" ? await redis.get(key) : ""}`),
    );
    await redis.close();
    const redisDump = values.join("\n");
    expect(redisDump).not.toContain(CANARY_TEXT);
    expect(redisDump).not.toContain(CANARY_NAME);
    expect(redisDump).not.toContain(CUSTOMER);
    const tables = await admin.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
      [schema],
    );
    let pgDump = "";
    for (const { table_name } of tables.rows) {
      const rows = await admin.query(`SELECT * FROM ${schema}."${table_name}"`);
      pgDump += JSON.stringify(rows.rows);
    }
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    expect(pgDump).toContain("T-1001");
    expect(pgDump).not.toContain(CANARY_TEXT);
    expect(pgDump).not.toContain(CANARY_NAME);
    expect(pgDump).not.toContain(CUSTOMER);
  });
});

/** How often each canary occurs in the raw bytes of every file in `dir` (-wal and -shm files included). */
function canariesOnDisk(dir: string, canaries: readonly string[]): Record<string, number> {
  const found: Record<string, number> = {};
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(path.join(dir, name));
    for (const canary of canaries) {
      let at = bytes.indexOf(canary);
      while (at >= 0) {
        const where = `${name}: ${canary}`;
        found[where] = (found[where] ?? 0) + 1;
        at = bytes.indexOf(canary, at + 1);
      }
    }
  }
  return found;
}

describe.skipIf(!hasFixtureKb)("/forget leaves no byte of the customer's data in the SQLite files", () => {
  it("e-mail, phone and card number are gone from the files, free pages and write-ahead logs", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-forget-bytes-"));
    const canaries = [EMAIL, PHONE, CARD, CANARY_NAME];
    try {
      const app = await createTestApp(
        { STORE: "file", DATA_DIR: dir, TICKETS_DB_FILE: path.join(dir, "tickets.sqlite") },
        { understander },
      );
      try {
        const conversation = "test:forget-bytes";
        const base = { conversation, user: { channel: "test", id: CUSTOMER, displayName: CANARY_NAME } };
        await app.bot.handle({ ...base, type: "message", id: "warm-up", text: `my e-mail is ${EMAIL}` });
        // The canaries must reach the files first, or the assertions below prove nothing.
        expect(Object.keys(canariesOnDisk(dir, canaries)).length).toBeGreaterThan(0);
        const done = await leaveTraces(app, conversation, `${EMAIL} ${PHONE} card ${CARD}`);
        expect(expectTurn(done, "command")).toMatch(/I erased 1 conversation/);
        // While the bot runs on: the erasure truncated the write-ahead logs, which held old pages.
        expect(canariesOnDisk(dir, canaries)).toEqual({});
      } finally {
        await app.close();
      }
      expect(canariesOnDisk(dir, canaries)).toEqual({});
      expect(readdirSync(dir).sort()).toEqual(["state.sqlite", "tickets.sqlite"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function leaveTracesAndCheck(app: App, conversation: string): Promise<number> {
  const done = await leaveTraces(app, conversation);
  const text = expectTurn(done, "command");
  expect(text).toMatch(/I erased 1 conversation\(s\) and the personal data in 1 ticket\(s\)/);
  expect(await app.transcript.list(conversation)).toEqual([]);
  expect(await app.state.get(conversation)).toBeUndefined();
  expect(JSON.stringify(await app.unanswered.list(10_000))).not.toContain(CANARY_TEXT);
  expect((await app.handoff.list()).filter((record) => record.packet.conversation === conversation)).toEqual(
    [],
  );
  return (await app.tickets.store.listEvents("T-1001")).length;
}

describe.skipIf(!hasFixtureKb)("/forget in Korean, and keeping data", () => {
  it("asks first, in Korean; 'no' keeps everything", async () => {
    const app = await createTestApp({}, { understander });
    const chat = talk(app);
    await chat.send("환불 받을 수 있나요?");
    expect(expectTurn(await chat.send("/forget"), "command")).toMatch(/영구적으로 삭제/);
    expect(expectTurn(await chat.press("forget.cancel"), "command")).toMatch(/아무것도 삭제하지 않았어요/);
    expect(await app.transcript.list(chat.conversation)).toHaveLength(3);
    await app.close();
  });
});
