import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { botFrameworkConfigSchema } from "../../adapters/channels/bot-framework/bot-framework-config.ts";
import { discordConfigSchema } from "../../adapters/channels/discord/discord-config.ts";
import { slackCustomerConfigSchema } from "../../adapters/channels/slack/slack-customer-config.ts";
import { telegramConfigSchema } from "../../adapters/channels/telegram/telegram-config.ts";
import { slackConfigSchema } from "../../adapters/desks/slack/slack-config.ts";
import { abuseConfigSchema } from "../abuse/abuse-config.ts";
import { digestConfigSchema } from "../insights/digest/digest-config.ts";
import { llmConfigSchema } from "../llm/llm-config.ts";
import { commaList } from "../model/config-fields.ts";
import { ConfigError } from "../model/errors.ts";

/** Repository root (where package.json lives), used to resolve default paths. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

/**
 * Every setting Switchboard reads from the environment. Each key is documented in `.env.example` and
 * in the README's configuration table.
 */
const coreConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  BOT_NAME: z.string().min(1).max(60).default("Switchboard"),
  KB_PATH: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, "kb", "demo-kb.yaml")),
  KB_WATCH: booleanString.default(true),
  /** Operator intents and examples (YAML), added to the built-in ones without code. */
  INTENTS_PATH: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, "data")),
  STORE: z.enum(["memory", "file", "redis"]).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "REDIS_URL must look like redis://host:6379" }).optional(),
  /**
   * Start of the Redis keys and channels of the locks, claims, pushes, job queue and budgets, so
   * several test runs (or bots, on separate databases for their records) share one Redis.
   */
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.:-]{1,64}$/, "REDIS_PREFIX must be 1–64 letters, digits, '.', ':', '_' or '-'")
    .default("switchboard:"),
  /**
   * How long a conversation's turn stays locked to a process that stopped answering (crashed, or
   * killed): the next waiter on another process proceeds after this.
   */
  LOCK_LEASE_SECONDS: z.coerce.number().positive().max(600).default(30),
  /**
   * Period of every background job; default 30 s (SLA timers), 60 s (auto-close, lease expiry),
   * 3,600 s (retention purge).
   */
  JOBS_INTERVAL_SECONDS: z.coerce.number().positive().max(86_400).optional(),
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().positive().default(86_400),
  STATE_TTL_DAYS: z.coerce.number().positive().default(30),
  ESCALATE_AFTER_UNANSWERED: z.coerce.number().int().positive().default(3),
  ESCALATE_REFUND_OVER: z.coerce.number().positive().default(100),
  VIP_USERS: commaList,
  DESK_TOKEN: z
    .string()
    .min(16, "DESK_TOKEN must be at least 16 characters: generate one with openssl rand -hex 32")
    .optional(),
  DESK_LANGUAGE: z.enum(["en", "ko"]).default("en"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(?:ql)?:\/\//, "DATABASE_URL must be a PostgreSQL URL like postgres://user@host:5432/db")
    .optional(),
  TICKETS_DB_FILE: z.string().min(1).optional(),
  SLA_TIMEZONE: z.string().optional(),
  SLA_BUSINESS_HOURS: z.string().optional(),
  SLA_HOLIDAYS: z.string().optional(),
  SLA_WARNING_RATIO: z.string().optional(),
  SLA_TARGETS: z.string().optional(),
  SLA_CLOCK: z.enum(["calendar", "business"]).optional(),
  TICKET_ASSIGNMENT: z.string().optional(),
  /** Former name of TICKET_ASSIGNMENT, still read. */
  TICKET_ROUTING: z.string().optional(),
  TICKET_ORDER_CATEGORIES: commaList.default(["billing"]),
  TICKET_AUTO_CLOSE_DAYS: z.coerce.number().positive().default(7),
  /** A customer writing within this many days of the solve reopens the ticket (0: never). */
  TICKET_REOPEN_DAYS: z.coerce.number().min(0).default(3),
  /** Ticket updates tell the customer the person's name (default: only their team). */
  TICKET_SHOW_AGENT_NAMES: booleanString.default(false),
  HANDOFF_LEASE_MINUTES: z.coerce.number().positive().default(30),
  /** The `process` label on every `/metrics` series (default: host name and process id). */
  METRICS_PROCESS: z
    .string()
    .regex(/^[\w.:-]{1,100}$/, "METRICS_PROCESS must be 1–100 letters, digits, '.', ':', '_' or '-'")
    .optional(),
});

/**
 * The whole configuration: the core's settings plus each channel's (declared beside its adapter,
 * merged here at the composition root).
 */
export const configSchema = coreConfigSchema
  .extend(abuseConfigSchema.shape)
  .extend(telegramConfigSchema.shape)
  .extend(discordConfigSchema.shape)
  .extend(botFrameworkConfigSchema.shape)
  .extend(slackConfigSchema.shape)
  .extend(slackCustomerConfigSchema.shape)
  .extend(digestConfigSchema.shape)
  .extend(llmConfigSchema.shape);

type RawConfig = z.infer<typeof configSchema>;

/** Validated configuration with the storage backend resolved. */
export type Config = Omit<RawConfig, "STORE"> & { STORE: "memory" | "file" | "redis" };

/**
 * Parses configuration from an environment object. Throws {@link ConfigError} listing every
 * problem with the variable to fix.
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = issue.path.join(".");
      // Never echo secrets (tokens, keys, passwords, URLs that may carry credentials).
      const secret = /TOKEN|SECRET|KEY|PASSWORD|DATABASE_URL|REDIS_URL/i.test(key);
      const shown = secret ? "(hidden)" : JSON.stringify(cleaned[key] ?? "");
      return `  ${key}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(
      `Invalid configuration (fix these in .env or the environment):\n${lines.join("\n")}`,
    );
  }
  const raw = result.data;
  const store = raw.STORE ?? (raw.REDIS_URL ? "redis" : "file");
  if (store === "redis" && !raw.REDIS_URL) {
    throw new ConfigError("STORE=redis needs REDIS_URL, e.g. REDIS_URL=redis://127.0.0.1:6379");
  }
  return { ...raw, STORE: store };
}

/** Reads `.env` (if present in the working directory) into `process.env`, then parses it. */
export function loadConfig(envFile = ".env"): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
