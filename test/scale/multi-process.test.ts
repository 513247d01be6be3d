import { createClient } from "@keyv/redis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { parsePrometheusText } from "../helpers/prometheus-text.ts";
import { REDIS_URL } from "../helpers/redis.ts";
import {
  type BotProcess,
  backendsForThisRun,
  createSharedBackends,
  type SharedBackends,
} from "./support/bot-processes.ts";
import { type ChatClient, createChatClient } from "./support/chat-client.ts";

// Each case waits for conditions, never for a time: generous limits for a loaded machine.
const WAIT = { timeout: 90_000, interval: 50 };

const available = await backendsForThisRun(REDIS_URL);

/** The history a process serves for `client`: user and bot lines, oldest first. */
async function history(url: string, client: ChatClient) {
  const response = await fetch(`${url}api/chat/history?limit=200`, {
    headers: { authorization: `Bearer ${client.session}` },
  });
  const body = (await response.json()) as { messages: { from: string; text: string }[] };
  return body.messages;
}

async function deskAction(url: string, conversation: string, action: string, text?: string) {
  const response = await fetch(`${url}api/desk/handoffs/${encodeURIComponent(conversation)}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ agent: { id: "agent-1", name: "Dana" }, ...(text ? { text } : {}) }),
  });
  expect(response.status).toBe(200);
}

/** A series summed over the given processes' `/metrics`. */
async function metricSum(
  processes: readonly BotProcess[],
  name: string,
  labels: Record<string, string> = {},
) {
  let sum = 0;
  for (const running of processes) {
    const text = await (await fetch(`${running.url}metrics`)).text();
    for (const sample of parsePrometheusText(text))
      if (
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value)
      )
        sum += sample.value;
  }
  return sum;
}

describe.skipIf(!available)("several bot processes on one Redis and one PostgreSQL", () => {
  let backends: SharedBackends;
  let a: BotProcess;
  let b: BotProcess;
  const clients: ChatClient[] = [];
  const customer = (session?: string) => {
    const client = createChatClient(session);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    backends = await createSharedBackends(REDIS_URL);
    [a, b] = await Promise.all([backends.start("a"), backends.start("b")]);
  }, 180_000);

  afterAll(async () => {
    for (const client of clients) client.close();
    await backends?.cleanup();
  }, 60_000);

  it.each([
    ["en", "I can see your order: the refund goes out today."],
    ["ko", "주문을 확인했습니다. 오늘 환불해 드리겠습니다."],
  ])(
    "(a) a person's reply made on process A reaches the customer's WebSocket on process B (%s)",
    async (_language, text) => {
      const client = customer();
      await client.connect(b.url);
      client.send("m1", "/human");
      await vi.waitFor(() => expect(client.repliesTo("m1").length).toBeGreaterThan(0), WAIT);
      await deskAction(a.url, client.conversation, "claim");
      await deskAction(a.url, client.conversation, "reply", text);
      await vi.waitFor(
        () =>
          expect(
            client.frames.some((frame) => frame.type === "message" && frame.message?.text.includes(text)),
          ).toBe(true),
        WAIT,
      );
    },
  );

  it("(b) a desk page on process A sees a hand-off opened on process B", async () => {
    const events: { type: string; conversation?: string }[] = [];
    const desk = new WebSocket(`${a.url.replace(/^http/, "ws")}api/desk/ws`);
    try {
      desk.on("message", (data) => events.push(JSON.parse(String(data))));
      await vi.waitFor(() => expect(events.some((event) => event.type === "ready")).toBe(true), WAIT);
      const client = customer();
      await client.connect(b.url);
      client.send("m1", "/human");
      await vi.waitFor(
        () =>
          expect(
            events.some((event) => event.type === "packet" && event.conversation === client.conversation),
          ).toBe(true),
        WAIT,
      );
    } finally {
      desk.terminate();
    }
  });

  it("(c) a slow first message on A and a second on B are answered in arrival order, 40 of 40", async () => {
    const redis = createClient({ url: REDIS_URL });
    redis.on("error", () => undefined);
    await redis.connect();
    try {
      const rounds = await Promise.all(
        Array.from({ length: 40 }, async (_, round) => {
          // Two sockets of one customer, one per process; the first message is slow because the
          // conversation's turn is taken (a holder this test controls) when it arrives.
          const onA = customer();
          await onA.connect(a.url);
          const onB = customer(onA.session);
          await onB.connect(b.url);
          const line = `${backends.prefix}lock:${onA.conversation}`;
          const [seconds = "0"] = await redis.time().then((time) => time.map(String));
          await redis.zAdd(line, { score: 0, value: "held-by-the-test" });
          await redis.zAdd(`${line}:alive`, {
            score: Number(seconds) * 1000 + 60_000,
            value: "held-by-the-test",
          });
          onA.send("first", `first message ${round}`);
          await vi.waitFor(async () => expect(await redis.zCard(line)).toBe(2), WAIT);
          onB.send("second", `second message ${round}`);
          await vi.waitFor(async () => expect(await redis.zCard(line)).toBe(3), WAIT);
          await redis.zRem(line, "held-by-the-test");
          await vi.waitFor(() => expect(onB.repliesTo("second").length).toBeGreaterThan(0), WAIT);
          const answered = onB.frames
            .filter((frame) => frame.type === "message")
            .map((frame) => frame.replyTo);
          const users = (await history(b.url, onB)).filter((message) => message.from === "user");
          return answered.indexOf("first") < answered.indexOf("second") &&
            answered.indexOf("first") >= 0 &&
            users.map((message) => message.text).join("|") ===
              `first message ${round}|second message ${round}`
            ? "in order"
            : "reordered";
        }),
      );
      expect(rounds.filter((verdict) => verdict === "reordered")).toHaveLength(0);
    } finally {
      await redis.close();
    }
  }, 240_000);

  it("(d) 200 conversations × 10 messages over both processes: none lost, duplicated or out of order", async () => {
    const processes = [a, b];
    const conversations = await Promise.all(
      Array.from({ length: 200 }, async (_, index) => {
        const client = customer();
        const home = processes[index % processes.length] as BotProcess;
        await client.connect(home.url);
        const texts = Array.from({ length: 10 }, (_, n) => `conversation ${index} message ${n}: hello`);
        for (const [n, text] of texts.entries()) client.send(`m${n}`, text);
        return { client, home, texts };
      }),
    );
    await vi.waitFor(
      () => {
        for (const { client } of conversations) expect(client.repliesTo("m9").length).toBeGreaterThan(0);
      },
      { timeout: 240_000, interval: 200 },
    );
    const problems: string[] = [];
    for (const [index, { client, home, texts }] of conversations.entries()) {
      const shown = await history((home === a ? b : a).url, client);
      const users = shown.filter((line) => line.from === "user").map((line) => line.text);
      if (users.join("\n") !== texts.join("\n"))
        problems.push(`${index}: the transcript holds ${JSON.stringify(users)}`);
      const replies = client.frames.filter((frame) => frame.type === "message");
      const order = replies.map((frame) => Number(frame.replyTo?.slice(1)));
      if (order.some((n, i) => i > 0 && n < (order[i - 1] as number)))
        problems.push(`${index}: replies out of order ${order.join(",")}`);
      if (new Set(order).size !== 10)
        problems.push(`${index}: replies to ${new Set(order).size} of 10 messages`);
      const botLines = shown.filter((line) => line.from === "bot").length;
      if (botLines !== replies.length)
        problems.push(`${index}: ${replies.length} replies shown, ${botLines} recorded`);
    }
    expect(problems).toEqual([]);
    // Both processes took turns, and their /metrics say so.
    for (const running of [a, b])
      expect(await metricSum([running], "switchboard_turns_total", { channel: "web" })).toBeGreaterThan(0);
    expect(await metricSum([a, b], "switchboard_turns_total", { channel: "web" })).toBeGreaterThanOrEqual(
      2_000,
    );
  }, 300_000);

  it("(f) each background job runs once per period across processes; an SLA breach is raised once", async () => {
    const client = customer();
    await client.connect(a.url);
    client.send("t1", "/ticket My exported PDF has broken Korean fonts on every page");
    await vi.waitFor(() => expect(client.repliesTo("t1").length).toBeGreaterThan(0), WAIT);
    client.press("t2", "ticket.category", "technical");
    await vi.waitFor(() => expect(client.repliesTo("t2").length).toBeGreaterThan(0), WAIT);
    // Every SLA timer (this ticket's and the hand-off tickets' of the cases above) is due within
    // seconds (SLA_TARGETS): each fired timer is one event on one process.
    const db = new pg.Client({ connectionString: backends.databaseUrl });
    await db.connect();
    const fired = async (kind: string) =>
      Number(
        (await db.query("SELECT count(*) AS n FROM sla_timers WHERE kind = $1 AND outcome = 'fired'", [kind]))
          .rows[0]?.n,
      );
    const raised = async () => ({
      breaches: await metricSum([a, b], "switchboard_sla_breaches_total"),
      warnings: await metricSum([a, b], "switchboard_sla_warnings_total"),
    });
    try {
      await vi.waitFor(async () => {
        const pending = await db.query("SELECT count(*) AS n FROM sla_timers WHERE outcome IS NULL");
        expect(Number(pending.rows[0]?.n)).toBe(0);
      }, WAIT);
      const expected = { breaches: await fired("breach"), warnings: await fired("warning") };
      expect(expected.breaches).toBeGreaterThanOrEqual(2);
      await vi.waitFor(async () => expect(await raised()).toEqual(expected), WAIT);
      const runsNow = await metricSum([a, b], "switchboard_job_runs_total", { job: "sla-timers" });
      await vi.waitFor(
        async () =>
          expect(
            await metricSum([a, b], "switchboard_job_runs_total", { job: "sla-timers" }),
          ).toBeGreaterThan(runsNow + 3),
        WAIT,
      );
      expect(await raised()).toEqual(expected);
    } finally {
      await db.end();
    }

    // Every run either process counted is one job BullMQ kept: no period ran on both.
    const redis = createClient({ url: REDIS_URL });
    redis.on("error", () => undefined);
    await redis.connect();
    try {
      for (const job of ["sla-timers", "auto-close", "lease-expiry", "retention-purge"]) {
        const before = await metricSum([a, b], "switchboard_job_runs_total", { job });
        const kept = (await redis.zRange(`${backends.prefix}jobs:background:completed`, 0, -1)).filter((id) =>
          id.includes(job),
        ).length;
        const failed = (await redis.zRange(`${backends.prefix}jobs:background:failed`, 0, -1)).filter((id) =>
          id.includes(job),
        ).length;
        const after = await metricSum([a, b], "switchboard_job_runs_total", { job });
        expect(failed).toBe(0);
        expect(kept).toBeGreaterThanOrEqual(before);
        expect(kept).toBeLessThanOrEqual(after);
        expect(kept).toBeGreaterThan(0);
      }
    } finally {
      await redis.close();
    }
    const health = (await (await fetch(`${a.url}healthz`)).json()) as { jobs?: { runner?: string } };
    expect(health.jobs?.runner).toBe("queue");
  }, 180_000);

  it("(e) kill -9 of a process mid-burst: every message is answered exactly once after its clients reconnect to a survivor", async () => {
    const doomed = await backends.start("c");
    const burst = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const client = customer();
        await client.connect(doomed.url);
        const ids = Array.from({ length: 10 }, (_, n) => `k${n}`);
        for (const id of ids) client.send(id, `crash test ${index} ${id}: hello`);
        return { client, ids, index };
      }),
    );
    const answered = () =>
      burst.reduce(
        (sum, { client, ids }) => sum + ids.filter((id) => client.repliesTo(id).length > 0).length,
        0,
      );
    await vi.waitFor(() => expect(answered()).toBeGreaterThanOrEqual(30), WAIT);
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    const before = answered();
    expect(before).toBeLessThan(300); // killed mid-burst

    // Each page reconnects to a survivor, is sent what it missed, and sends again every message it
    // has no answer to (same id: one the dead process finished is a duplicate and dropped).
    const survivors = [a, b];
    await Promise.all(
      burst.map(async ({ client, index }) => client.connect((survivors[index % 2] as BotProcess).url)),
    );
    const resend = () => {
      for (const { client, ids, index } of burst)
        for (const id of ids)
          if (client.repliesTo(id).length === 0) client.send(id, `crash test ${index} ${id}: hello`);
    };
    resend();
    // A turn the dead process had started is taken over once its lease (LOCK_LEASE_SECONDS) lapses:
    // until then a resend is refused as in progress, so the pages keep resending, as pages do.
    const again = setInterval(resend, 2_000);
    try {
      await vi.waitFor(() => expect(answered()).toBe(300), { timeout: 120_000, interval: 100 });
    } finally {
      clearInterval(again);
    }
    const problems: string[] = [];
    for (const { client, ids, index } of burst) {
      for (const id of ids) {
        const texts = client.repliesTo(id).map((frame) => frame.message?.text);
        if (new Set(texts).size !== texts.length)
          problems.push(`${index} ${id}: answered twice ${JSON.stringify(texts)}`);
      }
      const order = client.frames
        .filter((frame) => frame.type === "message")
        .map((frame) => Number(frame.replyTo?.slice(1)));
      if (order.some((n, i) => i > 0 && n < (order[i - 1] as number)))
        problems.push(`${index}: replies out of order ${order.join(",")}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
