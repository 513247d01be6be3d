import { afterEach, describe, expect, it } from "vitest";
import { hasFixtureKb, sentOn } from "../../../helpers/bot-harness.ts";
import { BOT_USER_ID } from "./fake-slack-api.ts";
import {
  DESK_CHANNEL,
  JOON,
  JSON_TYPE,
  MINA,
  postSigned,
  type SlackHarness,
  startSlackHarness,
  threadMessage,
} from "./slack-harness.ts";
import { buttonsOf, escalated, press, say } from "./slack-people.ts";

describe.skipIf(!hasFixtureKb)("Slack desk end to end (Bolt + local Slack Web API)", () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  const threadPosts = (ref: { ts: string }) =>
    h.api.callsTo("chat.postMessage").filter((call) => call.args.thread_ts === ref.ts);

  it("escalation posts one packet with the customer's context and Claim / Close / Return to bot / Block customer", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    const posts = h.api.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    const [packet] = posts;
    expect(packet?.token).toBe("xoxb-test-token");
    const record = await h.app.handoff.get(chat.conversation);
    const ticket = record?.packet.ticket;
    if (!ticket) throw new Error("the core opened no ticket for the hand-off");
    // The harness maps only billing and "technical support"; any other category uses the default.
    const mapped = { billing: "CBILL0001", "technical support": "CTECH0001" } as Record<string, string>;
    const expectedChannel =
      mapped[record?.packet.category ?? ""] ??
      mapped[record?.packet.team?.toLowerCase() ?? ""] ??
      DESK_CHANNEL;
    expect(packet?.args.channel).toBe(expectedChannel);
    expect(ref).toEqual({ channel: expectedChannel, ts: expect.stringMatching(/^\d+\.\d+$/) });
    expect(packet?.args.text).toMatch(/Hand-off: customer asked for a person/);
    const shown = JSON.stringify(packet?.args.blocks);
    for (const expected of ["Normal · customer asked for a person", "*Customer*", "*Ticket*", "*Priority*"])
      expect(shown).toContain(expected);
    expect(shown).toContain(`\`${ticket.id}\``);
    if (ticket.dueText) expect(shown).toContain(`SLA due ${ticket.dueText}`);
    expect(shown).toContain("en (English)");
    expect(shown).toContain("My payment was declined");
    expect(shown).toContain("`payment-declined`");
    expect(buttonsOf(packet)).toEqual([
      expect.objectContaining({ action_id: "handoff_claim", value: chat.conversation }),
      expect.objectContaining({ action_id: "handoff_close", value: chat.conversation }),
      expect.objectContaining({ action_id: "handoff_return", value: chat.conversation }),
      expect.objectContaining({
        action_id: "customer_block",
        value: JSON.stringify({ conversation: chat.conversation, channel: "test", userId: "user-1" }),
      }),
    ]);
  });

  it("while queued, the customer's messages and the bot's answers appear in the thread", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    await chat.send("What payment methods do you accept?");
    const lines = threadPosts(ref).map((call) => String(call.args.text));
    expect(lines[0]).toBe("*Customer:* What payment methods do you accept?");
    expect(lines[1]).toMatch(/^_Bot:_ \S/);
    expect(lines[1]).not.toMatch(/\*\*/);
  });

  it("answers Slack's url_verification challenge", async () => {
    h = await startSlackHarness();
    const body = JSON.stringify({
      token: "legacy",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const response = await postSigned(h.eventsUrl, body, JSON_TYPE);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("Claim, thread reply, note, customer messages and Close travel both ways", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);

    await press(h, "handoff_claim", chat.conversation, ref);
    expect(sentOn(h.app).at(-1)?.message.text).toBe("Mina from support has joined the conversation.");
    const claimed = h.api.callsTo("chat.update").at(-1);
    expect(claimed?.args).toMatchObject({ channel: ref.channel, ts: ref.ts });
    expect(JSON.stringify(claimed?.args.blocks)).toContain("Claimed by *Mina*");
    expect(buttonsOf(claimed)).toHaveLength(4);
    expect(threadPosts(ref).map((call) => call.args.text)).toContain("Mina claimed the conversation");

    await say(
      h,
      ref,
      "I see the *declined* charge, _retrying_ it: <https://pay.example.com/r?a=1&amp;b=2|retry page> &lt;3 <@JOON0001> <!here>",
    );
    expect(sentOn(h.app).at(-1)?.message.text).toBe(
      "**Mina:** I see the **declined** charge, *retrying* it: [retry page](https://pay.example.com/r?a=1&b=2) <3",
    );

    const before = sentOn(h.app).length;
    await say(h, ref, "Note: bank says the card expired");
    expect(sentOn(h.app)).toHaveLength(before);

    // While Mina owns it the bot stays silent: 10 customer messages, 10 thread lines, 0 bot answers.
    for (let i = 0; i < 10; i++) {
      const turn = await chat.send(`still there? <!channel> ${i}`);
      expect(turn.replies).toEqual([]);
    }
    expect(sentOn(h.app)).toHaveLength(before);
    const customerLines = threadPosts(ref).filter((call) => String(call.args.text).startsWith("*Customer"));
    expect(customerLines.map((call) => call.args.text)).toEqual(
      Array.from({ length: 10 }, (_, i) => `*Customer:* still there? &lt;!channel&gt; ${i}`),
    );
    expect(threadPosts(ref).filter((call) => String(call.args.text).startsWith("_Bot:_"))).toEqual([]);
    // Agent replies and notes were written in Slack: they are not echoed into the thread.
    expect(threadPosts(ref).some((call) => /bank says|retry page/.test(String(call.args.text)))).toBe(false);

    const ticketId = (await h.app.handoff.get(chat.conversation))?.packet.ticket?.id ?? "";
    const beforeClose = sentOn(h.app).length;
    await press(h, "handoff_close", chat.conversation, ref);
    const told = sentOn(h.app).slice(beforeClose);
    expect(told[0]?.message.text).toMatch(/Mina has closed this conversation/);
    // Closing solves the ticket and asks the customer for a rating (the CSAT buttons).
    expect((await h.app.tickets.store.get(ticketId))?.status).toBe("solved");
    expect(
      told.some((sent) => /rate/i.test(sent.message.text) && (sent.message.buttons?.length ?? 0) > 0),
    ).toBe(true);
    const closed = h.api.callsTo("chat.update").at(-1);
    expect(JSON.stringify(closed?.args.blocks)).toContain("Closed");
    expect(buttonsOf(closed)).toEqual([]);
    expect(await h.app.handoff.get(chat.conversation)).toBeUndefined();
  });

  it("mentions in a reply are resolved with users.info", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    await press(h, "handoff_claim", chat.conversation, ref);
    await say(h, ref, `<@${JOON}> will follow up by email`);
    expect(sentOn(h.app).at(-1)?.message.text).toBe("**Mina:** @Joon will follow up by email");
  });

  it("Return to bot: the customer is told, the packet loses its buttons, the bot answers again", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    await press(h, "handoff_claim", chat.conversation, ref);
    await press(h, "handoff_return", chat.conversation, ref);
    expect(sentOn(h.app).at(-1)?.message.text).toMatch(/back with the assistant/);
    const returned = h.api.callsTo("chat.update").at(-1);
    expect(JSON.stringify(returned?.args.blocks)).toContain("Returned to the bot");
    expect(buttonsOf(returned)).toEqual([]);
    const answer = await chat.send("What payment methods do you accept?");
    expect(answer.trace.action).toBe("answer");
  });

  it("a second person's Claim is refused privately, naming who holds the conversation", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    await press(h, "handoff_claim", chat.conversation, ref);
    const before = sentOn(h.app).length;
    await press(h, "handoff_claim", chat.conversation, ref, JOON);
    expect(sentOn(h.app)).toHaveLength(before);
    expect(h.api.callsTo("chat.postEphemeral").at(-1)?.args).toMatchObject({
      channel: ref.channel,
      user: JOON,
      text: expect.stringContaining("Mina is already handling this conversation"),
    });
    await say(h, ref, "I can take this one", JOON);
    expect(sentOn(h.app)).toHaveLength(before);
    expect(h.api.callsTo("chat.postEphemeral").at(-1)?.args).toMatchObject({ user: JOON, thread_ts: ref.ts });
  });

  it("ignores bots, its own messages, edits, other threads and repeated deliveries", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    await press(h, "handoff_claim", chat.conversation, ref);
    const before = sentOn(h.app).length;
    const ignored = [
      threadMessage({ channel: ref.channel, threadTs: ref.ts, user: BOT_USER_ID, text: "echo" }),
      threadMessage({
        channel: ref.channel,
        threadTs: ref.ts,
        text: "bot says",
        bot_id: "BOTHER01",
        subtype: "bot_message",
      }),
      threadMessage({
        channel: ref.channel,
        threadTs: ref.ts,
        user: MINA,
        text: "edited",
        subtype: "message_changed",
      }),
      threadMessage({ channel: ref.channel, threadTs: "1699999999.000001", user: MINA, text: "elsewhere" }),
      threadMessage({ channel: ref.channel, threadTs: ref.ts, user: MINA, text: "/remind me later" }),
    ];
    for (const { body } of ignored) expect((await postSigned(h.eventsUrl, body, JSON_TYPE)).status).toBe(200);
    expect(sentOn(h.app)).toHaveLength(before);

    const once = threadMessage({ channel: ref.channel, threadTs: ref.ts, user: MINA, text: "only once" });
    await postSigned(h.eventsUrl, once.body, JSON_TYPE);
    const retry = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
    await postSigned(h.eventsUrl, once.body, JSON_TYPE, { headers: retry });
    expect(
      sentOn(h.app)
        .slice(before)
        .map((sent) => sent.message.text),
    ).toEqual(["**Mina:** only once"]);
  });

  it("rejects forged signatures and stale timestamps with 401, and relays nothing", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    await press(h, "handoff_claim", chat.conversation, ref);
    const before = sentOn(h.app).length;
    const { body } = threadMessage({ channel: ref.channel, threadTs: ref.ts, user: MINA, text: "forged" });
    const forged = await postSigned(h.eventsUrl, body, JSON_TYPE, { secret: "not-the-signing-secret" });
    expect(forged.status).toBe(401);
    const stale = await postSigned(h.eventsUrl, body, JSON_TYPE, {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    const unsigned = await fetch(h.eventsUrl, {
      method: "POST",
      headers: { "content-type": JSON_TYPE },
      body,
    });
    expect(unsigned.status).toBe(401);
    const tampered = await postSigned(h.eventsUrl, body, JSON_TYPE, {
      signature: "v0=0000000000000000000000000000000000000000000000000000000000000000",
    });
    expect(tampered.status).toBe(401);
    expect(sentOn(h.app)).toHaveLength(before);
  });

  it("acknowledges first and processes after when processBeforeResponse is off (Slack's 3 s limit)", async () => {
    h = await startSlackHarness({ processBeforeResponse: false });
    const { chat, ref } = await escalated(h);
    await press(h, "handoff_claim", chat.conversation, ref);
    await expect
      .poll(() => sentOn(h.app).at(-1)?.message.text)
      .toBe("Mina from support has joined the conversation.");
    // The packet shows the claim (and, in a second update, its ticket now open).
    await expect
      .poll(() =>
        h.api.callsTo("chat.update").some((call) => JSON.stringify(call.args.blocks).includes("Claimed by")),
      )
      .toBe(true);
  });
});
