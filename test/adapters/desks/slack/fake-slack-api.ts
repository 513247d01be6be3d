import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One Web API call as the server received it (`blocks` and other JSON fields parsed). */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
}

/** A scripted answer, used once, before the method's normal behaviour. */
export type ScriptedAnswer =
  | { kind: "error"; error: string; extra?: Record<string, unknown> }
  | { kind: "ratelimited"; retryAfter: number }
  | { kind: "status"; status: number }
  | { kind: "drop" };

export interface FakeSlackUser {
  name: string;
  real_name?: string;
  display_name?: string;
  /** Returned when `users.info` asks with `include_locale`. */
  locale?: string;
}

export interface FakeSlackApi {
  /** Base URL for `slackApiUrl`, ending in `/api/`. */
  url: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Queues answers for a method (each used once, in order). */
  script(method: string, ...answers: ScriptedAnswer[]): void;
  /** Channels the bot is not a member of: posting there answers `not_in_channel` until it joins. */
  outside: Set<string>;
  users: Map<string, FakeSlackUser>;
  close(): Promise<void>;
}

export const BOT_USER_ID = "UBOT0001";
export const BOT_ID = "BBOT0001";

/**
 * A local stand-in for https://slack.com/api/: the real WebClient talks to it over HTTP. It answers
 * in Slack's `{ ok, … }` shape, records every call, and can be scripted to fail like Slack does.
 * @see https://docs.slack.dev/apis/web-api/#responses
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const scripts = new Map<string, ScriptedAnswer[]>();
  const outside = new Set<string>();
  const users = new Map<string, FakeSlackUser>();
  let seq = 100;
  const nextTs = () => `1700000000.${String(++seq).padStart(6, "0")}`;

  function answer(call: SlackCall): Record<string, unknown> {
    const channel = typeof call.args.channel === "string" ? call.args.channel : undefined;
    switch (call.method) {
      case "auth.test":
        return { ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: "T0001", user: "switchboard" };
      case "chat.postMessage":
        if (!channel) return { ok: false, error: "channel_not_found" };
        if (outside.has(channel)) return { ok: false, error: "not_in_channel" };
        return { ok: true, channel, ts: nextTs(), message: { text: call.args.text } };
      case "chat.update":
        return { ok: true, channel, ts: call.args.ts, text: call.args.text };
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "views.open":
        if (typeof call.args.trigger_id !== "string") return { ok: false, error: "invalid_trigger_id" };
        return { ok: true, view: { id: `V${nextTs().replace(".", "")}`, ...(call.args.view as object) } };
      case "conversations.join":
        if (channel) outside.delete(channel);
        return { ok: true, channel: { id: channel } };
      case "users.info": {
        const id = String(call.args.user);
        const user = users.get(id);
        if (!user) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id,
            name: user.name,
            real_name: user.real_name,
            profile: { display_name: user.display_name ?? "", real_name: user.real_name ?? "" },
            ...(call.args.include_locale && user.locale ? { locale: user.locale } : {}),
          },
        };
      }
      case "conversations.open":
        return { ok: true, channel: { id: `D${String(call.args.users).replace(/^U/, "")}` } };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const args = parseArgs(raw, req.headers["content-type"] ?? "");
    const auth = req.headers.authorization;
    const call: SlackCall = { method, args, token: auth?.replace(/^Bearer /, ""), at: Date.now() };
    calls.push(call);
    const scripted = scripts.get(method)?.shift();
    if (scripted?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    if (scripted?.kind === "status") {
      res.writeHead(scripted.status, { "content-type": "text/plain" });
      res.end(`scripted HTTP ${scripted.status}`);
      return;
    }
    if (scripted?.kind === "ratelimited") {
      res.writeHead(429, { "content-type": "application/json", "retry-after": String(scripted.retryAfter) });
      res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      return;
    }
    const body =
      scripted?.kind === "error" ? { ok: false, error: scripted.error, ...scripted.extra } : answer(call);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    script(method, ...answers) {
      scripts.set(method, [...(scripts.get(method) ?? []), ...answers]);
    },
    outside,
    users,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return JSON.parse(raw || "{}") as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return args;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
