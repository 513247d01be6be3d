import { describe, expect, it } from "vitest";
import { createChannelRegistry } from "../../src/core/channels.ts";
import { createSilentLogger } from "../../src/core/logger.ts";
import type { TurnTrace } from "../../src/core/trace.ts";
import type { TurnResult } from "../../src/core/turn-result.ts";
import { llmTrace } from "../../src/llm/llm-trace.ts";
import { channelOf, createBotMetrics, timeHandle } from "../../src/metrics/bot-metrics.ts";
import { countHandoffs } from "../../src/metrics/open-work.ts";
import { createCaptureAdapter } from "../helpers/bot-harness.ts";
import { parsePrometheusText, sumOf } from "../helpers/prometheus-text.ts";

function turn(conversation: string, trace: TurnTrace, extra: Partial<TurnResult> = {}): TurnResult {
  return { duplicate: false, conversation, trace, replies: [], ...extra };
}

function withLlm(action: TurnTrace["action"], llm: Parameters<typeof llmTrace.write>[1]["llm"]): TurnTrace {
  const trace: TurnTrace = { action };
  llmTrace.write(trace, { llm });
  return trace;
}

async function samples(metrics: ReturnType<typeof createBotMetrics>) {
  return parsePrometheusText(await metrics.scrape());
}

describe("bot metrics", () => {
  it("reads what the LLM did from the turn's trace: turns, tokens (not cache hits), fallbacks by reason", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    metrics.countTurn(turn("web:a", withLlm("answer", { citedIds: ["pw"], tokens: 120, cached: false })));
    metrics.countTurn(turn("web:b", withLlm("answer", { citedIds: ["pw"], tokens: 120, cached: true })));
    metrics.countTurn(turn("telegram:c", withLlm("answer", { fallback: "timeout" })));
    metrics.countTurn(turn("telegram:d", { action: "fallback" }));
    const found = await samples(metrics);
    expect(sumOf(found, "switchboard_llm_turns_total", { channel: "web" })).toBe(2);
    expect(sumOf(found, "switchboard_llm_turns_total", { channel: "web", cached: "true" })).toBe(1);
    expect(sumOf(found, "switchboard_llm_tokens_total")).toBe(120);
    expect(sumOf(found, "switchboard_llm_fallbacks_total", { channel: "telegram", reason: "timeout" })).toBe(
      1,
    );
    expect(sumOf(found, "switchboard_turns_total", { channel: "telegram", action: "fallback" })).toBe(1);
    expect(sumOf(found, "switchboard_turns_total")).toBe(4);
  });

  it("does not count duplicates and refused events as turns; labels a turn without action `none`", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    metrics.countTurn(turn("web:a", {}, { duplicate: true }));
    metrics.countTurn(turn("web:a", {}, { refused: "blocked" }));
    metrics.countTurn(turn("web:a", {}));
    const found = await samples(metrics);
    expect(sumOf(found, "switchboard_turns_total")).toBe(1);
    expect(sumOf(found, "switchboard_turns_total", { action: "none" })).toBe(1);
  });

  it("times handle calls by outcome, a throw as failed, and never makes a label of a malformed address", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    let clock = 0;
    const target = {
      async handle(input: { conversation: string; fail?: boolean }): Promise<TurnResult> {
        clock += 250;
        if (input.fail) throw new Error("boom");
        return turn(input.conversation, { action: "answer" });
      },
    };
    timeHandle(target, metrics, () => clock);
    await target.handle({ conversation: "web:a" });
    await expect(target.handle({ conversation: "Evil{label}:x", fail: true })).rejects.toThrow("boom");
    const found = await samples(metrics);
    expect(
      sumOf(found, "switchboard_turn_duration_seconds_count", { channel: "web", outcome: "processed" }),
    ).toBe(1);
    expect(sumOf(found, "switchboard_turn_duration_seconds_sum", { channel: "web" })).toBe(0.25);
    expect(
      sumOf(found, "switchboard_turn_duration_seconds_count", { channel: "unknown", outcome: "failed" }),
    ).toBe(1);
    expect(channelOf("web:abc:thread")).toBe("web");
  });

  it("counts sends an adapter failed, through the channel registry, and the caller still sees the error", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    const registry = createChannelRegistry({
      logger: createSilentLogger(),
      onSendFailed: (channel) => metrics.sendFailed(channel),
    });
    const broken = createCaptureAdapter("telegram");
    broken.send = async () => {
      throw new Error("403 Forbidden: bot was blocked by the user");
    };
    registry.register(broken);
    registry.register(createCaptureAdapter("web"));
    await expect(registry.deliver("telegram:42", [{ text: "hi" }])).rejects.toThrow(/blocked/);
    await registry.deliver("web:1", [{ text: "hi" }]);
    const found = await samples(metrics);
    expect(sumOf(found, "switchboard_send_failures_total", { channel: "telegram" })).toBe(1);
    expect(sumOf(found, "switchboard_send_failures_total", { channel: "web" })).toBe(0);
  });

  it("counts the Discord adapter's retries of a failed call", async () => {
    const { withRetry } = await import("../../adapters/channels/discord/send-with-retry.ts");
    const metrics = createBotMetrics({ process: "unit" });
    let calls = 0;
    await withRetry(
      "sending a message",
      async () => {
        if (++calls < 3) throw new TypeError("fetch failed");
        return "sent";
      },
      { baseDelayMs: 1, onRetry: () => metrics.sendRetried("discord") },
    );
    expect(sumOf(await samples(metrics), "switchboard_send_retries_total", { channel: "discord" })).toBe(2);
  });

  it("counts job runs by job and outcome", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    metrics.jobRun("sla-timers", "ok");
    metrics.jobRun("sla-timers", "failed");
    metrics.jobRun("sla-timers", "ok");
    const found = await samples(metrics);
    expect(sumOf(found, "switchboard_job_runs_total", { job: "sla-timers", outcome: "ok" })).toBe(2);
    expect(sumOf(found, "switchboard_job_runs_total", { job: "sla-timers", outcome: "failed" })).toBe(1);
  });

  it("counts SLA breaches and warnings by target", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    metrics.slaEvent({ type: "sla.breached", target: "first_response" });
    metrics.slaEvent({ type: "sla.warning", target: "first_response" });
    metrics.slaEvent({ type: "sla.breached", target: "resolution" });
    const found = await samples(metrics);
    expect(sumOf(found, "switchboard_sla_breaches_total")).toBe(2);
    expect(sumOf(found, "switchboard_sla_breaches_total", { target: "resolution" })).toBe(1);
    expect(sumOf(found, "switchboard_sla_warnings_total")).toBe(1);
  });

  it("reads open work on each scrape; a failing store leaves its gauge empty and /metrics still answers", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    const errors: unknown[] = [];
    let open = [
      { packet: { status: "queued" } },
      { packet: { status: "human" } },
      { packet: { status: "queued" } },
    ];
    metrics.watchOpenWork(
      {
        handoffs: async () => countHandoffs(open),
        tickets: async () => {
          throw new Error("database down");
        },
      },
      (error) => errors.push(error),
    );
    let found = await samples(metrics);
    expect(sumOf(found, "switchboard_handoffs_open", { status: "queued" })).toBe(2);
    expect(sumOf(found, "switchboard_handoffs_open", { status: "human" })).toBe(1);
    expect(found.some((sample) => sample.name === "switchboard_tickets_open")).toBe(false);
    expect(errors).toHaveLength(1);
    open = [];
    found = await samples(metrics);
    expect(sumOf(found, "switchboard_handoffs_open", { status: "queued" })).toBe(0);
  });

  it("adds Node's process metrics only when asked, once", async () => {
    const metrics = createBotMetrics({ process: "unit" });
    const named = async (name: string) =>
      (await samples(metrics)).filter((sample) => sample.name === name).length;
    expect(await named("process_cpu_user_seconds_total")).toBe(0);
    metrics.collectNodeMetrics();
    metrics.collectNodeMetrics();
    expect(await named("process_cpu_user_seconds_total")).toBe(1);
  });

  it("keeps two apps' metrics apart (a registry each, not prom-client's global one)", async () => {
    const first = createBotMetrics({ process: "one" });
    const second = createBotMetrics({ process: "two" });
    first.countTurn(turn("web:a", { action: "answer" }));
    expect(sumOf(await samples(first), "switchboard_turns_total")).toBe(1);
    expect(sumOf(await samples(second), "switchboard_turns_total")).toBe(0);
  });
});
