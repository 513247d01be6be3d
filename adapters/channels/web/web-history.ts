import { z } from "zod";
import type { TranscriptEntry } from "../../../src/core/transcript.ts";
import { toWebMessage, type WebMessage } from "./web-render.ts";

/** One line of the web chat's history, as the page shows it (bot lines with their HTML). */
export type HistoryMessage = { from: "user"; text: string } | ({ from: "bot" } & WebMessage);

/** A page of history, oldest first, and the cursor of the page before it (null: nothing older). */
export interface HistoryPage {
  messages: HistoryMessage[];
  before: string | null;
}

/** Where a message sits: its turn (time and event id) and its place in the turn (0 = the customer). */
const positionSchema = z.tuple([z.number(), z.string(), z.number().int().min(0)]);
type Position = z.infer<typeof positionSchema>;

/** Thrown for a cursor this server did not make. */
export class InvalidCursorError extends Error {}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

function decodeCursor(cursor: string): Position {
  try {
    return positionSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new InvalidCursorError("before is not a cursor from a previous history page");
  }
}

/**
 * One page of a conversation's history: the `limit` messages just before `before` (the newest when
 * there is no cursor). A cursor names a message by its turn rather than by its index, so pages stay
 * right while new turns are appended and the oldest are trimmed; a cursor whose turn was trimmed
 * away has nothing before it.
 */
export function historyPage(
  entries: readonly TranscriptEntry[],
  query: { before?: string | undefined; limit: number },
): HistoryPage {
  const items: { position: Position; message: HistoryMessage }[] = [];
  for (const entry of entries) {
    if (entry.type === "message") {
      items.push({ position: [entry.at, entry.eventId, 0], message: { from: "user", text: entry.text } });
    }
    entry.replies.forEach((reply, index) => {
      items.push({
        position: [entry.at, entry.eventId, index + 1],
        message: { from: "bot", ...toWebMessage(reply) },
      });
    });
  }
  let end = items.length;
  if (query.before !== undefined) {
    const [at, eventId, part] = decodeCursor(query.before);
    end = Math.max(
      0,
      items.findIndex(
        ({ position }) => position[0] === at && position[1] === eventId && position[2] === part,
      ),
    );
  }
  const start = Math.max(0, end - query.limit);
  const first = items[start];
  return {
    messages: items.slice(start, end).map((item) => item.message),
    before: start > 0 && first ? encodeCursor(first.position) : null,
  };
}
