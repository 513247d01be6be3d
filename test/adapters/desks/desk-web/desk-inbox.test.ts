import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_FRAMEWORK_CHANNEL } from "../../../../adapters/channels/bot-framework/translate-activity.ts";
import { SLACK_CHANNEL } from "../../../../adapters/channels/slack/slack-customer-adapter.ts";
import type { InboxItem } from "../../../../src/tickets/ticket-inbox.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { CANARY, CANARY_MESSAGE, expectNoCanary } from "../../../helpers/pii-canaries.ts";
import { type DeskBot, startDeskBot, webCustomer } from "./desk-harness.ts";

const mina = { id: "local:mina", name: "Mina" };

it("the inbox's channel filter offers every channel customers can write on", () => {
  const page = readFileSync(
    new URL("../../../../adapters/desks/desk-web/public/index.html", import.meta.url),
    "utf8",
  );
  const select = /<select id="f-channel"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? "";
  const offered = [...select.matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]);
  expect(offered.sort()).toEqual(
    ["", "web", "telegram", "discord", SLACK_CHANNEL, BOT_FRAMEWORK_CHANNEL, "console"].sort(),
  );
});

describe.skipIf(!hasFixtureKb)("local desk API: the inbox of tickets and hand-offs", () => {
  let bot: DeskBot;
  beforeAll(async () => {
    bot = await startDeskBot();
  });
  afterAll(() => bot?.stop());

  async function inbox(query = ""): Promise<InboxItem[]> {
    const response = await fetch(`${bot.url}api/desk/inbox${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: InboxItem[] }).items;
  }
  async function post(path: string, body: unknown): Promise<Response> {
    return fetch(`${bot.url}api/desk/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  it("lists tickets and hand-offs with their facts; filters, searches, changes status, transfers, keeps history", async () => {
    const fonts = await webCustomer(bot);
    await fonts.say("/ticket My exported PDF has broken Korean fonts on every page");
    const person = await webCustomer(bot);
    await person.say("/human");
    const open = await inbox();
    const ticket = open.find((item) => item.conversation === fonts.conversation);
    expect(ticket).toMatchObject({
      kind: "ticket",
      ticketId: expect.stringMatching(/^T-\d+$/),
      channel: "web",
      language: "en",
      team: "Technical support",
      status: "new",
      owner: null,
      sla: expect.stringMatching(/^(ok|near|past)$/),
      onDesk: true,
    });
    expect(ticket?.dueAt).toEqual(expect.any(Number));
    expect(open.find((item) => item.conversation === person.conversation)?.kind).toBe("handoff");
    const id = ticket?.ticketId ?? "";

    // Filters and search.
    expect((await inbox("?team=Technical%20support")).map((item) => item.ticketId)).toContain(id);
    expect((await inbox("?team=Seller%20success")).map((item) => item.ticketId)).not.toContain(id);
    expect((await inbox(`?q=${id}`)).map((item) => item.ticketId)).toEqual([id]);
    expect((await inbox("?q=korean%20fonts")).map((item) => item.ticketId)).toEqual([id]);
    expect((await inbox("?unassigned=1")).map((item) => item.ticketId)).toContain(id);
    expect(await inbox("?mine=Mina")).toEqual([]);
    expect((await fetch(`${bot.url}api/desk/inbox?view=nope`)).status).toBe(400);

    // Waiting on the customer: they are asked, and the event is on the ticket.
    expect((await post(`tickets/${id}/status`, { agent: mina, status: "pending_customer" })).status).toBe(
      200,
    );
    await expect.poll(() => fonts.received.join("\n")).toMatch(/needs a bit more information/);
    expect((await inbox("?status=pending_customer")).map((item) => item.ticketId)).toEqual([id]);
    await fonts.say("Version 2.3 on Windows 11");
    expect((await inbox(`?q=${id}`))[0]?.status).toBe("open");

    // Transfer to another team, with a note: the other team's view shows it at once.
    const transfer = await post(`tickets/${id}/transfer`, {
      agent: mina,
      team: "Refunds and claims",
      note: "Charged for the export add-on too",
    });
    expect(transfer.status).toBe(200);
    expect((await inbox("?team=Refunds%20and%20claims")).map((item) => item.ticketId)).toContain(id);
    await expect.poll(() => fonts.received.join("\n")).toMatch(/specialist from our Refunds and claims team/);
    expect((await post(`tickets/${id}/transfer`, { agent: mina, team: "Nobody" })).status).toBe(400);

    const view = (await (
      await fetch(`${bot.url}api/desk/conversations/${encodeURIComponent(fonts.conversation)}?ticket=${id}`)
    ).json()) as {
      events: { type: string; data: Record<string, unknown> }[];
      transcript: { from: string; text: string }[];
      messages: { author: string; text: string }[];
    };
    expect(view.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["created", "status_changed", "assigned", "message"]),
    );
    expect(view.transcript.some((line) => /broken Korean fonts/.test(line.text))).toBe(true);
    expect(view.messages.some((message) => message.author === "note")).toBe(true);

    // Solved: gone from the open inbox, in the history; the customer is asked to rate.
    expect((await post(`tickets/${id}/status`, { agent: mina, status: "solved" })).status).toBe(200);
    await expect.poll(() => fonts.received.join("\n")).toMatch(/How would you rate our help/);
    expect((await inbox()).map((item) => item.ticketId)).not.toContain(id);
    expect((await inbox("?view=history")).find((item) => item.ticketId === id)?.status).toBe("solved");
    expect((await post(`tickets/${id}/status`, { agent: mina, status: "closed" })).status).toBe(200);
    expect((await inbox(`?view=history&q=${id}`))[0]?.status).toBe("closed");
    fonts.close();
    person.close();
  });

  it("never shows the customer's e-mail, phone or card unmasked in the inbox or the conversation view; the owner's reveal is recorded", async () => {
    const customer = await webCustomer(bot);
    await customer.say(`/ticket ${CANARY_MESSAGE}`);
    if (!(await bot.app.handoff.get(customer.conversation))) await customer.say("I don't have it");
    const items = await inbox(`?q=${encodeURIComponent(CANARY.email)}`);
    expect(items).toHaveLength(1);
    const id = items[0]?.ticketId ?? "";
    const view = await (
      await fetch(
        `${bot.url}api/desk/conversations/${encodeURIComponent(customer.conversation)}?ticket=${id}`,
      )
    ).text();
    expectNoCanary(JSON.stringify(await inbox()) + view);

    // Revealed only to the person who owns it, and recorded with who and when.
    expect((await post(`tickets/${id}/reveal`, { agent: mina })).status).toBe(403);
    expect(
      (await post(`handoffs/${encodeURIComponent(customer.conversation)}/claim`, { agent: mina })).status,
    ).toBe(200);
    expect((await post(`tickets/${id}/reveal`, { agent: { id: "local:joon", name: "Joon" } })).status).toBe(
      403,
    );
    const revealed = await post(`tickets/${id}/reveal`, { agent: mina });
    expect(revealed.status).toBe(200);
    const shown = await revealed.text();
    expect(shown).toContain(CANARY.email);
    const after = (await (
      await fetch(
        `${bot.url}api/desk/conversations/${encodeURIComponent(customer.conversation)}?ticket=${id}`,
      )
    ).json()) as { reveals: { agent: { name: string }; at: number }[] };
    expect(after.reveals).toEqual([{ ticketId: id, agent: mina, at: expect.any(Number) }]);
    expectNoCanary(JSON.stringify(await inbox()) + JSON.stringify(after));
    customer.close();
  });
});
