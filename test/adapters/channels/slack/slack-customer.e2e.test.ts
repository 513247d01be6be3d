import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSlackCustomerAdapter,
  type SlackCustomerAdapter,
} from "../../../../adapters/channels/slack/slack-customer-adapter.ts";
import { faqMessages } from "../../../../flows/faq/faq-messages.ts";
import { privacyMessages } from "../../../../flows/privacy/privacy-messages.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { handoffMessages } from "../../../../src/handoff/handoff-messages.ts";
import type { InboundEventInput } from "../../../../src/model/events.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { firstSentence, plainText, type TurnTracker, trackTurns } from "../../contract/contract-helpers.ts";
import { BOT_USER_ID, type SlackCall } from "../../desks/slack/fake-slack-api.ts";
import {
  DESK_CHANNEL,
  JSON_TYPE,
  MINA,
  postSigned,
  type SlackHarness,
  startSlackHarness,
  threadMessage,
} from "../../desks/slack/slack-harness.ts";

const SUPPORT = "CSUPPORT01";
const RANDOM = "CRANDOM001";
const CUSTOMERS = {
  en: { id: "UCUSTEN01", dm: "DCUSTEN01", locale: "en-US" },
  ko: { id: "UCUSTKO01", dm: "DCUSTKO01", locale: "ko-KR" },
};

let sequence = 0;

/** An Events API envelope around `event`, as Slack posts it. */
function envelope(event: Record<string, unknown>): { body: string; eventId: string; ts: string } {
  sequence++;
  const ts = `1700003000.${String(sequence).padStart(6, "0")}`;
  const eventId = `EvCust${String(sequence).padStart(6, "0")}`;
  const body = JSON.stringify({
    token: "legacy",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { ts, event_ts: ts, ...event },
    authorizations: [{ team_id: "T0001", user_id: BOT_USER_ID, is_bot: true }],
  });
  return { body, eventId, ts };
}

describe.skipIf(!hasFixtureKb)("Slack as a customer channel (Bolt's receiver + local Slack Web API)", () => {
  let h: SlackHarness;
  let adapter: SlackCustomerAdapter;
  let tracker: TurnTracker;
  const seen: InboundEventInput[] = [];

  beforeAll(async () => {
    adapter = createSlackCustomerAdapter({
      supportChannels: [SUPPORT],
      deskChannels: [DESK_CHANNEL, "CBILL0001", "CTECH0001"],
      logger: createSilentLogger(),
      streamIntervalMs: 10,
    });
    h = await startSlackHarness({ customers: adapter });
    for (const customer of Object.values(CUSTOMERS))
      h.api.users.set(customer.id, { name: customer.id.toLowerCase(), locale: customer.locale });
    h.app.channels.register(adapter);
    tracker = trackTurns(h.app.bot);
    await adapter.start({
      handle: (event) => {
        seen.push(event);
        return tracker.port.handle(event);
      },
      reportUndeliverable: (conversation, reason) => tracker.port.reportUndeliverable(conversation, reason),
    });
  });
  afterAll(async () => {
    await adapter?.stop();
    await h?.close();
  });

  const posts = (from: number, channel?: string) =>
    h.api.calls
      .slice(from)
      .filter(
        (call) =>
          call.method === "chat.postMessage" && (channel === undefined || call.args.channel === channel),
      );
  const plain = (call: SlackCall | undefined) =>
    plainText(String(call?.args.text ?? "").replace(/\*([^*]+)\*/g, "$1"));
  const kbAnswer = (id: string, language: "en" | "ko") =>
    firstSentence(plainText(h.app.knowledge.current().entry(id)?.answer[language] ?? id));

  /** Posts a signed event and waits for the turn it starts. */
  async function deliver(body: string, label: string, headers: Record<string, string> = {}): Promise<number> {
    const from = h.api.calls.length;
    const done = tracker.expectTurn(label);
    const response = await postSigned(h.eventsUrl, body, JSON_TYPE, { headers });
    expect(response.status).toBe(200);
    await done();
    return from;
  }

  async function ignored(body: string) {
    const turns = tracker.results.length;
    const response = await postSigned(h.eventsUrl, body, JSON_TYPE);
    expect(response.status).toBe(200);
    expect(tracker.results.length).toBe(turns);
  }

  const dm = (customer: (typeof CUSTOMERS)["en"], text: string) =>
    envelope({ type: "message", channel: customer.dm, channel_type: "im", user: customer.id, text });

  it("answers a direct message in English, asking users.info for the user's locale", async () => {
    const from = await deliver(dm(CUSTOMERS.en, "How do I reset my password?").body, "dm en");
    const [reply] = posts(from, CUSTOMERS.en.dm);
    expect(plain(reply)).toContain(kbAnswer("password-reset", "en"));
    expect(reply?.args.thread_ts).toBeUndefined();
    const asked = h.api.callsTo("users.info").filter((call) => call.args.user === CUSTOMERS.en.id);
    expect(asked).toEqual([
      expect.objectContaining({ args: expect.objectContaining({ include_locale: "true" }) }),
    ]);
    expect(seen.at(-1)?.user.locale).toBe("en-US");
    // Asked once: the next message reuses the locale.
    await deliver(dm(CUSTOMERS.en, "Thanks").body, "dm en again");
    expect(h.api.callsTo("users.info").filter((call) => call.args.user === CUSTOMERS.en.id)).toHaveLength(1);
  });

  it("Korean: a vague DM gets Block Kit buttons; the press updates the message (no second press) and answers", async () => {
    const from = await deliver(dm(CUSTOMERS.ko, "결제").body, "dm ko vague");
    const [asked] = posts(from, CUSTOMERS.ko.dm);
    expect(seen.at(-1)?.user.locale).toBe("ko-KR");
    const actions = (
      (asked?.args.blocks ?? []) as {
        type: string;
        elements?: { action_id: string; value: string; text: { text: string } }[];
      }[]
    ).find((block) => block.type === "actions");
    const labels = actions?.elements?.map((element) => element.text.text) ?? [];
    expect(labels.at(-1)).toBe(faqMessages.t("ko", "clarify.none"));
    const button = actions?.elements?.[0];
    const entry = h.app.knowledge
      .current()
      .kb.entries.find((candidate) => candidate.questions.ko?.[0] === button?.text.text);
    const payload = {
      type: "block_actions",
      team: { id: "T0001" },
      user: { id: CUSTOMERS.ko.id, username: "cust" },
      api_app_id: "A0001",
      token: "legacy",
      container: {
        type: "message",
        message_ts: "1700000000.000999",
        channel_id: CUSTOMERS.ko.dm,
        is_ephemeral: false,
      },
      trigger_id: "trigger.cust",
      channel: { id: CUSTOMERS.ko.dm },
      message: { type: "message", ts: "1700000000.000999", text: "", blocks: asked?.args.blocks },
      response_url: "http://127.0.0.1:9/unused",
      actions: [
        {
          type: "button",
          action_id: button?.action_id,
          block_id: "sb_choices",
          value: button?.value,
          action_ts: "1700004000.000001",
        },
      ],
    };
    const pressedAt = await deliver(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "press",
      { "content-type": "application/x-www-form-urlencoded" },
    );
    const update = h.api.calls.slice(pressedAt).find((call) => call.method === "chat.update");
    expect(JSON.stringify(update?.args.blocks)).not.toContain('"actions"');
    expect(JSON.stringify(update?.args.blocks)).toContain(button?.text.text ?? "(none)");
    expect(posts(pressedAt, CUSTOMERS.ko.dm).map(plain).join(" ")).toContain(kbAnswer(entry?.id ?? "", "ko"));
  });

  it("answers an @mention in any channel in a thread, without the mention", async () => {
    const mention = envelope({
      type: "app_mention",
      channel: RANDOM,
      user: CUSTOMERS.en.id,
      text: `<@${BOT_USER_ID}> How do I reset my password?`,
    });
    // Slack also sends the mention as a channel message: one answer, not two.
    await ignored(
      envelope({
        type: "message",
        channel: RANDOM,
        channel_type: "channel",
        user: CUSTOMERS.en.id,
        text: `<@${BOT_USER_ID}> How do I reset my password?`,
      }).body,
    );
    const from = await deliver(mention.body, "mention");
    const [reply] = posts(from, RANDOM);
    expect(reply?.args.thread_ts).toBe(mention.ts);
    expect(plain(reply)).toContain(kbAnswer("password-reset", "en"));
    const [turn] = await h.app.transcript.list(`slack:${RANDOM}:${mention.ts}`);
    expect(turn?.text).toBe("How do I reset my password?");
  });

  it("takes every message in a support channel (a Slack Connect user too), answering in its thread; desk channels stay the desk's", async () => {
    const question = envelope({
      type: "message",
      channel: SUPPORT,
      channel_type: "channel",
      user: "UEXTERN01",
      user_team: "TOTHERORG",
      text: "비밀번호를 잊어버렸어요",
    });
    const from = await deliver(question.body, "support ko");
    const [reply] = posts(from, SUPPORT);
    expect(reply?.args.thread_ts).toBe(question.ts);
    expect(plain(reply)).toContain(kbAnswer("password-reset", "ko"));
    await ignored(
      envelope({
        type: "message",
        channel: DESK_CHANNEL,
        channel_type: "channel",
        user: CUSTOMERS.en.id,
        text: "How do I reset my password?",
      }).body,
    );
    await ignored(
      envelope({
        type: "message",
        channel: RANDOM,
        channel_type: "channel",
        user: CUSTOMERS.en.id,
        text: "How do I reset my password?",
      }).body,
    );
  });

  it("drops Slack's retry of an event (X-Slack-Retry-Num, same event_id)", async () => {
    const event = dm(CUSTOMERS.en, "How do I reset my password?");
    await deliver(event.body, "first delivery");
    const before = posts(0, CUSTOMERS.en.dm).length;
    const turns = (await h.app.transcript.list(`slack:${CUSTOMERS.en.dm}`)).length;
    const done = tracker.expectTurn("retry");
    const response = await postSigned(h.eventsUrl, event.body, JSON_TYPE, {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(response.status).toBe(200);
    await done();
    expect(posts(0, CUSTOMERS.en.dm)).toHaveLength(before);
    expect(await h.app.transcript.list(`slack:${CUSTOMERS.en.dm}`)).toHaveLength(turns);
  });

  it.each([
    ["en", CUSTOMERS.en],
    ["ko", CUSTOMERS.ko],
  ] as const)(
    "%s: a hand-off goes to the desk channel and the person's thread reply comes back to the customer's DM",
    async (language, customer) => {
      const conversation = `slack:${customer.dm}`;
      const from = await deliver(dm(customer, "/human").body, `human ${language}`);
      expect(posts(from, customer.dm).map(plain).join(" ")).toContain(
        plainText(handoffMessages.t(language, "escalate.text")),
      );
      const record = await h.app.handoff.get(conversation);
      const ref = record?.deskRef;
      expect(ref?.channel).toBeDefined();
      await h.app.handoff.claim(conversation, { id: MINA, name: "Mina" });
      const before = h.api.calls.length;
      const reply = threadMessage({
        channel: String(ref?.channel),
        threadTs: String(ref?.ts),
        user: MINA,
        text: "I'm checking your account now.",
      });
      const response = await postSigned(h.eventsUrl, reply.body, JSON_TYPE);
      expect(response.status).toBe(200);
      await expect
        .poll(() => posts(before, customer.dm).map(plain))
        .toEqual([expect.stringContaining("I'm checking your account now.")]);
    },
  );

  it("continues a support-channel conversation from replies in its thread", async () => {
    const question = envelope({
      type: "message",
      channel: SUPPORT,
      channel_type: "channel",
      user: CUSTOMERS.en.id,
      text: "How do I reset my password?",
    });
    await deliver(question.body, "support question");
    const followUp = envelope({
      type: "message",
      channel: SUPPORT,
      channel_type: "channel",
      user: CUSTOMERS.en.id,
      thread_ts: question.ts,
      text: "/human",
    });
    const from = await deliver(followUp.body, "support follow-up");
    const [reply] = posts(from, SUPPORT);
    expect(reply?.args.thread_ts).toBe(question.ts);
    expect(plain(reply)).toContain(plainText(handoffMessages.t("en", "escalate.text")));
    expect(await h.app.transcript.list(`slack:${SUPPORT}:${question.ts}`)).toHaveLength(2);
  });

  it("moves a personal matter (/ticket) raised in a support channel to a DM and goes on there", async () => {
    const question = envelope({
      type: "message",
      channel: SUPPORT,
      channel_type: "channel",
      user: "UPRIVATE01",
      text: "/ticket",
    });
    const from = await deliver(question.body, "private matter");
    await expect
      .poll(() => h.api.calls.slice(from).some((call) => call.method === "conversations.open"))
      .toBe(true);
    const open = h.api.calls.slice(from).find((call) => call.method === "conversations.open");
    expect(open?.args.users).toBe("UPRIVATE01");
    const [moved] = posts(from, SUPPORT);
    expect(moved?.args.thread_ts).toBe(question.ts);
    expect(plain(moved)).toBe(plainText(privacyMessages.t("en", "private.moved")));
    await expect.poll(() => posts(from, "DPRIVATE01").length).toBeGreaterThan(0);
  });

  it("streams an answer by chat.update on the posted message", async () => {
    const stream = await adapter.openStream?.(
      { address: { channel: "slack", conversation: CUSTOMERS.en.dm } },
      { text: "Looking" },
    );
    const posted = h.api.callsTo("chat.postMessage").at(-1);
    expect(posted?.args.text).toBe("Looking");
    await stream?.update("Looking it up");
    await stream?.finish({ text: "Here is the **answer**." });
    const updates = h.api.callsTo("chat.update").filter((call) => call.args.channel === CUSTOMERS.en.dm);
    expect(updates.at(-1)?.args.text).toBe("Here is the *answer*.");
    expect(new Set(updates.map((call) => call.args.ts))).toEqual(new Set([expect.any(String)]));
  });

  it("shows the channel on /healthz", async () => {
    const health = (await (await fetch(`${h.baseUrl}/healthz`)).json()) as {
      channels: Record<string, { status: string }>;
    };
    expect(health.channels.slack?.status).toBe("up");
  });
});
