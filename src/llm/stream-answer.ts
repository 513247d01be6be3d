import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { Stream } from "openai/streaming";
import { openStream, recordUsage, usageOf } from "./call-model.ts";
import { createDeadline, untilAborted } from "./deadline.ts";
import {
  cachedAnswer,
  fallbackOf,
  finishAnswer,
  type GroundedQuestion,
  type GroundedResult,
  prepare,
} from "./grounded-answer.ts";
import type { LlmRuntime } from "./runtime.ts";
import { createJsonStringFieldReader, createPlaceholderRestorer } from "./stream-text.ts";
import type { LlmFallbackReason, LlmUsage } from "./types.ts";

/**
 * What {@link streamAnswer} yields: text deltas to append to the message being edited, then exactly
 * one `final` event with the validated result. If `final` is a fallback, replace the streamed text
 * with the offline answer (best KB answer verbatim, or the clarify/fallback turn).
 */
export type AnswerStreamEvent = { type: "delta"; text: string } | { type: "final"; result: GroundedResult };

/** Once text flows, the rest of the answer gets this many times `LLM_TIMEOUT_MS` to arrive. */
const STREAMING_DEADLINE_FACTOR = 3;

/**
 * Streams a grounded answer for channels that can edit a message as it grows. Same prompt, cache,
 * budget, retries and validation as `answerFromKb`; the first text must arrive within
 * `LLM_TIMEOUT_MS`. Breaking out of the loop early aborts the upstream request. Never throws.
 */
export async function* streamAnswer(
  rt: LlmRuntime,
  input: GroundedQuestion,
): AsyncGenerator<AnswerStreamEvent, void, undefined> {
  if (input.entries.length === 0) {
    yield { type: "final", result: fallbackOf("no_entries") };
    return;
  }
  const prepared = prepare(rt, input);
  const cached = await cachedAnswer(rt, prepared);
  if (cached) {
    yield { type: "delta", text: cached.text };
    yield { type: "final", result: cached };
    return;
  }
  if (await rt.ledger.exceeded()) {
    yield { type: "final", result: fallbackOf("budget") };
    return;
  }

  const deadline = createDeadline(rt.timeoutMs, input.signal);
  const started = performance.now();
  let stream: Stream<ChatCompletionChunk> | undefined;
  let content = "";
  let reported: ChatCompletionChunk["usage"];
  let usage: LlmUsage | undefined;
  const settleUsage = async (): Promise<LlmUsage> => {
    usage ??= usageOf(reported, prepared.request, content);
    if (stream) await recordUsage(rt, "answer", usage, started);
    stream = undefined;
    return usage;
  };
  try {
    const opened = await openStream(rt, prepared.request, deadline);
    if (!opened.ok) {
      yield { type: "final", result: fallbackOf(opened.reason) };
      return;
    }
    stream = opened.stream;
    const chunks = stream[Symbol.asyncIterator]();
    const reader = createJsonStringFieldReader("answer");
    const restorer = createPlaceholderRestorer(prepared.redaction.restore);
    let failure: LlmFallbackReason | undefined;
    let flowing = false;
    try {
      for (;;) {
        const next = await untilAborted(chunks.next(), deadline.signal);
        if (next.done) break;
        if (next.value.usage) reported = next.value.usage;
        const delta = next.value.choices[0]?.delta?.content;
        if (!delta) continue;
        if (!flowing) {
          flowing = true;
          deadline.extend(rt.timeoutMs * STREAMING_DEADLINE_FACTOR);
        }
        content += delta;
        const text = restorer.push(reader.push(delta));
        if (text !== "") yield { type: "delta", text };
      }
    } catch {
      failure = deadline.reason() ?? "upstream_error";
    }
    const spent = await settleUsage();
    if (failure) {
      rt.logger.warn({ task: "answer", reason: failure }, "LLM stream failed; answering offline");
      yield { type: "final", result: fallbackOf(failure, spent) };
      return;
    }
    const rest = restorer.push(reader.flush()) + restorer.flush();
    if (rest !== "") yield { type: "delta", text: rest };
    yield { type: "final", result: await finishAnswer(rt, prepared, content, spent) };
  } finally {
    // Reached early when the consumer stops iterating: stop the upstream generation too.
    const open = stream;
    if (open) {
      open.controller.abort();
      await settleUsage();
    }
    deadline.dispose();
  }
}
