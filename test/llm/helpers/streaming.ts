import type { Adapter, ChannelHealth, DeliveryTarget } from "../../../src/core/adapter.ts";
import type { Capabilities } from "../../../src/model/capabilities.ts";
import type { OutboundMessage } from "../../../src/model/outbound.ts";
import type { FakeReply, Responder } from "./fake-openai-server.ts";
import { answerJson, pieces } from "./harness.ts";

/** One thing the core asked an editing channel to do. */
export type ChannelCall =
  | { kind: "send"; message: OutboundMessage }
  | { kind: "open"; text: string }
  | { kind: "update"; text: string }
  | { kind: "finish"; message: OutboundMessage };

/** A channel that can edit messages and records every call, unthrottled, for transcript tests. */
export interface EditingAdapter extends Adapter {
  readonly calls: ChannelCall[];
  /** What the customer saw, in order: each message's text as first shown, then as edited. */
  shown(): string[];
}

export function createEditingAdapter(
  channel = "edit",
  capabilities: Partial<Capabilities> = {},
): EditingAdapter {
  const calls: ChannelCall[] = [];
  const health: ChannelHealth = { status: "up" };
  return {
    channel,
    capabilities: {
      buttons: true,
      linkButtons: true,
      threads: false,
      edits: true,
      markdown: true,
      maxMessageLength: 4000,
      ...capabilities,
    },
    calls,
    shown: () => calls.map((call) => ("text" in call ? call.text : call.message.text)),
    async start() {},
    async send(_target: DeliveryTarget, message) {
      calls.push({ kind: "send", message });
    },
    async openStream(_target, initial) {
      calls.push({ kind: "open", text: initial.text });
      return {
        async update(text) {
          calls.push({ kind: "update", text });
        },
        async finish(message) {
          calls.push({ kind: "finish", message });
        },
      };
    },
    async stop() {},
    health: () => health,
  };
}

/** A grounded answer as the model streams it: the JSON in small pieces, a little apart. */
export function streamedAnswer(
  citedIds: string[],
  answer: string,
  options: { size?: number; chunkDelayMs?: number } = {},
): FakeReply {
  return {
    kind: "stream",
    chunks: pieces(answerJson(citedIds, answer), options.size ?? 6),
    chunkDelayMs: options.chunkDelayMs ?? 5,
    usage: { prompt: 150, completion: 30 },
  };
}

/** Answers streaming requests with `stream` and plain ones with the same answer as JSON. */
export function eitherWay(citedIds: string[], answer: string, stream: FakeReply): Responder {
  return (request) =>
    request.body.stream === true ? stream : { kind: "json", content: answerJson(citedIds, answer) };
}

/** Every shown text is the one before it grown by more text: what a reader sees while it is written. */
export function isGrowing(texts: readonly string[]): boolean {
  return texts.every((text, index) => index === 0 || text.startsWith(texts[index - 1] ?? ""));
}
