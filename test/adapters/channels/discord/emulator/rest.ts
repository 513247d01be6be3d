import type { IncomingMessage, ServerResponse } from "node:http";
import { messagePayload, type StoredMessage } from "./payloads.ts";
import {
  checkMessageBody,
  checkModal,
  type EmulatedInteraction,
  type Failure,
  type RestState,
  takeFailure,
} from "./rest-state.ts";
import { IDS, threadChannel, USERS } from "./world.ts";

/**
 * Discord's REST API v10, as far as the adapter and discord.js use it, with Discord's status codes
 * and JSON error bodies. Every request is captured for assertions.
 *
 * @see https://discord.com/developers/docs/reference#http-api
 */

type Reply = { status: number; body?: unknown };
type Route = (match: RegExpMatchArray, body: Record<string, unknown>, state: RestState) => Reply;

const error = (status: number, code: number, message: string): Reply => ({ status, body: { code, message } });
const unknownChannel = () => error(404, 10003, "Unknown Channel");

/** Interactions must be answered within 3 seconds of their dispatch. */
const INTERACTION_DEADLINE_MS = 3_000;

function createMessage(state: RestState, channelId: string, body: Record<string, unknown>, flags = 0): Reply {
  const channel = state.channels.get(channelId);
  if (!channel) return unknownChannel();
  const refusal = state.refusals.get(channelId);
  if (refusal) return error(403, refusal.code, refusal.message);
  const invalid = checkMessageBody(body);
  if (invalid) return { status: 400, body: { code: 50035, message: "Invalid Form Body", errors: invalid } };
  const nonce = typeof body.nonce === "string" ? body.nonce : undefined;
  if (nonce && body.enforce_nonce === true) {
    const existing = state.nonces.get(nonce);
    if (existing) return { status: 200, body: existing };
  }
  const reference = body.message_reference as { message_id?: string } | undefined;
  const replyTo = reference?.message_id ? state.messages.get(reference.message_id) : undefined;
  const message = messagePayload({
    id: state.nextId(),
    channel,
    author: USERS.bot,
    ...(replyTo ? { replyTo } : {}),
    content: typeof body.content === "string" ? body.content : "",
    components: Array.isArray(body.components) ? body.components : [],
    ...(Array.isArray(body.embeds) ? { embeds: body.embeds } : {}),
    flags,
    ...(nonce ? { nonce } : {}),
  });
  state.messages.set(message.id, message);
  if (nonce) state.nonces.set(nonce, message);
  // Discord echoes the bot's own messages on the gateway (ephemeral ones excepted).
  if ((flags & 64) === 0) state.dispatch("MESSAGE_CREATE", message);
  return { status: 200, body: message };
}

/**
 * Edits a message's content, components or embeds; mentions are never re-parsed here.
 * @see https://discord.com/developers/docs/resources/message#edit-message
 */
function editMessage(state: RestState, message: StoredMessage, body: Record<string, unknown>): Reply {
  const invalid = checkMessageBody(body);
  if (invalid) return { status: 400, body: { code: 50035, message: "Invalid Form Body", errors: invalid } };
  const { allowed_mentions: _mentions, flags: _flags, ...fields } = body;
  const updated = { ...message, ...fields, edited_timestamp: new Date().toISOString() };
  state.messages.set(message.id, updated);
  return { status: 200, body: updated };
}

/** Message flag of a deferred response still "thinking". */
const LOADING = 128;

/**
 * A response to a command or a submitted modal (callback 4, or 5 deferred) is a message of its own,
 * the interaction's `@original`: ephemeral when the callback said so, "thinking…" while deferred.
 */
function createOriginal(
  state: RestState,
  entry: EmulatedInteraction,
  data: Record<string, unknown>,
  deferred: boolean,
): void {
  const channel = state.channels.get(entry.channelId);
  if (!channel) return;
  const flags = (Number(data.flags ?? 0) & 64) | (deferred ? LOADING : 0);
  const message = messagePayload({
    id: state.nextId(),
    channel,
    author: USERS.bot,
    content: deferred || typeof data.content !== "string" ? "" : data.content,
    components: !deferred && Array.isArray(data.components) ? data.components : [],
    flags,
  });
  state.messages.set(message.id, { ...message, type: 20, interaction_id: entry.id });
  entry.messageId = message.id;
  if ((flags & 64) === 0) state.dispatch("MESSAGE_CREATE", state.messages.get(message.id));
}

function interaction(state: RestState, token: string) {
  return [...state.interactions.values()].find((entry) => entry.token === token);
}

const routes: [string, RegExp, Route][] = [
  ["GET", /^\/gateway\/bot$/, (_m, _b, state) => ({ status: 200, body: state.gatewayInfo() })],
  ["GET", /^\/users\/@me$/, () => ({ status: 200, body: USERS.bot })],
  [
    "GET",
    /^\/applications\/@me$/,
    () => ({ status: 200, body: { id: IDS.bot, name: "Switchboard", flags: 0 } }),
  ],
  [
    "PUT",
    /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/,
    (match, body, state) => {
      const commands = (Array.isArray(body) ? body : []) as Record<string, unknown>[];
      const registered = commands.map((command) => ({
        id: state.nextId(),
        application_id: match[1],
        ...(match[2] ? { guild_id: match[2] } : {}),
        version: state.nextId(),
        default_member_permissions: null,
        nsfw: false,
        ...command,
      }));
      state.commands.set(match[2] ?? "global", registered);
      return { status: 200, body: registered };
    },
  ],
  [
    "GET",
    /^\/channels\/(\d+)$/,
    (m, _b, state) => {
      const channel = state.channels.get(m[1] ?? "");
      return channel ? { status: 200, body: channel } : unknownChannel();
    },
  ],
  ["POST", /^\/channels\/(\d+)\/messages$/, (m, body, state) => createMessage(state, m[1] ?? "", body)],
  [
    "POST",
    /^\/channels\/(\d+)\/threads$/,
    (m, body, state) => {
      const parent = state.channels.get(m[1] ?? "");
      if (!parent) return unknownChannel();
      const refusal = state.threadRefusals.get(parent.id);
      if (refusal) return error(403, refusal.code, refusal.message);
      if (parent.type !== 0) return error(400, 50024, "Cannot execute action on this channel type");
      const thread = threadChannel({
        id: state.nextId(),
        parentId: parent.id,
        name: String(body.name ?? "thread"),
        ownerId: IDS.bot,
        type: body.type === 12 ? 12 : 11,
        invitable: body.invitable !== false,
      });
      state.channels.set(thread.id, thread);
      state.dispatch("THREAD_CREATE", { ...thread, newly_created: true });
      return { status: 201, body: thread };
    },
  ],
  [
    "PUT",
    /^\/channels\/(\d+)\/thread-members\/(\d+)$/,
    (m, _b, state) => (state.channels.has(m[1] ?? "") ? { status: 204 } : unknownChannel()),
  ],
  [
    "POST",
    /^\/users\/@me\/channels$/,
    (_m, body, state) => {
      const userId = String(body.recipient_id ?? "");
      const refusal = state.dmRefusals.get(userId);
      if (refusal) return error(403, refusal.code, refusal.message);
      return { status: 200, body: state.openDm(userId) };
    },
  ],
  [
    "POST",
    /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
    (m, body, state) => {
      const entry = state.interactions.get(m[1] ?? "");
      if (!entry || entry.token !== m[2] || Date.now() - entry.dispatchedAt > INTERACTION_DEADLINE_MS) {
        return error(404, 10062, "Unknown interaction");
      }
      if (entry.acknowledged) return error(400, 40060, "Interaction has already been acknowledged.");
      const data = body.data as Record<string, unknown> | undefined;
      const type = Number(body.type);
      if (type === 9) {
        // A modal answers a command or a button, never another modal.
        if (entry.type === 5) return error(400, 50035, "Invalid Form Body");
        const invalid = checkModal(data);
        if (invalid)
          return { status: 400, body: { code: 50035, message: "Invalid Form Body", errors: invalid } };
      }
      entry.acknowledged = true;
      entry.callbackType = type;
      if (data) entry.callbackData = data;
      if (type === 4 || type === 5) createOriginal(state, entry, data ?? {}, type === 5);
      return { status: 204 };
    },
  ],
  [
    "PATCH",
    /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
    (m, body, state) => {
      const entry = interaction(state, m[2] ?? "");
      if (!entry?.acknowledged) return error(404, 10015, "Unknown Webhook");
      const invalid = checkMessageBody(body);
      if (invalid)
        return { status: 400, body: { code: 50035, message: "Invalid Form Body", errors: invalid } };
      const original = entry.messageId ? state.messages.get(entry.messageId) : undefined;
      if (!original) return { status: 200, body: { ...body, edited_timestamp: new Date().toISOString() } };
      const { allowed_mentions: _mentions, flags: _flags, ...fields } = body;
      const updated = {
        ...original,
        ...fields,
        // Editing the deferred response ends its "thinking…" state; ephemeral stays ephemeral.
        flags: Number(original.flags ?? 0) & ~LOADING,
        edited_timestamp: new Date().toISOString(),
      };
      state.messages.set(original.id, updated);
      return { status: 200, body: updated };
    },
  ],
  [
    "PATCH",
    /^\/channels\/(\d+)\/messages\/(\d+)$/,
    (m, body, state) => {
      if (!state.channels.has(m[1] ?? "")) return unknownChannel();
      const message = state.messages.get(m[2] ?? "");
      if (!message || message.channel_id !== m[1]) return error(404, 10008, "Unknown Message");
      if (message.author.id !== IDS.bot)
        return error(403, 50005, "Cannot edit a message authored by another user");
      return editMessage(state, message, body);
    },
  ],
  [
    "PATCH",
    /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(\d+)$/,
    (m, body, state) => {
      const entry = interaction(state, m[2] ?? "");
      if (!entry?.acknowledged) return error(404, 10015, "Unknown Webhook");
      const message = state.messages.get(m[3] ?? "");
      if (!message) return error(404, 10008, "Unknown Message");
      return editMessage(state, message, body);
    },
  ],
  [
    "DELETE",
    /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/,
    (m, _b, state) => {
      const entry = interaction(state, m[2] ?? "");
      if (!entry?.acknowledged) return error(404, 10015, "Unknown Webhook");
      if (entry.messageId) state.messages.delete(entry.messageId);
      return { status: 204 };
    },
  ],
  [
    "POST",
    /^\/webhooks\/(\d+)\/([^/]+)$/,
    (m, body, state) => {
      const entry = interaction(state, m[2] ?? "");
      if (!entry?.acknowledged) return error(404, 10015, "Unknown Webhook");
      return createMessage(state, entry.channelId, body, Number(body.flags ?? 0));
    },
  ],
];

const BOT_AUTH_FREE = /^\/(interactions|webhooks)\//;

function send(res: ServerResponse, reply: Reply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status).end();
    return;
  }
  res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.body));
}

/** Handles one REST request under `/api/v10`. */
export async function handleRest(req: IncomingMessage, res: ServerResponse, state: RestState): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const url = new URL(req.url ?? "/", "http://emulator");
  const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
  const method = req.method ?? "GET";
  const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  state.requests.push({ method, path, body, at: Date.now() });
  if (!BOT_AUTH_FREE.test(path) && req.headers.authorization !== `Bot ${state.token}`) {
    send(res, error(401, 0, "401: Unauthorized"));
    return;
  }
  const failure: Failure | undefined = takeFailure(state, method, path);
  const route = routes.find(([verb, pattern]) => verb === method && pattern.test(path));
  if (failure && !failure.afterCommit) {
    if (failure.status === 0) req.socket.destroy();
    else send(res, { status: failure.status, body: failure.body });
    return;
  }
  const match = route ? path.match(route[1]) : null;
  const reply = route && match ? route[2](match, body, state) : error(404, 0, "404: Not Found");
  if (failure?.afterCommit) {
    // The request took effect but the response is lost: the client cannot tell, and retries.
    send(res, { status: failure.status, body: failure.body });
    return;
  }
  send(res, reply);
}
