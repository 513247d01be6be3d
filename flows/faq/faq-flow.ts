import type { TurnContext } from "../../src/core/context.ts";
import { coreMessages } from "../../src/core/core-messages.ts";
import type { Feature } from "../../src/core/feature.ts";
import type { SupportedLanguage } from "../../src/i18n/languages.ts";
import type { FaqSearchResult } from "../../src/kb/engine/faq-engine.ts";
import { contentWords } from "../../src/kb/engine/message-parts.ts";
import { faqTrace } from "../../src/kb/faq-trace.ts";
import type { KnowledgeService } from "../../src/kb/knowledge-service.ts";
import type { KbEntry, KnowledgeBase } from "../../src/kb/schema.ts";
import type { UnansweredLog } from "../../src/kb/unanswered-log.ts";
import type { Llm } from "../../src/llm/create-llm.ts";
import {
  type GroundedAnswer,
  type GroundedQuestion,
  type GroundedResult,
  isGroundedAnswer,
} from "../../src/llm/grounded-answer.ts";
import { llmTrace } from "../../src/llm/llm-trace.ts";
import { countLlmTokens } from "../../src/llm/usage-slice.ts";
import type { Button, OutboundMessage } from "../../src/model/outbound.ts";
import { ticketMessages } from "../../src/tickets/ticket-messages.ts";
import {
  answeredTopic,
  rememberAnswered,
  STEPS_ACTION,
  stepsButton,
  stepsOf,
  wantsSteps,
} from "./answer-depth.ts";
import { typedPick } from "./clarify-pick.ts";
import { decideParts, engineDecision } from "./decide.ts";
import { searchFaqOnce, searchText } from "./faq-confidence.ts";
import { faqMemory, updateFaqMemory } from "./faq-memory.ts";
import { faqMessages } from "./faq-messages.ts";
import { type FaqLlmAssist, rerankClarify, standaloneQuestion } from "./llm-assist.ts";
import { offersTicketAfterAnswer } from "./ticket-offer.ts";
import { setFaqTopic } from "./topic.ts";

/** Where 👍/👎 on answers are recorded (the ticket store keeps them per KB entry). */
export interface FaqFeedbackRecorder {
  record(feedback: { entryId: string; helpful: boolean; language: string }): Promise<void>;
}

export interface FaqFlowOptions {
  knowledge: KnowledgeService;
  unanswered?: UnansweredLog;
  feedback?: FaqFeedbackRecorder;
  /** Offer "open a ticket" when the bot cannot help (the ticket flow handles `ticket.start`). */
  offerTicket?: boolean;
  /**
   * Optional LLM: phrases the answer from the retrieved entries, citing them; offline otherwise.
   * With `streamAnswer`, channels that edit messages see the answer as it is written.
   */
  llm?: Pick<Llm, "answerFromKb"> & Partial<Pick<Llm, "streamAnswer">> & FaqLlmAssist;
}

/** Action of the "talk to a person" button; handled by the handoff flow. */
export const HUMAN_ACTION = "handoff.request";

function localized<T>(map: Record<string, T>, language: string, fallback: string): T | undefined {
  return map[language] ?? map[fallback];
}

function entryTitle(entry: KbEntry, language: SupportedLanguage, kb: KnowledgeBase): string {
  return localized(entry.questions, language, kb.defaultLocale)?.[0] ?? entry.id;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

/**
 * Answers questions from the knowledge base: a confident answer (with 👍/👎 feedback buttons), a
 * clarify turn offering the closest entries as buttons, or a fallback that says what the bot can
 * do and offers a person (and a ticket). Unanswered questions are logged for the FAQ-gap report.
 */
export function faqFeature(options: FaqFlowOptions): Feature {
  function helpButtons(ctx: TurnContext): Button[] {
    const buttons: Button[] = [
      { kind: "action", label: faqMessages.t(ctx, "fallback.human"), action: HUMAN_ACTION },
    ];
    if (options.offerTicket)
      buttons.push({
        kind: "action",
        label: ticketMessages.t(ctx, "ticket.offerButton"),
        action: "ticket.start",
      });
    return buttons;
  }

  function answerWith(ctx: TurnContext, entry: KbEntry, kb: KnowledgeBase, phrased?: string): void {
    ctx.reply(answerMessage(ctx, entry, kb, phrased));
  }

  /** An entry's answer (or the LLM's phrasing of it) with its links and the 👍/👎 buttons. */
  function answerMessage(
    ctx: TurnContext,
    entry: KbEntry,
    kb: KnowledgeBase,
    phrased?: string,
  ): OutboundMessage {
    const text = phrased ?? localized(entry.answer, ctx.language, kb.defaultLocale) ?? "";
    const buttons: Button[] = (entry.links ?? []).map((link) => ({
      kind: "link",
      label: link.label,
      url: link.url,
    }));
    rememberAnswered(ctx, entry.id);
    buttons.push(...stepsButton(ctx, entry, kb));
    return withFeedback(ctx, entry, text, buttons);
  }

  /** Answer first: after answering a symptom, a ticket is offered that starts from the customer's words. */
  function offerTicketAfter(ctx: TurnContext): void {
    if (!options.offerTicket || !offersTicketAfterAnswer(ctx)) return;
    updateFaqMemory(ctx.state, { lastQuestion: ctx.text.slice(0, 500) });
    ctx.reply(faqMessages.t(ctx, "faq.ticketOffer"), [
      { kind: "action", label: ticketMessages.t(ctx, "ticket.offerButton"), action: "ticket.start" },
    ]);
  }

  /** The entry's step-by-step variant (the customer pressed the button, is new, or asked again). */
  function stepsMessage(ctx: TurnContext, entry: KbEntry, kb: KnowledgeBase): OutboundMessage | undefined {
    const steps = stepsOf(entry, ctx.language, kb);
    if (!steps) return undefined;
    rememberAnswered(ctx, entry.id);
    const buttons: Button[] = (entry.links ?? []).map((link) => ({
      kind: "link",
      label: link.label,
      url: link.url,
    }));
    return withFeedback(ctx, entry, `${faqMessages.t(ctx, "faq.stepsIntro")}\n\n${steps}`, buttons);
  }

  /** The conversation's answered topic, step by step (when its entry has a step-by-step variant). */
  function walkThroughTopic(
    ctx: TurnContext,
    kb: KnowledgeBase,
    entry: (id: string) => KbEntry | undefined,
  ): { id: string; message: OutboundMessage } | undefined {
    const topic = answeredTopic(ctx);
    const found = topic === undefined ? undefined : entry(topic);
    const message = found ? stepsMessage(ctx, found, kb) : undefined;
    return found && message ? { id: found.id, message } : undefined;
  }

  function withFeedback(ctx: TurnContext, entry: KbEntry, text: string, buttons: Button[]): OutboundMessage {
    if (options.feedback) {
      buttons.push(
        {
          kind: "action",
          label: faqMessages.t(ctx, "faq.helpful"),
          action: "faq.feedback",
          value: `${entry.id}:up`,
        },
        {
          kind: "action",
          label: faqMessages.t(ctx, "faq.notHelpful"),
          action: "faq.feedback",
          value: `${entry.id}:down`,
        },
      );
    }
    return buttons.length > 0 ? { text: text.trim(), buttons } : { text: text.trim() };
  }

  function fallback(ctx: TurnContext, kb: KnowledgeBase): void {
    const examples = kb.entries
      .slice(0, 3)
      .map((entry) => `“${entryTitle(entry, ctx.language, kb)}”`)
      .join(faqMessages.t(ctx, "topics.separator"));
    ctx.reply(faqMessages.t(ctx, "fallback.text", { topics: examples }), helpButtons(ctx));
    ctx.act("fallback");
  }

  /**
   * Asks the LLM (when configured) to answer from the retrieved entries. Its answer counts only when
   * it cites entries it was given; otherwise the KB answer is sent verbatim. The trace says which.
   */
  async function groundedAnswer(
    ctx: TurnContext,
    question: GroundedQuestion,
  ): Promise<{ text: string; citedIds: string[] } | undefined> {
    if (!options.llm) return undefined;
    return recordLlm(ctx, await options.llm.answerFromKb(question));
  }

  /** Puts what the LLM did on the trace; the answer when it is grounded. */
  function recordLlm(ctx: TurnContext, result: GroundedResult): GroundedAnswer | undefined {
    if (!isGroundedAnswer(result)) {
      llmTrace.write(ctx.trace, {
        llm: { fallback: result.fallback, ...(result.usage ? { tokens: result.usage.totalTokens } : {}) },
      });
      return undefined;
    }
    llmTrace.write(ctx.trace, {
      llm: { citedIds: result.citedIds, tokens: result.usage.totalTokens, cached: result.cached },
    });
    return result;
  }

  /**
   * Where the channel edits messages, the grounded answer is shown as the model writes it; the final
   * edit is the validated answer, or the chosen entry's KB answer verbatim when it is not grounded
   * (a bad citation, a promise the KB does not make, a timeout) or the stream failed.
   */
  async function streamGroundedAnswer(
    ctx: TurnContext,
    question: GroundedQuestion,
    chosen: KbEntry,
    kb: KnowledgeBase,
    entry: (id: string) => KbEntry | undefined,
  ): Promise<KbEntry> {
    let result: GroundedResult | undefined;
    async function* deltas(): AsyncGenerator<string> {
      for await (const event of options.llm?.streamAnswer?.(question) ?? []) {
        if (event.type === "delta") yield event.text;
        else result = event.result;
      }
    }
    let answered = chosen;
    await ctx.replyStream(deltas(), () => {
      const grounded = recordLlm(ctx, result ?? { fallback: "upstream_error" });
      const cited = grounded?.citedIds[0] ? entry(grounded.citedIds[0]) : undefined;
      answered = cited ?? chosen;
      return answerMessage(ctx, answered, kb, grounded?.text);
    });
    return answered;
  }

  /**
   * A message asking several things: answers each confident part and offers the entry of each
   * part the engine is unsure about. False when no part is confident (the whole message decides).
   */
  function answerParts(
    ctx: TurnContext,
    result: FaqSearchResult,
    kb: KnowledgeBase,
    entry: (id: string) => KbEntry | undefined,
  ): boolean {
    const { answer, offer } = decideParts(result);
    const answered = answer.flatMap((id) => entry(id) ?? []);
    if (answered.length === 0) return false;
    for (const found of answered) answerWith(ctx, found, kb);
    const offered = offer.flatMap((id) => entry(id) ?? []);
    if (offered.length > 0) {
      const buttons: Button[] = offered.map((found) => ({
        kind: "action",
        label: truncate(entryTitle(found, ctx.language, kb), 80),
        action: "faq.pick",
        value: found.id,
      }));
      ctx.reply(faqMessages.t(ctx, "clarify.text"), buttons);
    }
    ctx.act(
      "answer",
      faqTrace.with({
        candidates: [...answered, ...offered].map((found) => ({
          id: found.id,
          score: round(
            Math.max(
              0,
              ...(result.parts ?? []).flatMap((part) =>
                part.candidates.filter((c) => c.entryId === found.id).map((c) => c.score),
              ),
            ),
          ),
        })),
        faqId: answered[0]?.id,
      }),
    );
    return true;
  }

  async function feedback(ctx: TurnContext, value: string | undefined, kb: KnowledgeBase): Promise<void> {
    const [entryId, vote] = (value ?? "").split(":");
    const entry = entryId ? kb.entries.find((candidate) => candidate.id === entryId) : undefined;
    if (!entry || (vote !== "up" && vote !== "down")) {
      ctx.reply(coreMessages.t(ctx, "clarify.expired"));
      ctx.act("fallback");
      return;
    }
    await options.feedback?.record({ entryId: entry.id, helpful: vote === "up", language: ctx.language });
    if (vote === "up") {
      ctx.reply(faqMessages.t(ctx, "faq.thanksHelpful"));
      ctx.act("answer", faqTrace.with({ faqId: entry.id }));
    } else {
      ctx.reply(faqMessages.t(ctx, "faq.sorryNotHelpful"), helpButtons(ctx));
      ctx.act("fallback", faqTrace.with({ faqId: entry.id }));
    }
  }

  async function handle(ctx: TurnContext): Promise<void> {
    const { kb, entry } = options.knowledge.current();
    const event = ctx.event;
    if (event.type === "action") {
      if (event.action === "faq.feedback") return feedback(ctx, event.value, kb);
      const stepsFor = event.action === STEPS_ACTION && event.value ? entry(event.value) : undefined;
      const steps = stepsFor ? stepsMessage(ctx, stepsFor, kb) : undefined;
      if (stepsFor && steps) {
        ctx.reply(steps);
        ctx.act("answer", faqTrace.with({ faqId: stepsFor.id }));
        return;
      }
      const picked = event.action === "faq.pick" && event.value ? entry(event.value) : undefined;
      if (picked) {
        answerWith(ctx, picked, kb);
        ctx.act("answer", faqTrace.with({ faqId: picked.id }));
        return;
      }
      if (event.action === "faq.pick") ctx.reply(coreMessages.t(ctx, "clarify.expired"));
      const last = faqMemory(ctx.state).lastQuestion;
      if (last !== undefined && last !== "") {
        await options.unanswered?.record({
          text: last,
          language: ctx.language,
          nearest: [],
          conversation: ctx.conversation,
        });
      }
      fallback(ctx, kb);
      return;
    }
    if (ctx.text.trim() === "") {
      ctx.reply(faqMessages.t(ctx, "empty.text"));
      ctx.act("fallback");
      return;
    }
    // A typed answer to the clarify question ("the second one", "두 번째", the entry's title).
    const typed = typedPick(ctx.text, ctx.state.offeredButtons);
    const picked = typed === undefined ? undefined : entry(typed);
    if (picked) {
      answerWith(ctx, picked, kb);
      ctx.act("answer", faqTrace.with({ faqId: picked.id }));
      return;
    }
    const snapshot = options.knowledge.current();
    // "I'm new to this" / "처음이라 잘 모르겠어요" and nothing else, right after an answer: that answer, step by step.
    const walkThrough =
      ctx.understanding.newcomer && contentWords(searchText(ctx, snapshot)) === 0
        ? walkThroughTopic(ctx, kb, entry)
        : undefined;
    if (walkThrough) {
      ctx.reply(walkThrough.message);
      ctx.act("answer", faqTrace.with({ faqId: walkThrough.id }));
      return;
    }
    const searched = await standaloneQuestion(ctx, options.llm, snapshot);
    const result = searchFaqOnce(ctx, options.knowledge, searched);
    const trace = { candidates: result.candidates.map((c) => ({ id: c.entryId, score: round(c.score) })) };
    const recordGap = (outcome: "unanswered" | "clarified") =>
      options.unanswered?.record({
        text: ctx.text,
        language: ctx.language,
        nearest: trace.candidates,
        conversation: ctx.conversation,
        outcome,
      });
    if (result.parts && answerParts(ctx, result, kb, entry)) return;
    const decision = await rerankClarify(ctx, options.llm, searched, engineDecision(result), snapshot);
    if (decision.kind === "answer") {
      const chosen = entry(decision.entryId);
      const steps = chosen && wantsSteps(ctx, chosen, kb) ? stepsMessage(ctx, chosen, kb) : undefined;
      if (chosen && steps) {
        ctx.reply(steps);
        ctx.act("answer", faqTrace.with({ ...trace, faqId: chosen.id }));
        return;
      }
      if (chosen) {
        const question: GroundedQuestion = {
          question: ctx.text,
          language: ctx.language,
          entries: result.candidates.flatMap((candidate) => entry(candidate.entryId) ?? []),
          defaultLocale: kb.defaultLocale,
        };
        if (options.llm?.streamAnswer && ctx.canStream) {
          const answered = await streamGroundedAnswer(ctx, question, chosen, kb, entry);
          ctx.act("answer", faqTrace.with({ ...trace, faqId: answered.id }));
          offerTicketAfter(ctx);
          return;
        }
        const grounded = await groundedAnswer(ctx, question);
        const cited = grounded?.citedIds[0] ? entry(grounded.citedIds[0]) : undefined;
        answerWith(ctx, cited ?? chosen, kb, grounded?.text);
        ctx.act("answer", faqTrace.with({ ...trace, faqId: (cited ?? chosen).id }));
        offerTicketAfter(ctx);
        return;
      }
    }
    // "I'm new to this, can you help?" right after an answer, with nothing the FAQ knows: that answer, step by step.
    const previous = ctx.understanding.newcomer ? walkThroughTopic(ctx, kb, entry) : undefined;
    if (previous) {
      ctx.reply(previous.message);
      ctx.act("answer", faqTrace.with({ ...trace, faqId: previous.id }));
      return;
    }
    updateFaqMemory(ctx.state, { lastQuestion: ctx.text.slice(0, 500) });
    setFaqTopic(ctx, decision.kind === "clarify" ? decision.options[0]?.id : undefined);
    if (decision.kind === "clarify") {
      const buttons: Button[] = decision.options.flatMap((option) => {
        const found = entry(option.id);
        if (!found) return [];
        const label = truncate(entryTitle(found, ctx.language, kb), 80);
        return [{ kind: "action" as const, label, action: "faq.pick", value: found.id }];
      });
      buttons.push({ kind: "action", label: faqMessages.t(ctx, "clarify.none"), action: "faq.none" });
      ctx.reply(faqMessages.t(ctx, "clarify.text"), buttons);
      ctx.act("clarify", faqTrace.with(trace));
      // A question the KB could only half match is a gap too: its wording may belong in an entry.
      await recordGap("clarified");
      return;
    }
    await recordGap("unanswered");
    fallback(ctx, kb);
    if (trace.candidates.length > 0) faqTrace.write(ctx.trace, trace);
  }

  return {
    name: "faq",
    messages: faqMessages,
    install(composer) {
      composer.after((ctx) => countLlmTokens(ctx.state, ctx.trace));
      composer.action("faq.", handle);
      // Last among the features that take free messages: any question nobody else took.
      composer.hears((ctx) => ctx.event.type === "message", handle);
    },
  };
}
