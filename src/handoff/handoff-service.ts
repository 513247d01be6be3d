import type { ProactiveContext } from "../core/proactive.ts";
import type { Llm } from "../llm/create-llm.ts";
import type { DeskRef } from "./desk.ts";
import { markBlockedOnDesk } from "./desk-blocks.ts";
import { createDeskTicketItems } from "./desk-ticket-items.ts";
import { escalationPacket } from "./escalation-packet.ts";
import type { HandoffService, HandoffServiceOptions } from "./handoff-api.ts";
import { createHandoffLimits } from "./handoff-limits.ts";
import { handoffMessages } from "./handoff-messages.ts";
import { createHandoffRecords } from "./handoff-records.ts";
import { transferOnDesk, transferredOwnership } from "./handoff-transfer.ts";
import type { HandoffRecord } from "./handoff-types.ts";
import {
  type Agent,
  BOT_OWNED,
  claim,
  enqueue,
  leaseExpired,
  type Ownership,
  ownershipOf,
  release,
  setOwnership,
  touch,
} from "./ownership.ts";

export type { HandoffService, HandoffServiceOptions } from "./handoff-api.ts";
export type * from "./handoff-types.ts";

/**
 * The hand-off between the bot and people: the ownership state machine per conversation
 * (`bot → queued → human → bot`), the packet on the desk, and the relay both ways.
 */
export function createHandoffService(options: HandoffServiceOptions): HandoffService {
  const leaseMs = options.leaseMs ?? 30 * 60 * 1000;
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: "handoff" });
  const { desk, index } = options;

  const records = createHandoffRecords({ index, desk, logger: log, now, ttlMs: options.ttlMs });
  const { relay, save, keepAlive } = records;
  const record = records.require;
  const ticketItems = createDeskTicketItems({ records, desk, logger: log, now });

  /** A customer line for the desk, with a translation when the desk reads another language. */
  async function withTranslation(text: string, language: string): Promise<string> {
    if (!options.llm || language === options.llm.deskLanguage) return text;
    const translated = await options.llm.translate(text, options.llm.deskLanguage, { from: language });
    return translated ? `${text}\n↳ ${translated}` : text;
  }

  /**
   * A person's lease lapsed: the conversation goes back to the bot, and its item stays on the desk,
   * unassigned, with a line saying why, for the next person free (the customer need not ask again);
   * the ticket is nobody's again.
   */
  async function lapseLease(
    state: Parameters<typeof setOwnership>[0],
    conversation: string,
    ownership: Ownership,
  ): Promise<void> {
    setOwnership(state, release(ownership, now()));
    const found = await index.get(conversation);
    if (!found) return;
    const agent = found.packet.agent?.name ?? "The person";
    await save(conversation, found, { status: "queued" });
    await relay(found, {
      from: "system",
      text: `Lease expired: ${agent} went quiet; the conversation is back with the bot and unassigned here, for the next person free`,
    }).catch((error: unknown) =>
      log.error({ err: error, conversation }, "the desk could not show the lapse"),
    );
    const ticketId = ticketOf(found, ownership);
    if (ticketId) await options.tickets?.onUnassigned?.(ticketId);
  }

  /** Runs a person's action on the conversation, under its lock. */
  function act(
    conversation: string,
    agent: Agent,
    task: (ctx: ProactiveContext, ownership: Ownership) => Promise<void>,
  ) {
    return options.customers.proactive(conversation, `agent:${agent.id}`, async (ctx) => {
      await task(ctx, ownershipOf(ctx.state) ?? BOT_OWNED);
    });
  }

  /** Hand-offs a customer waits on (form tickets on the desk are not waited on live). */
  const waitedOn = async () => (await service.list()).filter((found) => found.packet.kind !== "ticket");
  const refusalFor = options.cap
    ? createHandoffLimits({ cap: options.cap, open: waitedOn, logger: log })
    : async () => undefined;

  /** The ticket behind a conversation's desk item: the hand-off's, or the form ticket's. */
  const ticketOf = (found: HandoffRecord, ownership: Ownership) =>
    ownership.ticketId ?? found.packet.ticket?.id;

  const service: HandoffService = {
    async escalate(ctx, request) {
      const current = ownershipOf(ctx.state) ?? BOT_OWNED;
      const next = enqueue(current, { ...request, at: now() });
      setOwnership(ctx.state, next);
      if (current.status !== "bot") {
        const existing = await index.get(ctx.conversation);
        if (existing && existing.packet.priority !== next.priority && next.priority) {
          await save(ctx.conversation, existing, { priority: next.priority });
        }
        return next;
      }
      const refusal = await refusalFor(ctx);
      if (refusal) {
        setOwnership(ctx.state, current);
        return { ...current, refusal };
      }
      const entries = await options.transcript.list(ctx.conversation);
      const ticket = await options.tickets?.open(ctx, request, entries);
      const packet = await escalationPacket(ctx, request, {
        entries,
        ticket,
        llm: options.llm as Llm | undefined,
        now: now(),
      });
      // A form ticket already on the desk becomes this hand-off: same Slack post, same thread.
      const onDesk = await index.get(ctx.conversation);
      let deskRef: DeskRef;
      try {
        if (onDesk) await desk.update(onDesk.deskRef, packet);
        deskRef = onDesk?.deskRef ?? (await desk.open(packet));
      } catch (error) {
        log.error(
          { err: error, conversation: ctx.conversation },
          "no desk could be reached: the hand-off failed",
        );
        setOwnership(ctx.state, current);
        options.onEvent?.({ type: "failed", packet, message: (error as Error).message });
        return current;
      }
      next.deskRef = deskRef;
      if (ticket) next.ticketId = ticket.id;
      await index.set(ctx.conversation, { packet, deskRef, updatedAt: now() }, options.ttlMs);
      log.info(
        { conversation: ctx.conversation, reason: request.reason, priority: request.priority },
        "escalated to a person",
      );
      options.onEvent?.({ type: "initiated", packet, transcript: entries });
      return ticket?.customerNotice ? { ...next, notice: ticket.customerNotice } : next;
    },

    async relayCustomer(ctx) {
      const found = await index.get(ctx.conversation);
      if (!found) return;
      await keepAlive(ctx.conversation, found);
      const ticketId = found.packet.ticket?.id;
      if (ticketId && ctx.text.trim() !== "") await options.tickets?.onCustomerMessage?.(ticketId, ctx.text);
      if (ctx.text.trim() !== "") {
        await relay(found, {
          from: "customer",
          text: await withTranslation(ctx.text, ctx.language),
          ...(ctx.user.displayName ? { name: ctx.user.displayName } : {}),
        });
      }
      for (const reply of ctx.replies) await relay(found, { from: "bot", text: reply.text });
    },

    async withdraw(ctx, reason) {
      const current = ownershipOf(ctx.state) ?? BOT_OWNED;
      if (current.status === "bot") return false;
      setOwnership(ctx.state, release(current, now()));
      const found = await index.get(ctx.conversation);
      if (!found) return true;
      await relay(found, { from: "system", text: `Request withdrawn: ${reason}` }).catch((error: unknown) =>
        log.error({ err: error, conversation: ctx.conversation }, "the desk could not show the withdrawal"),
      );
      const saved = await save(ctx.conversation, found, { status: "closed" });
      await index.delete(ctx.conversation);
      log.info({ conversation: ctx.conversation, reason }, "hand-off withdrawn");
      options.onEvent?.({ type: "completed", packet: saved.packet, message: `withdrawn: ${reason}` });
      return true;
    },

    async queuePosition(conversation) {
      const waiting = (await waitedOn()).filter((found) => found.packet.status === "queued");
      const at = waiting.findIndex((found) => found.packet.conversation === conversation);
      return at === -1 ? undefined : at + 1;
    },

    async claim(conversation, agent) {
      await act(conversation, agent, async (ctx, ownership) => {
        const found = await record(conversation);
        const alreadyMine = ownership.status === "human" && ownership.agent?.id === agent.id;
        setOwnership(ctx.state, claim(ownership, agent, now(), leaseMs));
        if (alreadyMine) return;
        ctx.reply(handoffMessages.t(ctx, "handoff.joined", { agent: agent.name }));
        const saved = await save(conversation, found, { status: "human", agent });
        await relay(found, { from: "system", text: `${agent.name} claimed the conversation` });
        options.onEvent?.({ type: "accepted", packet: saved.packet });
        const ticketId = ticketOf(found, ownership);
        if (ticketId) await options.tickets?.onClaimed?.(ticketId, agent);
      });
    },

    async reply(conversation, agent, text) {
      await act(conversation, agent, async (ctx, ownership) => {
        const found = await record(conversation);
        if (ownership.status !== "human" || ownership.agent?.id !== agent.id) {
          setOwnership(ctx.state, claim(ownership, agent, now(), leaseMs));
          ctx.reply(handoffMessages.t(ctx, "handoff.joined", { agent: agent.name }));
          await save(conversation, found, { status: "human", agent });
          const ticketId = ticketOf(found, ownership);
          if (ticketId) await options.tickets?.onClaimed?.(ticketId, agent);
        } else {
          setOwnership(ctx.state, touch(ownership, now(), leaseMs));
          await keepAlive(conversation, found);
        }
        // The customer reads their own language; the ticket and the desk keep the original.
        const translated =
          options.llm && ctx.language !== options.llm.deskLanguage
            ? await options.llm.translate(text, ctx.language, { from: options.llm.deskLanguage })
            : undefined;
        ctx.reply(`**${agent.name}:** ${translated ?? text}`);
        await relay(found, { from: "agent", text, name: agent.name });
        const ticketId = ticketOf(found, ownership);
        if (ticketId) await options.tickets?.onAgentReply?.(ticketId, agent, text);
      });
    },

    async note(conversation, agent, text) {
      const found = await record(conversation);
      await relay(found, { from: "note", text, name: agent.name });
      const ticketId = found.packet.ticket?.id;
      if (ticketId) await options.tickets?.onNote?.(ticketId, agent, text);
    },

    async close(conversation, agent) {
      await act(conversation, agent, async (ctx, ownership) => {
        const found = await record(conversation);
        setOwnership(ctx.state, release(ownership, now()));
        ctx.reply(handoffMessages.t(ctx, "handoff.closed", { agent: agent.name }));
        const saved = await save(conversation, found, { status: "closed" });
        await index.delete(conversation);
        options.onEvent?.({ type: "completed", packet: saved.packet, message: `closed by ${agent.name}` });
        const ticketId = ticketOf(found, ownership);
        if (ticketId) await options.tickets?.onClosed?.(ticketId, agent, ctx);
      });
    },

    async returnToBot(conversation, agent) {
      await act(conversation, agent, async (ctx, ownership) => {
        const found = await record(conversation);
        setOwnership(ctx.state, release(ownership, now()));
        ctx.reply(handoffMessages.t(ctx, "handoff.returned"));
        const saved = await save(conversation, found, { status: "bot" });
        await index.delete(conversation);
        options.onEvent?.({
          type: "completed",
          packet: saved.packet,
          message: `returned to the bot by ${agent.name}`,
        });
      });
    },

    async alertUnclaimed(conversation, text) {
      const found = await index.get(conversation);
      if (found?.packet.status !== "queued") return false;
      // Slack's alert is itself a thread line (with the team mention); other desks get a system line.
      if (desk.alert) await desk.alert(found.deskRef, found.packet, text);
      else await relay(found, { from: "system", text });
      return true;
    },

    ...ticketItems,

    async transfer(conversation, agent, request) {
      let ticketId: string | undefined;
      await act(conversation, agent, async (ctx, ownership) => {
        const found = await record(conversation);
        setOwnership(ctx.state, transferredOwnership(ownership, found, request.to, now(), leaseMs));
        await transferOnDesk({ records, desk, logger: log }, conversation, found, agent, request);
        ticketId = ticketOf(found, ownership);
      });
      if (ticketId) await options.tickets?.onTransferred?.(ticketId, agent, request);
    },

    async expireLeases() {
      let expired = 0;
      for (const found of await service.list()) {
        if (found.packet.status !== "human") continue;
        await options.customers.proactive(found.packet.conversation, "handoff:lease", async (ctx) => {
          const ownership = ownershipOf(ctx.state) ?? BOT_OWNED;
          if (!leaseExpired(ownership, now())) return;
          ctx.reply(handoffMessages.t(ctx, "handoff.expired"));
          await lapseLease(ctx.state, found.packet.conversation, ownership);
          expired++;
        });
      }
      return expired;
    },

    async leaseLapsed(ctx) {
      const ownership = ownershipOf(ctx.state) ?? BOT_OWNED;
      if (ownership.status !== "human") return;
      await lapseLease(ctx.state, ctx.conversation, ownership);
    },

    list: records.list,

    get: (conversation) => index.get(conversation),

    markBlocked: (customer, blocked, line) =>
      markBlockedOnDesk({ records, desk, logger: log, now }, customer, blocked, line),
  };
  return service;
}
