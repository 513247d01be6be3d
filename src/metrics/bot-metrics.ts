import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { TurnResult } from "../core/turn-result.ts";
import { llmTrace } from "../llm/llm-trace.ts";

/** Open work counted on each scrape, by status (e.g. `{ queued: 2, human: 1 }`). */
export type StatusCounts = Record<string, number>;

/** Where the scrape-time gauges read open work from (shared stores: every process sees the same). */
export interface OpenWorkSources {
  handoffs(): Promise<StatusCounts>;
  tickets(): Promise<StatusCounts>;
}

/** How an inbound event ended, as the latency histogram labels it. */
export type TurnOutcome = "processed" | "duplicate" | "refused" | "failed";

/**
 * The bot's Prometheus metrics, on a registry of its own (never prom-client's global one), so
 * several apps in one process (tests) each count their own.
 */
export interface BotMetrics {
  readonly registry: Registry;
  /** A processed turn (`onTurn`): counts it by channel and action, and what the LLM did on it. */
  countTurn(result: TurnResult): void;
  /** The time from an inbound event's arrival to its result (waiting for the conversation included). */
  observeHandled(channel: string, outcome: TurnOutcome, seconds: number): void;
  /** A platform send that failed (the channel registry's deliver). */
  sendFailed(channel: string): void;
  /** A platform call an adapter tried again after a network failure or a 5xx answer. */
  sendRetried(channel: string): void;
  /** An SLA timer this process fired (each fires on one process only). */
  slaEvent(event: { type: "sla.warning" | "sla.breached"; target: string }): void;
  /** A background job's run on this process: `ok`, or `failed` (a queue retries it). */
  jobRun(job: string, outcome: "ok" | "failed"): void;
  /** Reads the background job queue's depth (waiting, running, delayed) on each scrape. */
  watchJobQueue(depth: () => Promise<number>): void;
  /** Reads open hand-offs and tickets on each scrape. */
  watchOpenWork(sources: OpenWorkSources, onError: (error: unknown) => void): void;
  /**
   * Adds Node's process metrics (`process_*`, `nodejs_*`; once). Opt-in because they start a GC
   * observer and an event-loop monitor that live as long as the process: the served bot turns
   * them on, the many apps a test run builds do not.
   */
  collectNodeMetrics(): void;
  /** The exposition text (`GET /metrics`). */
  scrape(): Promise<string>;
  readonly contentType: string;
}

/** Latency buckets (seconds): offline answers take milliseconds, LLM answers seconds. */
const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A channel name as adapters register them; anything else is not turned into a label value. */
const CHANNEL_NAME = /^[a-z][a-z0-9_-]{0,31}$/;

/** The channel of a conversation address (`web:abc` → `web`); `unknown` for a malformed one. */
export function channelOf(conversation: string): string {
  const [channel = ""] = conversation.split(":");
  return CHANNEL_NAME.test(channel) ? channel : "unknown";
}

/**
 * Creates the metrics. `process` labels every series (default labels), so the series of several
 * bot processes behind one Prometheus stay apart.
 */
export function createBotMetrics(options: { process: string }): BotMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ process: options.process });
  let nodeMetrics = false;
  const registers = [registry];

  const turns = new Counter({
    name: "switchboard_turns_total",
    help: "Processed turns by channel and action (answer, clarify, ticket, escalate, smalltalk, fallback, command; none when no feature set one)",
    labelNames: ["channel", "action"],
    registers,
  });
  const handled = new Histogram({
    name: "switchboard_turn_duration_seconds",
    help: "Seconds from an inbound event's arrival in the core to its result, waiting for the conversation included",
    labelNames: ["channel", "outcome"],
    buckets: TURN_BUCKETS,
    registers,
  });
  const llmTurns = new Counter({
    name: "switchboard_llm_turns_total",
    help: "Turns on which the LLM was consulted (cached: answered from the LLM cache)",
    labelNames: ["channel", "cached"],
    registers,
  });
  const llmTokens = new Counter({
    name: "switchboard_llm_tokens_total",
    help: "LLM tokens spent (cache hits cost none)",
    labelNames: ["channel"],
    registers,
  });
  const llmFallbacks = new Counter({
    name: "switchboard_llm_fallbacks_total",
    help: "Turns on which an LLM step fell back to the offline answer, by reason",
    labelNames: ["channel", "reason"],
    registers,
  });
  const sendFailures = new Counter({
    name: "switchboard_send_failures_total",
    help: "Platform sends that failed after the adapter's own retries",
    labelNames: ["channel"],
    registers,
  });
  const sendRetries = new Counter({
    name: "switchboard_send_retries_total",
    help: "Platform calls an adapter retried after a network failure or a 5xx answer",
    labelNames: ["channel"],
    registers,
  });
  const slaBreaches = new Counter({
    name: "switchboard_sla_breaches_total",
    help: "SLA targets breached, fired by this process (each timer fires on one process)",
    labelNames: ["target"],
    registers,
  });
  const slaWarnings = new Counter({
    name: "switchboard_sla_warnings_total",
    help: "SLA warnings fired by this process",
    labelNames: ["target"],
    registers,
  });

  const jobRuns = new Counter({
    name: "switchboard_job_runs_total",
    help: "Background job runs on this process, by job and outcome (a failed run is retried)",
    labelNames: ["job", "outcome"],
    registers,
  });

  return {
    registry,
    contentType: registry.contentType,
    jobRun(job, outcome) {
      jobRuns.inc({ job, outcome });
    },
    watchJobQueue(depth) {
      new Gauge({
        name: "switchboard_job_queue_depth",
        help: "Background jobs waiting, running or delayed (each scheduler's next run included); shared queue: every process reports the same",
        registers,
        async collect() {
          this.set(await depth().catch(() => 0));
        },
      });
    },
    countTurn(result) {
      if (result.duplicate || result.refused) return;
      const channel = channelOf(result.conversation);
      turns.inc({ channel, action: result.trace.action ?? "none" });
      const llm = llmTrace.read(result.trace).llm;
      if (!llm) return;
      llmTurns.inc({ channel, cached: String(llm.cached === true) });
      if (llm.tokens && !llm.cached) llmTokens.inc({ channel }, Math.round(llm.tokens));
      if (llm.fallback) llmFallbacks.inc({ channel, reason: llm.fallback });
    },
    observeHandled(channel, outcome, seconds) {
      handled.observe({ channel, outcome }, seconds);
    },
    sendFailed(channel) {
      sendFailures.inc({ channel });
    },
    sendRetried(channel) {
      sendRetries.inc({ channel });
    },
    slaEvent(event) {
      (event.type === "sla.breached" ? slaBreaches : slaWarnings).inc({ target: event.target });
    },
    watchOpenWork(sources, onError) {
      // Read on scrape: a failing store leaves the gauge empty for that scrape, never fails /metrics.
      const gauge = (name: string, help: string, read: () => Promise<StatusCounts>) =>
        new Gauge({
          name,
          help,
          labelNames: ["status"],
          registers,
          async collect() {
            this.reset();
            try {
              for (const [status, count] of Object.entries(await read())) this.set({ status }, count);
            } catch (error) {
              onError(error);
            }
          },
        });
      gauge(
        "switchboard_handoffs_open",
        "Open hand-offs by status (queued, human); shared stores: every process reports the same",
        sources.handoffs,
      );
      gauge(
        "switchboard_tickets_open",
        "Tickets not solved or closed, by status; shared database: every process reports the same",
        sources.tickets,
      );
    },
    collectNodeMetrics() {
      if (nodeMetrics) return;
      nodeMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
    scrape: () => registry.metrics(),
  };
}

/**
 * Wraps `target.handle` so each call is timed into `metrics` (by the result's channel and outcome;
 * a throw is `failed`). Returns the same object.
 */
export function timeHandle<T extends { handle(input: never): Promise<TurnResult> }>(
  target: T,
  metrics: Pick<BotMetrics, "observeHandled">,
  now: () => number = () => performance.now(),
): T {
  const original = target.handle.bind(target) as (input: unknown) => Promise<TurnResult>;
  const timed = async (input: unknown): Promise<TurnResult> => {
    const start = now();
    try {
      const result = await original(input);
      const outcome = result.duplicate ? "duplicate" : result.refused ? "refused" : "processed";
      metrics.observeHandled(channelOf(result.conversation), outcome, (now() - start) / 1000);
      return result;
    } catch (error) {
      const conversation = (input as { conversation?: unknown } | undefined)?.conversation;
      const channel = typeof conversation === "string" ? channelOf(conversation) : "unknown";
      metrics.observeHandled(channel, "failed", (now() - start) / 1000);
      throw error;
    }
  };
  target.handle = timed as T["handle"];
  return target;
}
