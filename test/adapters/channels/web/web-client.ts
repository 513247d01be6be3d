import { createHash } from "node:crypto";
import WebSocket from "ws";
import { conversationIdOf } from "../../../../adapters/channels/web/web-session.ts";

/** A valid session token, the same for the same label (43 base64url characters, like the page's). */
export function sessionToken(label: string): string {
  return createHash("sha256").update(`test-session:${label}`).digest("base64url");
}

/** The conversation address the bot uses for a session token. */
export function conversationOf(token: string): string {
  return `web:${conversationIdOf(token)}`;
}

export interface ChatFrame {
  type: string;
  id?: string;
  conversation?: string;
  error?: string;
  final?: boolean;
  message?: { text: string; buttons?: unknown[]; language?: string };
}

/**
 * Opens the chat WebSocket on `baseUrl` (`http://host:port/`), says hello with `token` and resolves
 * once the server answered `ready`. Every frame after `ready` is pushed to `frames`.
 */
export async function openChatSocket(
  baseUrl: string,
  token: string,
): Promise<{ socket: WebSocket; frames: ChatFrame[]; conversation: string }> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws").replace(/\/?$/, "/")}api/chat/ws`);
  const frames: ChatFrame[] = [];
  const conversation = await new Promise<string>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("close", (code) => reject(new Error(`the chat WebSocket closed (${code}) before ready`)));
    socket.once("open", () => socket.send(JSON.stringify({ type: "hello", session: token })));
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as ChatFrame;
      if (frame.type === "ready") resolve(frame.conversation ?? "");
      else frames.push(frame);
    });
  });
  socket.removeAllListeners("close");
  socket.removeAllListeners("error");
  return { socket, frames, conversation };
}
