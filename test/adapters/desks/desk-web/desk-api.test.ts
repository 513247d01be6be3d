import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { type DeskBot, startDeskBot, webCustomer } from "./desk-harness.ts";

const mina = { id: "local:mina", name: "Mina" };
const joon = { id: "local:joon", name: "Joon" };

describe.skipIf(!hasFixtureKb)("local desk JSON API and WebSocket (loopback, no token)", () => {
  let bot: DeskBot;
  const path = (conversation: string, tail: string) =>
    `${bot.url}api/desk/handoffs/${encodeURIComponent(conversation)}/${tail}`;
  const post = (conversation: string, action: string, body: unknown) =>
    fetch(path(conversation, action), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

  async function escalatedCustomer() {
    const customer = await webCustomer(bot);
    await customer.say("My payment was declined");
    await customer.say("/human");
    return customer;
  }

  beforeAll(async () => {
    bot = await startDeskBot();
  });
  afterAll(() => bot?.stop());

  it("serves the page and its assets to this machine", async () => {
    const page = await fetch(`${bot.url}desk`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain('<script type="module" src="/desk/desk.js">');
    expect((await fetch(`${bot.url}desk/desk.js`)).headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${bot.url}desk/desk.css`)).status).toBe(200);
  });

  it("lists a hand-off with its packet and returns its thread", async () => {
    const customer = await escalatedCustomer();
    await customer.say("What payment methods do you accept?");
    const response = await fetch(`${bot.url}api/desk/handoffs`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const list = (await response.json()) as { handoffs: { packet: Record<string, unknown> }[] };
    const found = list.handoffs.find((item) => item.packet.conversation === customer.conversation);
    expect(found?.packet).toMatchObject({
      channel: "web",
      status: "queued",
      triedFaqIds: ["payment-declined"],
    });
    const thread = (await (await fetch(path(customer.conversation, "lines"))).json()) as {
      lines: { from: string; text: string }[];
    };
    expect(thread.lines.map((line) => line.from)).toEqual(["customer", "bot"]);
    expect(thread.lines[0]?.text).toBe("What payment methods do you accept?");
    customer.close();
  });

  it("claim, reply, note and close: the customer sees the reply, never the note; pages get live events", async () => {
    const customer = await escalatedCustomer();
    const desk = new WebSocket(`${bot.url.replace("http", "ws")}api/desk/ws`);
    const events: { type: string; conversation?: string; packet?: { status: string } }[] = [];
    desk.on("message", (data) => events.push(JSON.parse(String(data))));
    await once(desk, "open");
    await expect.poll(() => events[0]?.type).toBe("ready");

    const claimed = await post(customer.conversation, "claim", { agent: mina });
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({ status: "human", packet: { agent: mina } });
    await expect.poll(() => customer.received).toContain("Mina from support has joined the conversation.");
    expect(events.some((event) => event.type === "packet" && event.packet?.status === "human")).toBe(true);

    expect(
      (await post(customer.conversation, "reply", { agent: mina, text: "Retrying it now." })).status,
    ).toBe(200);
    await expect.poll(() => customer.received).toContain("**Mina:** Retrying it now.");
    const heard = customer.received.length;
    expect((await post(customer.conversation, "note", { agent: mina, text: "card expired" })).status).toBe(
      200,
    );
    await expect.poll(() => events.some((event) => event.type === "line")).toBe(true);
    const lines = (await (await fetch(path(customer.conversation, "lines"))).json()) as {
      lines: { from: string; text: string }[];
    };
    expect(lines.lines.find((line) => line.from === "note")?.text).toBe("card expired");

    const closed = await post(customer.conversation, "close", { agent: mina });
    expect(await closed.json()).toEqual({ conversation: customer.conversation, status: "closed" });
    await expect
      .poll(() => customer.received.slice(heard))
      .toContainEqual(expect.stringMatching(/^Mina has closed this conversation/));
    expect(customer.received.join("\n")).not.toContain("card expired");
    const list = (await (await fetch(`${bot.url}api/desk/handoffs`)).json()) as { handoffs: unknown[] };
    expect(JSON.stringify(list)).not.toContain(customer.conversation);
    desk.close();
    customer.close();
  });

  it("return to bot hands the conversation back", async () => {
    const customer = await escalatedCustomer();
    const returned = await post(customer.conversation, "return", { agent: mina });
    expect(await returned.json()).toEqual({ conversation: customer.conversation, status: "bot" });
    await expect
      .poll(() => customer.received)
      .toContainEqual(expect.stringMatching(/back with the assistant/));
    customer.close();
  });

  it("409 with who holds it when another person claims or replies", async () => {
    const customer = await escalatedCustomer();
    expect((await post(customer.conversation, "claim", { agent: mina })).status).toBe(200);
    expect((await post(customer.conversation, "claim", { agent: mina })).status).toBe(200);
    const second = await post(customer.conversation, "claim", { agent: joon });
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({
      error: "Mina is already handling this conversation",
      code: "ALREADY_CLAIMED",
      heldBy: mina,
    });
    expect((await post(customer.conversation, "reply", { agent: joon, text: "hi" })).status).toBe(409);
    customer.close();
  });

  it("rejects invalid requests with a message saying what is wrong", async () => {
    const customer = await escalatedCustomer();
    const { conversation } = customer;
    const noAgent = await post(conversation, "claim", {});
    expect(noAgent.status).toBe(400);
    expect(await errorOf(noAgent)).toMatch(/agent must be an object \{ id, name \}/);
    expect(await errorOf(await post(conversation, "claim", { agent: { id: "x", name: " " } }))).toMatch(
      /agent.name is required/,
    );
    expect(await errorOf(await post(conversation, "reply", { agent: mina }))).toMatch(/text is required/);
    expect(await errorOf(await post(conversation, "note", { agent: mina, text: "  " }))).toMatch(
      /not be empty/,
    );
    expect(await errorOf(await post(conversation, "reply", { agent: mina, text: "x".repeat(4001) }))).toMatch(
      /4,000/,
    );
    const notJson = await fetch(path(conversation, "claim"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(notJson.status).toBe(400);
    const formPost = await fetch(path(conversation, "claim"), { method: "POST", body: "agent=x" });
    expect(formPost.status).toBe(415);
    const unknown = await post(conversation, "delete", { agent: mina });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatch(/use claim, reply, note, close, return/);
    customer.close();
  });

  it("404 for a conversation without an open hand-off", async () => {
    const lines = await fetch(path("web:nobody00", "lines"));
    expect(lines.status).toBe(404);
    expect(await errorOf(lines)).toMatch(/No open hand-off for web:nobody00/);
    expect((await post("web:nobody00", "claim", { agent: mina })).status).toBe(404);
  });
});

describe.skipIf(!hasFixtureKb)("local desk blocklist API", () => {
  let bot: DeskBot;
  const post = (path: string, body: unknown) =>
    fetch(`${bot.url}api/desk/blocks${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;
  const listBlocks = async (query = "") =>
    (
      (await (await fetch(`${bot.url}api/desk/blocks${query}`)).json()) as {
        blocks: Record<string, unknown>[];
      }
    ).blocks;

  beforeAll(async () => {
    bot = await startDeskBot();
  });
  afterAll(() => bot?.stop());

  it("a block needs a reason (400 without), is listed with who, why and until when, and marks the packet", async () => {
    const customer = await webCustomer(bot);
    await customer.say("/human");
    const userId = customer.conversation.slice("web:".length);
    const target = {
      agent: mina,
      channel: "web",
      userId,
      conversation: customer.conversation,
      duration: "7d",
    };

    const noReason = await post("", target);
    expect(noReason.status).toBe(400);
    expect(await errorOf(noReason)).toMatch(/reason is required: say why the customer is blocked/);
    expect(await errorOf(await post("", { ...target, reason: "  " }))).toMatch(/reason is required/);
    expect(await errorOf(await post("", { ...target, reason: "spam", duration: "soon" }))).toMatch(
      /duration must be like 30m, 2h, 7d, 4w or permanent/,
    );
    const noName = { ...target, reason: "spam", agent: { id: "x", name: " " } };
    expect(await errorOf(await post("", noName))).toMatch(/agent.name is required/);
    const formPost = await fetch(`${bot.url}api/desk/blocks`, { method: "POST", body: "reason=x" });
    expect(formPost.status).toBe(415);
    expect(await listBlocks()).toEqual([]);

    const created = await post("", { ...target, reason: "Sent 400 links in a minute" });
    expect(created.status).toBe(201);
    const { block } = (await created.json()) as {
      block: { id: number; expiresAt: number; blockedAt: number };
    };
    expect(block.expiresAt - block.blockedAt).toBe(7 * 86_400_000);
    expect(await listBlocks()).toEqual([
      expect.objectContaining({
        channel: "web",
        userId,
        reason: "Sent 400 links in a minute",
        blockedBy: mina,
        conversation: customer.conversation,
        lifted: null,
      }),
    ]);
    const handoffs = (await (await fetch(`${bot.url}api/desk/handoffs`)).json()) as {
      handoffs: { packet: { conversation: string; blocked?: unknown } }[];
    };
    expect(
      handoffs.handoffs.find((item) => item.packet.conversation === customer.conversation)?.packet.blocked,
    ).toEqual({
      reason: "Sent 400 links in a minute",
      by: "Mina",
      at: block.blockedAt,
      until: block.expiresAt,
    });
    customer.close();
  });

  it("unblock records who and when (404 when not blocked); the history keeps both", async () => {
    const customer = await webCustomer(bot);
    await customer.say("hello");
    const userId = customer.conversation.slice("web:".length);
    expect((await post("/unblock", { agent: joon, channel: "web", userId })).status).toBe(404);
    await post("", { agent: mina, channel: "web", userId, reason: "abuse", duration: "permanent" });
    const unblocked = await post("/unblock", { agent: joon, channel: "web", userId, reason: "apologised" });
    expect(unblocked.status).toBe(200);
    const { unblocked: lifted } = (await unblocked.json()) as { unblocked: { lifted: unknown }[] };
    expect(lifted[0]?.lifted).toEqual({ by: joon, at: expect.any(Number), reason: "apologised" });
    expect((await listBlocks()).some((block) => block.userId === userId)).toBe(false);
    const history = (await listBlocks("?history=1")).filter((block) => block.userId === userId);
    expect(history).toEqual([expect.objectContaining({ reason: "abuse", blockedBy: mina, expiresAt: null })]);
    await customer.say("What payment methods do you accept?");
    expect(customer.received.length).toBeGreaterThan(1);
    customer.close();
  });
});
