import type { Keyv } from "keyv";
import type { ChannelHealth } from "../core/adapter.ts";
import type { Pushes } from "../core/pushes.ts";
import { createKeyvList } from "../store/keyv-list.ts";
import { type Desk, type DeskLine, type DeskRef, deskLineSchema, type HandoffPacket } from "./desk.ts";

/** A change on the local desk, pushed to open desk pages. */
export type LocalDeskEvent =
  | { type: "packet"; conversation: string; packet: HandoffPacket }
  | { type: "line"; conversation: string; line: DeskLine };

export interface LocalDesk extends Desk {
  /** The thread of a hand-off: customer, bot, agent and note lines, oldest first. */
  lines(conversation: string): Promise<DeskLine[]>;
  subscribe(listener: (event: LocalDeskEvent) => void): () => void;
  /** Stops hearing desk events from other processes. */
  close(): void;
  /** Deletes a hand-off's thread (erasure on request). */
  erase(conversation: string): Promise<void>;
}

const MAX_LINES = 500;
/** The push topic of desk events: every desk page on every process hears every event. */
const DESK_TOPIC = "desk";

/**
 * The desk for the embedded default (no Slack): threads kept in Keyv, changes pushed to the desk
 * page (adapters/desks/desk-web). Same Desk interface as Slack, so every flow runs without a workspace.
 */
export function createLocalDesk(options: {
  lines: Keyv<unknown>;
  /** How long a line is kept (`STATE_TTL_DAYS`): threads expire with their conversation. */
  ttlMs?: number;
  /**
   * Carries desk events to the desk pages of every process (Redis with several processes).
   * Default: listeners in this process are called directly.
   */
  pushes?: Pushes;
}): LocalDesk {
  const threads = createKeyvList(options.lines, deskLineSchema, {
    maxItems: MAX_LINES,
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
  });
  const listeners = new Set<(event: LocalDeskEvent) => void>();
  const { pushes } = options;
  const hear = (event: LocalDeskEvent) => {
    for (const listener of listeners) listener(event);
  };
  const unsubscribe = pushes?.subscribe(DESK_TOPIC, (_key, { frame }) => hear(frame as LocalDeskEvent));
  const emit = async (event: LocalDeskEvent): Promise<void> => {
    if (pushes) await pushes.publish(DESK_TOPIC, "all", event);
    else hear(event);
  };
  const conversationOf = (ref: DeskRef): string => {
    const conversation = ref.conversation;
    if (!conversation) throw new Error("local desk reference without a conversation");
    return conversation;
  };
  async function append(conversation: string, line: DeskLine): Promise<void> {
    await threads.append(conversation, line);
    await emit({ type: "line", conversation, line });
  }
  const health: ChannelHealth = { status: "up" };
  return {
    name: "local",
    async open(packet) {
      await threads.erase(packet.conversation);
      await emit({ type: "packet", conversation: packet.conversation, packet });
      return { conversation: packet.conversation };
    },
    async update(ref, packet) {
      await emit({ type: "packet", conversation: conversationOf(ref), packet });
    },
    async relay(ref, line) {
      await append(conversationOf(ref), line);
    },
    lines: (conversation) => threads.list(conversation),
    erase: (conversation) => threads.erase(conversation),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    health: () => health,
    close: () => unsubscribe?.(),
  };
}
