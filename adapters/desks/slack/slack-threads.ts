import type { Keyv } from "keyv";
import { z } from "zod";
import type { HandoffPacket } from "../../../src/handoff/desk.ts";

/** Where a hand-off's packet lives in Slack, and what the desk needs to re-ping it. */
export interface SlackHandoffRef {
  channel: string;
  ts: string;
  group?: string;
  status: HandoffPacket["status"];
}

const refSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  group: z.string().optional(),
  status: z.enum(["bot", "queued", "human", "closed"]),
});

/**
 * The desk's records in one Keyv namespace (shared by every bot process on Redis/SQLite):
 * `thread:<channel>:<ts>` → conversation (to route thread replies), `handoff:<conversation>` → its
 * packet's place and status (to re-ping), `seen:<id>` (Slack retries events: handle each once).
 */
export interface SlackThreads {
  remember(conversation: string, ref: SlackHandoffRef): Promise<void>;
  conversationAt(channel: string, threadTs: string): Promise<string | undefined>;
  handoff(conversation: string): Promise<SlackHandoffRef | undefined>;
  /** Records the packet's status; resolves with the updated record, if the hand-off is known. */
  setStatus(conversation: string, status: HandoffPacket["status"]): Promise<SlackHandoffRef | undefined>;
  /** True the first time an id is seen (within the TTL), false for a repeat delivery. */
  firstSight(id: string): Promise<boolean>;
}

const SEEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Keeps records for `ttlMs` (the thread map) and dedupe marks for a day. */
export function createSlackThreads(store: () => Keyv<string>, ttlMs: number): SlackThreads {
  const threadKey = (channel: string, ts: string) => `thread:${channel}:${ts}`;
  async function handoff(conversation: string): Promise<SlackHandoffRef | undefined> {
    const raw = await store().get(`handoff:${conversation}`);
    if (!raw) return undefined;
    const parsed = refSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return undefined;
    const { group, ...rest } = parsed.data;
    return group ? { ...rest, group } : rest;
  }
  return {
    async remember(conversation, ref) {
      await store().set(threadKey(ref.channel, ref.ts), conversation, ttlMs);
      await store().set(`handoff:${conversation}`, JSON.stringify(ref), ttlMs);
    },
    async conversationAt(channel, threadTs) {
      return store().get(threadKey(channel, threadTs));
    },
    handoff,
    async setStatus(conversation, status) {
      const ref = await handoff(conversation);
      if (!ref) return undefined;
      const updated = { ...ref, status };
      await store().set(`handoff:${conversation}`, JSON.stringify(updated), ttlMs);
      return updated;
    },
    async firstSight(id) {
      const key = `seen:${id}`;
      if (await store().get(key)) return false;
      await store().set(key, "1", SEEN_TTL_MS);
      return true;
    },
  };
}
