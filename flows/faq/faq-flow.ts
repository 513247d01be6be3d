import type { TurnContext } from "../../src/core/context.ts";
import type { Flow } from "../../src/core/flow.ts";
import type { SupportedLanguage } from "../../src/i18n/catalog.ts";
import type { KnowledgeService } from "../../src/kb/knowledge-service.ts";
import type { KbEntry, KnowledgeBase } from "../../src/kb/schema.ts";
import type { UnansweredLog } from "../../src/kb/unanswered-log.ts";
import type { Button } from "../../src/model/outbound.ts";
import { DEFAULT_THRESHOLDS, decideFaq, type FaqThresholds } from "./decide.ts";

export interface FaqFlowOptions {
  knowledge: KnowledgeService;
  unanswered?: UnansweredLog;
  thresholds?: FaqThresholds;
}

/** Action of the "talk to a person" button; handled by the handoff flow. */
export const HUMAN_ACTION = "handoff.request";

function localized<T>(map: Record<string, T>, language: string, fallback: string): T | undefined {
  return map[language] ?? map[fallback];
}

function entryTitle(entry: KbEntry, language: SupportedLanguage, kb: KnowledgeBase): string {
  return localized(entry.questions, language, kb.defaultLocale)?.[0] ?? entry.id;
}

/** Sends an entry's answer in the turn's language, with its links as buttons. */
function answerWith(ctx: TurnContext, entry: KbEntry, kb: KnowledgeBase): void {
  const text = localized(entry.answer, ctx.language, kb.defaultLocale) ?? "";
  const links: Button[] = (entry.links ?? []).map((link) => ({
    kind: "link",
    label: link.label,
    url: link.url,
  }));
  ctx.reply(text.trim(), links);
}

function fallback(ctx: TurnContext, kb: KnowledgeBase): void {
  const examples = kb.entries
    .slice(0, 3)
    .map((entry) => `“${entryTitle(entry, ctx.language, kb)}”`)
    .join(ctx.t("topics.separator"));
  ctx.reply(ctx.t("fallback.text", { topics: examples }), [
    { kind: "action", label: ctx.t("fallback.human"), action: HUMAN_ACTION },
  ]);
  ctx.act("fallback");
}

/**
 * Answers questions from the knowledge base: a confident answer, a clarify turn offering the
 * closest entries as buttons, or a fallback that offers a person. Unanswered questions are logged.
 */
export function createFaqFlow(options: FaqFlowOptions): Flow {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  return {
    name: "faq",
    actions: ["faq."],
    match: (ctx) => ctx.event.type === "message",
    async handle(ctx) {
      const { kb, retriever, entry } = options.knowledge.current();
      const event = ctx.event;
      if (event.type === "action") {
        const picked = event.action === "faq.pick" && event.value ? entry(event.value) : undefined;
        if (picked) {
          answerWith(ctx, picked, kb);
          ctx.act("answer", { faqId: picked.id });
          return;
        }
        if (event.action === "faq.pick") ctx.reply(ctx.t("clarify.expired"));
        const last = ctx.state.memory.faqLastQuestion;
        if (typeof last === "string" && last !== "") {
          await options.unanswered?.record({ text: last, language: ctx.language, nearest: [] });
        }
        fallback(ctx, kb);
        return;
      }
      if (ctx.text.trim() === "") {
        ctx.reply(ctx.t("empty.text"));
        ctx.act("fallback");
        return;
      }
      const candidates = retriever.search(ctx.text, 3);
      const trace = { candidates: candidates.map((c) => ({ id: c.id, score: round(c.score) })) };
      const decision = decideFaq(candidates, thresholds);
      if (decision.kind === "answer") {
        const chosen = entry(decision.entryId);
        if (chosen) {
          answerWith(ctx, chosen, kb);
          ctx.act("answer", { ...trace, faqId: chosen.id });
          return;
        }
      }
      ctx.state.memory.faqLastQuestion = ctx.text.slice(0, 500);
      if (decision.kind === "clarify") {
        const buttons: Button[] = decision.options.flatMap((option) => {
          const found = entry(option.id);
          return found
            ? [
                {
                  kind: "action" as const,
                  label: truncate(entryTitle(found, ctx.language, kb), 80),
                  action: "faq.pick",
                  value: found.id,
                },
              ]
            : [];
        });
        buttons.push({ kind: "action", label: ctx.t("clarify.none"), action: "faq.none" });
        ctx.reply(ctx.t("clarify.text"), buttons);
        ctx.act("clarify", trace);
        return;
      }
      await options.unanswered?.record({ text: ctx.text, language: ctx.language, nearest: trace.candidates });
      fallback(ctx, kb);
      Object.assign(ctx.trace, trace.candidates.length > 0 ? trace : {});
    },
  };
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
