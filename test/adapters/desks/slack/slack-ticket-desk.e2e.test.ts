import { afterEach, describe, expect, it } from "vitest";
import { startBackgroundJobs } from "../../../../src/app/background-jobs.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { expectTurn, hasFixtureKb, sentOn, talk } from "../../../helpers/bot-harness.ts";
import { DESK_CHANNEL, type SlackHarness, startSlackHarness } from "./slack-harness.ts";
import { buttonsOf, type PacketRef, press, say } from "./slack-people.ts";

const DAY = 24 * 3600 * 1000;

describe.skipIf(!hasFixtureKb)("form tickets in Slack (Bolt + local Slack Web API)", () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  async function formTicket() {
    const chat = talk(h.app);
    expectTurn(
      await chat.send("/ticket I was charged twice for order PM-20931, please refund one"),
      "ticket",
    );
    const record = await h.app.handoff.get(chat.conversation);
    const ref: PacketRef = { channel: record?.deskRef.channel ?? "", ts: record?.deskRef.ts ?? "" };
    return { chat, ref, record };
  }

  it("posts the ticket to its team's channel with Claim; a thread reply reaches the customer", async () => {
    h = await startSlackHarness();
    const { chat, ref, record } = await formTicket();
    const mapped: Record<string, string> = { billing: "CBILL0001", "technical support": "CTECH0001" };
    const expected =
      mapped[record?.packet.category ?? ""] ??
      mapped[record?.packet.team?.toLowerCase() ?? ""] ??
      DESK_CHANNEL;
    const posts = h.api.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe(expected);
    expect(ref.channel).toBe(expected);
    // A billing ticket goes to the billing team's channel, not the default one.
    expect(record?.packet.category).toBe("billing");
    expect(expected).toBe("CBILL0001");
    expect(String(posts[0]?.args.text)).toMatch(/Ticket: ticket opened by the customer .*ticket T-1001/);
    expect(JSON.stringify(posts[0]?.args.blocks)).toContain("charged twice");
    expect(buttonsOf(posts[0])).toContainEqual(
      expect.objectContaining({ action_id: "handoff_claim", value: chat.conversation }),
    );
    await press(h, "handoff_claim", chat.conversation, ref);
    await say(h, ref, "I've refunded the duplicate charge.");
    await expect
      .poll(() => sentOn(h.app).map((sent) => sent.message.text))
      .toContain("**Mina:** I've refunded the duplicate charge.");
    expect(await h.app.tickets.store.get("T-1001")).toMatchObject({ assignee: "Mina" });
  });

  it("asking for a person after the form ticket updates the same packet instead of posting another", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await formTicket();
    expectTurn(await chat.send("/human"), "escalate");
    const packets = h.api.callsTo("chat.postMessage").filter((call) => call.args.thread_ts === undefined);
    expect(packets).toHaveLength(1);
    const updates = h.api.callsTo("chat.update").filter((call) => call.args.ts === ref.ts);
    expect(String(updates.at(-1)?.args.text)).toMatch(
      /Hand-off: customer asked for a person .*ticket T-1001/,
    );
    expect((await h.app.handoff.get(chat.conversation))?.deskRef).toMatchObject(ref);
  });

  it("an SLA warning and breach of the ticket reach its thread once each", async () => {
    h = await startSlackHarness();
    const { ref } = await formTicket();
    let now = Date.now();
    const jobs = startBackgroundJobs({
      tickets: h.app.tickets,
      handoff: h.app.handoff,
      ticketDesk: h.app.ticketDesk,
      logger: createSilentLogger(),
      autoCloseDays: 7,
      intervalMs: 3_600_000,
      now: () => now,
    });
    try {
      now += 30 * DAY;
      await jobs.runOnce();
      await jobs.runOnce();
      const thread = h.api
        .callsTo("chat.postMessage")
        .filter((call) => call.args.thread_ts === ref.ts)
        .map((call) => String(call.args.text));
      expect(thread.filter((text) => text.includes("Still unclaimed: T-1001"))).toHaveLength(1);
      expect(
        thread.filter((text) => text.includes("SLA breached: T-1001") && text.includes("first reply")),
      ).toHaveLength(1);
    } finally {
      await jobs.stop();
    }
  });
});
