import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TICKET_MODAL_ID } from "../../../../adapters/channels/discord/ticket-modal.ts";
import { privacyMessages } from "../../../../flows/privacy/privacy-messages.ts";
import { handoffMessages } from "../../../../src/handoff/handoff-messages.ts";
import { ticketMessages } from "../../../../src/tickets/ticket-messages.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { scriptedUnderstander } from "../../../helpers/scripted-understander.ts";
import { type DiscordHarness, startDiscordHarness } from "./discord-harness.ts";
import type { StoredMessage } from "./emulator/payloads.ts";
import { type EmulatedUser, IDS, USERS } from "./emulator/world.ts";

/**
 * Issue 7's acceptance through the real core: privacy moves, the ticket modal, and a person's
 * replies relayed into the customer's private thread. Intents are scripted so the flows' decisions
 * do not depend on the offline models.
 */
const understander = scriptedUnderstander([
  { pattern: /refund|환불/i, intent: "refund_request" },
  { pattern: /charged twice|이중 결제/i, intent: "billing_problem" },
]);

const poll = <T>(read: () => T) => expect.poll(read, { timeout: 5_000, interval: 10 });
const MINA = { id: "U-mina", name: "Mina" };

describe.skipIf(!hasFixtureKb)("Discord acceptance through the core (issue 7)", () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startDiscordHarness({ understander });
  });
  afterAll(() => h?.close());

  const repliesTo = (message: StoredMessage) =>
    h.emulator
      .botMessages(message.channel_id)
      .filter(
        (reply) =>
          (reply.message_reference as { message_id?: string } | undefined)?.message_id === message.id,
      );
  const privateThreads = () =>
    [...h.emulator.state.channels.values()].filter((channel) => channel.type === 12).map(({ id }) => id);
  const webhookPosts = (token: string) =>
    h.emulator.requests("POST", new RegExp(`^/webhooks/${IDS.bot}/${token}$`));
  const originalEdits = (token: string) =>
    h.emulator.requests("PATCH", new RegExp(`^/webhooks/${IDS.bot}/${token}/messages/@original$`));
  const tickets = (user: EmulatedUser) => h.app.tickets.store.listByCustomer("discord", user.id);

  /** A refund question in #general, moved to a new private thread; resolves with the thread's id. */
  async function askRefundInPublic(user: EmulatedUser, content: string): Promise<string> {
    const before = new Set(privateThreads());
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content,
      mentionBot: true,
      author: user,
    });
    await poll(() => h.results.has(question.id)).toBe(true);
    const thread = privateThreads().find((id) => !before.has(id));
    if (!thread) throw new Error("no private thread was opened");
    return thread;
  }

  it("moves a refund question from a public channel into a private thread and answers it there", async () => {
    const before = new Set(privateThreads());
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "Can I get a refund?",
      mentionBot: true,
    });
    await poll(() => h.results.get(question.id)?.trace.flow).toBe("privacy-guard");
    const threadId = privateThreads().find((id) => !before.has(id)) ?? "";
    const conversation = `discord:${IDS.general}:${threadId}`;

    // The adapter's openPrivateConversation: an invite-only private thread with the user in it.
    expect(
      h.emulator.requests("POST", new RegExp(`^/channels/${IDS.general}/threads$`)).at(-1)?.body,
    ).toMatchObject({ type: 12, invitable: false });
    expect(h.emulator.state.channels.get(threadId)).toMatchObject({ type: 12, parent_id: IDS.general });
    expect(
      h.emulator.requests("PUT", new RegExp(`^/channels/${threadId}/thread-members/${IDS.alice}$`)),
    ).toHaveLength(1);

    // In public only the notice, quoting the question.
    expect(repliesTo(question).map((reply) => reply.content)).toEqual([
      privacyMessages.t("en", "private.moved"),
    ]);
    expect(h.results.get(question.id)?.replies.map((reply) => reply.text)).toEqual([
      privacyMessages.t("en", "private.moved"),
    ]);

    // The question is carried over: the follow-up turn runs in the thread and answers there.
    const inThread = h.emulator.botMessages(threadId);
    expect(inThread[0]?.content).toContain(`<@&${IDS.staffRole}>`);
    expect(inThread[1]?.content).toContain("refund you within 14 days");
    expect(inThread[1]?.message_reference).toBeUndefined();
    const turns = await h.app.transcript.list(conversation);
    expect(turns.at(-1)).toMatchObject({
      eventId: `${question.id}:follow-up:0`,
      text: "Can I get a refund?",
      trace: { action: "answer", faqId: "refund-policy" },
    });
    // Everything said in the thread afterwards is for the bot, as a private conversation.
    const next = h.emulator.userMessage({ channelId: threadId, content: "How do I reset my password?" });
    await poll(() => h.results.get(next.id)?.trace.faqId).toBe("password-reset");
    expect(h.events.find((event) => event.id === next.id)).toMatchObject({ conversation, scope: "private" });
  });

  it("answers /ticket with a modal and opens the ticket from its submission, ephemerally", async () => {
    const dm = h.emulator.state.openDm(IDS.alice);
    const command = h.emulator.slashCommand({ name: "ticket", channelId: dm.id, user: USERS.alice });
    await poll(() => h.emulator.state.interactions.get(command.id)?.callbackType).toBe(9);
    const modal = h.emulator.state.interactions.get(command.id)?.callbackData;
    expect(modal).toMatchObject({
      custom_id: TICKET_MODAL_ID,
      title: "Open a support ticket",
      components: [
        {
          type: 18,
          label: "What happened?",
          component: { type: 4, custom_id: "description", style: 2, required: true, max_length: 4000 },
        },
        {
          type: 18,
          label: "Order number (optional)",
          component: { type: 4, custom_id: "order", style: 1, required: false, max_length: 64 },
        },
      ],
    });
    // Showing the form is the whole response: the core hears nothing until it is submitted.
    expect(h.events.map((event) => event.id)).not.toContain(command.id);

    const submit = h.emulator.submitModal({
      customId: TICKET_MODAL_ID,
      channelId: dm.id,
      user: USERS.alice,
      values: { description: "I was charged twice for the same prompt", order: "PM-20240117" },
    });
    await poll(() => originalEdits(submit.token)).toHaveLength(1);
    expect(h.emulator.requests("POST", new RegExp(`^/interactions/${submit.id}/`))[0]?.body).toEqual({
      type: 5,
      data: { flags: 64 },
    });
    expect(h.events.find((event) => event.id === submit.id)).toMatchObject({
      type: "command",
      command: "ticket",
      args: "I was charged twice for the same prompt",
      fields: { description: "I was charged twice for the same prompt", orderNumber: "PM-20240117" },
      conversation: `discord:${dm.id}`,
    });
    const [ticket] = await tickets(USERS.alice);
    expect(ticket).toMatchObject({
      category: "billing",
      orderNumber: "PM-20240117",
      // The description is what was typed in its box: the order number stays in its own field.
      description: "I was charged twice for the same prompt",
      address: `discord:${dm.id}`,
    });
    // The acknowledgement replaces the deferred response, which only the user can see.
    // The acknowledgement is an embed (title, description, team/priority/due fields).
    const embeds = originalEdits(submit.token)[0]?.body.embeds as
      | { title: string; description: string }[]
      | undefined;
    const embed = embeds?.[0];
    expect(embed?.title).toBe(`Ticket ${ticket?.id}`);
    expect(embed?.description).toContain(`I've opened ticket **${ticket?.id}**`);
    const original = h.emulator.state.interactions.get(submit.id)?.messageId ?? "";
    expect(h.emulator.state.messages.get(original)).toMatchObject({ flags: 64 });
  });

  it("asks for the category with buttons when the form does not say, and the press opens the ticket", async () => {
    const dm = h.emulator.state.openDm(IDS.minsu);
    const command = h.emulator.slashCommand({ name: "ticket", channelId: dm.id, user: USERS.minsu });
    await poll(() => h.emulator.state.interactions.get(command.id)?.callbackType).toBe(9);
    const submit = h.emulator.submitModal({
      customId: TICKET_MODAL_ID,
      channelId: dm.id,
      user: USERS.minsu,
      values: { description: "Something odd happened with my stuff yesterday evening", order: "" },
    });
    // The reply reaches Discord before `bot.handle` resolves (it delivers, then returns): wait for
    // the turn's result itself rather than assume it is recorded once the edit is seen.
    await poll(() => h.results.get(submit.id)?.replies[0]?.text).toBe(
      ticketMessages.t("en", "ticket.askCategory"),
    );
    expect(originalEdits(submit.token)).toHaveLength(1);
    const asked = h.emulator.state.messages.get(
      h.emulator.state.interactions.get(submit.id)?.messageId ?? "",
    );
    expect(asked?.flags).toBe(64);
    type Row = { components: { label: string; custom_id: string }[] };
    const buttons = ((asked?.components ?? []) as Row[]).flatMap((row) => row.components);
    const technical = buttons.find((button) => button.label === "Technical problem");
    expect(technical, JSON.stringify(buttons)).toBeDefined();

    const press = h.emulator.pressButton({
      message: asked as StoredMessage,
      customId: technical?.custom_id ?? "",
      user: USERS.minsu,
    });
    await poll(() => webhookPosts(press.token)).toHaveLength(1);
    const [ticket] = await tickets(USERS.minsu);
    expect(ticket).toMatchObject({
      category: "technical",
      description: "Something odd happened with my stuff yesterday evening",
      orderNumber: null,
    });
    const followUp = webhookPosts(press.token)[0]?.body;
    const embed = (followUp?.embeds as { description: string }[] | undefined)?.[0];
    expect(embed?.description).toContain(`I've opened ticket **${ticket?.id}**`);
    // Pressed on an ephemeral message, so answered ephemerally too; the buttons are disabled.
    expect(followUp?.flags).toBe(64);
    type Disabled = { components: { disabled?: boolean }[] };
    const disabled = ((originalEdits(press.token)[0]?.body.components ?? []) as Disabled[]).flatMap(
      (row) => row.components,
    );
    expect(disabled.length).toBeGreaterThan(0);
    expect(disabled.every((button) => button.disabled === true)).toBe(true);
  });

  it("keeps a ticket form submitted in a public channel out of it: the ticket is opened in a private thread", async () => {
    const before = new Set(privateThreads());
    const command = h.emulator.slashCommand({ name: "ticket", channelId: IDS.general, user: USERS.alice });
    await poll(() => h.emulator.state.interactions.get(command.id)?.callbackType).toBe(9);
    const submit = h.emulator.submitModal({
      customId: TICKET_MODAL_ID,
      channelId: IDS.general,
      user: USERS.alice,
      values: { description: "Please refund the prompt I bought twice", order: "PM-778899" },
    });
    await poll(() => h.results.has(submit.id)).toBe(true);
    expect(String(originalEdits(submit.token)[0]?.body.content)).toBe(
      privacyMessages.t("en", "private.moved"),
    );
    const threadId = privateThreads().find((id) => !before.has(id)) ?? "";
    const ack = h.emulator.botMessages(threadId).at(-1);
    const embed = (ack?.embeds as { description: string }[] | undefined)?.[0];
    expect(embed?.description).toMatch(/^I've opened ticket \*\*T-\d+\*\* \(Billing/);
    const opened = (await tickets(USERS.alice)).find((ticket) => ticket.orderNumber === "PM-778899");
    expect(opened?.address).toBe(`discord:${IDS.general}:${threadId}`);
  });

  it("relays a person's replies into the customer's thread and stays silent while they own it", async () => {
    const threadId = await askRefundInPublic(USERS.alice, "I want a refund, the prompt is broken");
    const conversation = `discord:${IDS.general}:${threadId}`;
    const human = h.emulator.userMessage({ channelId: threadId, content: "/human" });
    await poll(() => h.results.get(human.id)?.trace.action).toBe("escalate");
    expect(h.emulator.botMessages(threadId).at(-1)?.content).toContain(
      handoffMessages.t("en", "escalate.text"),
    );
    expect(await h.app.handoff.get(conversation)).toMatchObject({ packet: { status: "queued" } });

    await h.app.handoff.claim(conversation, MINA);
    await h.app.handoff.reply(conversation, MINA, "I can see the **double charge**; refunding it now.");
    const [joined, relayed] = h.emulator.botMessages(threadId).slice(-2);
    expect(joined?.content).toBe("Mina from support has joined the conversation.");
    expect(relayed?.content).toBe("**Mina:** I can see the **double charge**; refunding it now.");
    expect(
      h.emulator.requests("POST", new RegExp(`^/channels/${threadId}/messages$`)).at(-1)?.body,
    ).toMatchObject({ allowed_mentions: { parse: [] } });

    const sent = h.emulator.botMessages(threadId).length;
    const thanks = h.emulator.userMessage({ channelId: threadId, content: "Thanks, how long will it take?" });
    await poll(() => h.results.get(thanks.id)?.trace.flow).toBe("handoff-relay");
    expect(h.results.get(thanks.id)?.replies).toEqual([]);
    expect(h.emulator.botMessages(threadId)).toHaveLength(sent);
    const lines = (await h.app.localDesk?.lines(conversation)) ?? [];
    expect(lines.at(-1)).toMatchObject({ from: "customer", text: "Thanks, how long will it take?" });
  });

  it("hands over with the /human slash command in a Korean thread; the claim and reply arrive there", async () => {
    const threadId = await askRefundInPublic(USERS.minsu, "환불 받을 수 있나요?");
    const conversation = `discord:${IDS.general}:${threadId}`;
    expect(h.emulator.botMessages(threadId).at(-1)?.content).toContain("14일 이내에 환불");
    const slash = h.emulator.slashCommand({
      name: "human",
      channelId: threadId,
      user: USERS.minsu,
      locale: "ko",
    });
    await poll(() => originalEdits(slash.token)).toHaveLength(1);
    expect(String(originalEdits(slash.token)[0]?.body.content)).toContain(
      handoffMessages.t("ko", "escalate.text"),
    );
    expect(h.events.find((event) => event.id === slash.id)).toMatchObject({ conversation, scope: "private" });

    await h.app.handoff.claim(conversation, MINA);
    await h.app.handoff.reply(conversation, MINA, "확인해 볼게요.");
    expect(
      h.emulator
        .botMessages(threadId)
        .slice(-2)
        .map((message) => message.content),
    ).toEqual(["상담원 Mina님이 대화에 참여했어요.", "**Mina:** 확인해 볼게요."]);
  });
});
