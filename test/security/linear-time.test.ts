/**
 * Every regex and parser that runs on customer (or staff) text must take time linear in the input:
 * a quadratic pattern turns one long message into seconds of blocked event loop for everyone
 * (issue 11: the amount patterns took 16.8 s on an 80 KB message).
 *
 * Each function runs on adversarial inputs of 10 KB and 100 KB. A linear function takes ~10× as
 * long on the larger one; a quadratic one ~100×. The test fails above 35×. Times are process CPU
 * time (not wall time, which other processes on a loaded machine inflate), the minimum of several
 * runs, with a floor under the 10 KB time so sub-millisecond noise cannot fail it.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { createComponentCodec } from "../../adapters/channels/discord/component-codec.ts";
import { questionText } from "../../adapters/channels/discord/discord-events.ts";
import { renderOutbound } from "../../adapters/channels/discord/discord-render.ts";
import {
  htmlToPlain,
  renderTelegramParts,
  visibleLength,
} from "../../adapters/channels/telegram/render-html.ts";
import { parseCommand, translateMessage } from "../../adapters/channels/telegram/translate-update.ts";
import { escapeMrkdwn, mentionedUserIds, mrkdwnToMarkdown } from "../../adapters/desks/slack/mrkdwn.ts";
import { splitThreadReply } from "../../adapters/desks/slack/slack-inbound.ts";
import { isCancel, isDescriptive, isNoOrder, subjectFrom } from "../../flows/tickets/ticket-form.ts";
import { normalizeInbound } from "../../src/core/inbound-normalize.ts";
import { splitText } from "../../src/core/outbound-adapt.ts";
import {
  escalationPolicySchema,
  evaluateEscalation,
  mentionedAmount,
} from "../../src/handoff/escalation-policy.ts";
import { summarizeTranscript } from "../../src/handoff/summary.ts";
import { properNouns } from "../../src/kb/engine/analyze.ts";
import { createFaqEngine } from "../../src/kb/engine/faq-engine.ts";
import { loadKnowledgeBase } from "../../src/kb/load-kb.ts";
import { normalizeText as normalizeKbText } from "../../src/kb/normalize-text.ts";
import { checkGroundedOutput } from "../../src/llm/answer-guard.ts";
import { looksLikeInjection, stripInjectedSentences } from "../../src/llm/injection-guard.ts";
import { normalizeQuestion } from "../../src/llm/response-cache.ts";
import { escapeMarkdown } from "../../src/markdown/escape-markdown.ts";
import { parseMarkdown } from "../../src/markdown/parse.ts";
import { renderDiscordMarkdown } from "../../src/markdown/render-discord.ts";
import { renderHtml } from "../../src/markdown/render-html.ts";
import { renderPlain } from "../../src/markdown/render-plain.ts";
import { renderSlackMrkdwn } from "../../src/markdown/render-slack-mrkdwn.ts";
import { renderTelegramHtml } from "../../src/markdown/render-telegram-html.ts";
import { inboundEventSchema } from "../../src/model/events.ts";
import { placeholdersIn, redactPii } from "../../src/privacy/pii.ts";
import { extractOrderNumber, parseOrderNumberReply } from "../../src/tickets/order-number.ts";
import { scorePriority } from "../../src/tickets/priority.ts";
import { DEFAULT_FEATURE_CONFIG, extractHashedFeatures } from "../../src/understanding/features/hashing.ts";
import { normalizeText, tokenize } from "../../src/understanding/features/normalize.ts";
import { detectLanguage } from "../../src/understanding/language/detect-language.ts";
import { createOfflineUnderstander } from "../../src/understanding/offline-understander.ts";
import { scoreEnglish } from "../../src/understanding/sentiment/lexicon-en.ts";
import { scoreKorean } from "../../src/understanding/sentiment/lexicon-ko.ts";
import { detectSignals, emotionCues } from "../../src/understanding/sentiment/signals.ts";
import { createScriptUnderstander } from "../helpers/script-understander.ts";

const SMALL = 10_000;
const LARGE = 100_000;
/**
 * 10× the input may cost at most this many times as much. Linear is 10× in theory; measured on a
 * loaded 2-core machine, linear functions reach ~26× (garbage collection grows with the live heap
 * of a 100 KB run), and up to ~35× with a second test suite running beside this one (the Markdown
 * renderers failed 35 once in four such runs); the quadratic code this test was written against
 * measured 60–120×.
 */
const MAX_RATIO = 45;
/** The 10 KB time counts as at least this much (ms), so timer noise on tiny times cannot fail. */
const FLOOR_MS = 2;

const repeat =
  (unit: string) =>
  (length: number): string =>
    unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const endingWith =
  (unit: string, end: string) =>
  (length: number): string =>
    repeat(unit)(length - end.length) + end;
const between =
  (start: string, unit: string, end: string) =>
  (length: number): string =>
    start + repeat(unit)(length - start.length - end.length) + end;

/** Inputs that make naive patterns backtrack: long runs that almost match, and then do not. */
const INPUTS: Record<string, (length: number) => string> = {
  "digit run": repeat("1"),
  "digit run then 원": endingWith("1", "원"),
  "digit run then USD": endingWith("1", " USD"),
  "1,1,1,…": repeat("1,"),
  "1.1.1.…": repeat("1."),
  "1 1 1 …": repeat("1 "),
  "1-1-1-…": repeat("1-"),
  "$$$…": repeat("$"),
  "$1$1…": repeat("$1"),
  "₩1₩1…": repeat("₩1"),
  "1만 1만 …": repeat("1만 "),
  "+111…": repeat(`+${"1".repeat(30)}`),
  "010-010-…": repeat("010-"),
  "*_*_…": repeat("*_"),
  "***…": repeat("*"),
  "**a **a …": repeat("**a "),
  "*a *a …": repeat("*a "),
  "_a _a …": repeat("_a "),
  "[[[…": repeat("["),
  "[a](…": repeat("[a]("),
  "[a](http://…": repeat("[a](http://"),
  "(((…": repeat("("),
  "```a…": repeat("```a"),
  "`a\\n…": repeat("`a\n"),
  "<<<…": repeat("<"),
  "<@U1|…": repeat("<@U1|"),
  '<a href="x">…': repeat('<a href="x">'),
  "spaces then x": endingWith(" ", "x"),
  "order + spaces": between("order", " ", "!"),
  "order #…": repeat("order #"),
  "주문 주문 …": repeat("주문 "),
  "newlines then x": endingWith("\n", "x"),
  "\\n \\n …": repeat("\n "),
  "\\n1\\n1…": repeat("\n1"),
  "- - - …": repeat("- "),
  "@@@…": repeat("@"),
  "a@a@…": repeat("a@"),
  "a.a.a.…@": endingWith("a.", "@"),
  "@bot @bot …": repeat("@switchboard_bot "),
  "????…x": endingWith("?", "x"),
  "!?!?…": repeat("!?"),
  "ABC ABC …": repeat("ABC "),
  "ignore all …": repeat("ignore all "),
  "a. a. …": repeat("a. "),
  "aaa…": repeat("a"),
  "Hangul run": repeat("가"),
  "mixed scripts": repeat("a가1!한😀ё"),
  "lone surrogates": repeat("\ud800"),
  "a + lone low surrogate": repeat("a\udc00"),
  // micromark's own worst cases (Markdown is parsed with it): nesting, tables, fences.
  "> > > …": repeat("> "),
  "1. 1. 1. …": repeat("1. "),
  "  - nested list": (length) =>
    Array.from({ length: length / 4 }, (_, i) => `${" ".repeat(i % 60)}- a`)
      .join("\n")
      .slice(0, length),
  "a|b table rows": repeat("a|b\n-|-\n"),
  "fence then *_*_…": (length) => `\`\`\`\n${repeat("*_")(length - 4)}`,
  "![a](…": repeat("![a]("),
  "[x]: y definitions": repeat("[x]: y\n"),
  "~~a ~~a …": repeat("~~a "),
};

const policy = escalationPolicySchema.parse({});
const refund = { name: "refund_request", confidence: 0.9 };
const understander = createOfflineUnderstander();
const demoEngine = createFaqEngine(
  loadKnowledgeBase(new URL("../../kb/demo-kb.yaml", import.meta.url).pathname),
);
const scriptUnderstander = createScriptUnderstander();
const groundedOutput = JSON.stringify({ citedIds: ["refunds"], answer: "Refunds take 5 days." });
const button = { kind: "action" as const, label: "Yes", action: "yes" };
const me = { id: 42, username: "switchboard_bot" };
const discordCodec = createComponentCodec();

/** Everything that reads customer or staff text, by module. */
const SUBJECTS: Record<string, (text: string) => unknown> = {
  "escalation-policy mentionedAmount": (text) => mentionedAmount(text, 1300),
  "escalation-policy evaluateEscalation": (text) =>
    evaluateEscalation(policy, { userKey: "web:1", text, intent: refund }),
  "pii redactPii + restore": (text) => {
    const redaction = redactPii(text);
    return redaction.restore(redaction.text);
  },
  "pii placeholdersIn": (text) => placeholdersIn(text),
  "language detectLanguage": (text) => detectLanguage(text, "en"),
  "order-number extractOrderNumber": (text) => extractOrderNumber(text),
  "order-number parseOrderNumberReply": (text) => parseOrderNumberReply(text),
  "ticket-form helpers": (text) => [isCancel(text), isNoOrder(text), subjectFrom(text), isDescriptive(text)],
  "inbound event schema": (text) =>
    inboundEventSchema.parse({
      type: "message",
      id: "1",
      conversation: "web:abc",
      user: { channel: "web", id: "u1" },
      text,
    }),
  "inbound-normalize normalizeInbound": (text) =>
    normalizeInbound(
      { type: "message", id: "1", conversation: "web:abc", user: { channel: "web", id: "u1" }, text },
      [button],
    ),
  "inbound-normalize command": (text) =>
    normalizeInbound(
      {
        type: "message",
        id: "1",
        conversation: "web:abc",
        user: { channel: "web", id: "u1" },
        text: `/ticket ${text}`,
      },
      [],
    ),
  "kb normalizeText": (text) => normalizeKbText(text),
  "kb properNouns": (text) => properNouns(text),
  "kb engine search": (text) => demoEngine.search(text, { language: "en" }),
  "features normalizeText (no cap)": (text) =>
    tokenize(normalizeText(text, { maxChars: Number.POSITIVE_INFINITY })),
  "features hashed (capped)": (text) => extractHashedFeatures(text, DEFAULT_FEATURE_CONFIG),
  "sentiment detectSignals": (text) => detectSignals(text),
  "sentiment emotionCues": (text) => emotionCues(text),
  "sentiment scoreEnglish": (text) => scoreEnglish(text),
  "sentiment scoreKorean": (text) => scoreKorean(text),
  "offline understander": (text) => understander.understand(text, { language: "en" }),
  "script understander": (text) => scriptUnderstander.understand(text, {}),
  "injection-guard": (text) => [looksLikeInjection(text), stripInjectedSentences(text)],
  "response-cache normalizeQuestion": (text) => normalizeQuestion(text),
  "answer-guard numbers": (text) =>
    checkGroundedOutput(groundedOutput, {
      entryIds: new Set(["refunds"]),
      entryText: new Map([["refunds", "Refunds take 5 days."]]),
      question: text,
      placeholders: new Set(),
    }),
  "handoff summary": (text) => summarizeTranscript([], text),
  "tickets priority": (text) => scorePriority({ category: "billing", text }),
  "outbound splitText": (text) => splitText(text, 4000),
  "markdown parseMarkdown": (text) => parseMarkdown(text),
  "markdown escapeMarkdown": (text) => escapeMarkdown(text),
  "markdown renderHtml (web)": (text) => renderHtml(text),
  "markdown renderTelegramHtml": (text) => renderTelegramHtml(text),
  "markdown renderSlackMrkdwn": (text) => renderSlackMrkdwn(text),
  "markdown renderDiscordMarkdown": (text) => renderDiscordMarkdown(text),
  "markdown renderPlain": (text) => renderPlain(text, { ansi: true }),
  "slack mrkdwnToMarkdown": (text) => mrkdwnToMarkdown(text, () => "Mina"),
  "slack mentionedUserIds": (text) => mentionedUserIds(text),
  "slack escapeMrkdwn": (text) => escapeMrkdwn(text),
  "slack thread reply": (text) => splitThreadReply(text),
  "telegram renderTelegramParts": (text) => renderTelegramParts(text),
  "telegram visibleLength + htmlToPlain": (text) => [visibleLength(text), htmlToPlain(text)],
  "telegram parseCommand": (text) => [parseCommand(text), parseCommand(`/start ${text}`)],
  "telegram translateMessage": (text) =>
    translateMessage(
      1,
      { message_id: 1, chat: { id: -5, type: "group" }, from: { id: 7, first_name: "Mina" }, text },
      me,
      {},
    ),
  "discord renderOutbound": (text) => renderOutbound({ text }, discordCodec),
  "discord questionText": (text) =>
    questionText(
      {
        id: "1",
        channel_id: "2",
        author: { id: "3", username: "mina" },
        content: text,
        timestamp: "2024-01-01T00:00:00.000Z",
        type: 0,
        mentions: [],
        attachments: [],
      } as Parameters<typeof questionText>[0],
      "123",
    ),
};

// A full garbage collection on demand, to re-measure a suspect case from a clean heap.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** CPU time of one call in ms: unlike wall time, other processes on the machine do not inflate it. */
function cpuMs(run: (text: string) => unknown, text: string, clean: boolean): number {
  if (clean) collectGarbage();
  const start = process.cpuUsage();
  run(text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function fastest(run: (text: string) => unknown, text: string, runs: number, clean = false): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, cpuMs(run, text, clean));
  return best;
}

/**
 * Times at 10 KB and 100 KB. A large time over budget is measured again, first as is (timer or
 * scheduling noise), then after a full collection before each run: garbage left by earlier cases,
 * or a collection that happens to fall in one run, is not the function's own cost.
 */
function measure(run: (text: string) => unknown, input: (length: number) => string) {
  const small = input(SMALL);
  const large = input(LARGE);
  run(small);
  let smallMs = fastest(run, small, 3);
  let largeMs = fastest(run, large, 1);
  const budget = () => MAX_RATIO * Math.max(smallMs, FLOOR_MS);
  // A clearly super-linear time is not noise: no need to sit through it again.
  if (largeMs > budget() && largeMs < 4 * budget()) largeMs = Math.min(largeMs, fastest(run, large, 2));
  if (largeMs > budget() && largeMs < 4 * budget()) {
    smallMs = Math.min(smallMs, fastest(run, small, 3, true));
    largeMs = Math.min(largeMs, fastest(run, large, 3, true));
  }
  return { smallMs, largeMs, budget: budget() };
}

describe("every parser of customer text runs in linear time", () => {
  for (const [name, run] of Object.entries(SUBJECTS)) {
    it(name, () => {
      const slow: string[] = [];
      for (const [inputName, input] of Object.entries(INPUTS)) {
        const { smallMs, largeMs, budget } = measure(run, input);
        if (largeMs > budget)
          slow.push(`${inputName}: 10 KB ${smallMs.toFixed(1)} ms, 100 KB ${largeMs.toFixed(1)} ms`);
      }
      expect(slow, slow.join("; ")).toEqual([]);
    });
  }
});
