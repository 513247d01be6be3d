import { randomBytes } from "node:crypto";
import WebSocket from "ws";

/** A frame the web chat sent, as the scale tests read it. */
export interface Frame {
  type: string;
  id?: string;
  cursor?: string;
  replyTo?: string;
  final?: boolean;
  conversation?: string;
  message?: { text: string };
  error?: string;
}

/**
 * A customer of the web chat as a reconnecting page behaves: it keeps the cursor of the last frame
 * it saw and says it in `hello` when it connects again (to any process).
 */
export interface ChatClient {
  readonly session: string;
  conversation: string;
  /** Every frame after `ready`, over every connection, in arrival order. */
  readonly frames: Frame[];
  connect(baseUrl: string): Promise<void>;
  send(id: string, text: string): void;
  /** Presses a button (`action` with its `value`). */
  press(id: string, action: string, value?: string): void;
  /** Resolves at the first reply to `id` (the load tool's clock; tests poll {@link repliesTo}). */
  replied(id: string): Promise<void>;
  /** Replies (message frames) per client message id. */
  repliesTo(id: string): Frame[];
  close(): void;
}

export function createChatClient(session = randomBytes(32).toString("base64url")): ChatClient {
  const frames: Frame[] = [];
  let socket: WebSocket | undefined;
  let cursor: string | undefined;
  const waiting = new Map<string, () => void>();
  const client: ChatClient = {
    session,
    conversation: "",
    frames,
    async connect(baseUrl) {
      socket?.terminate();
      const next = new WebSocket(`${baseUrl.replace(/^http/, "ws")}api/chat/ws`);
      socket = next;
      await new Promise<void>((resolve, reject) => {
        next.once("error", reject);
        next.once("close", (code) => reject(new Error(`chat WebSocket closed (${code}) before ready`)));
        next.once("open", () =>
          next.send(JSON.stringify({ type: "hello", session, ...(cursor ? { after: cursor } : {}) })),
        );
        next.on("message", (data) => {
          const frame = JSON.parse(String(data)) as Frame;
          if (frame.cursor) cursor = frame.cursor;
          if (frame.type === "ready") {
            client.conversation = frame.conversation ?? "";
            resolve();
          } else {
            frames.push(frame);
            if (frame.replyTo !== undefined) waiting.get(frame.replyTo)?.();
          }
        });
      });
      next.removeAllListeners("close");
      next.removeAllListeners("error");
      next.on("error", () => undefined); // a killed server: the test reconnects elsewhere
    },
    send(id, text) {
      socket?.send(JSON.stringify({ type: "message", id, text }));
    },
    press(id, action, value) {
      socket?.send(JSON.stringify({ type: "action", id, action, ...(value ? { value } : {}) }));
    },
    replied(id) {
      if (client.repliesTo(id).length > 0) return Promise.resolve();
      return new Promise<void>((resolve) =>
        waiting.set(id, () => {
          waiting.delete(id);
          resolve();
        }),
      );
    },
    repliesTo: (id) => frames.filter((frame) => frame.type === "message" && frame.replyTo === id),
    close() {
      socket?.terminate();
    },
  };
  return client;
}
