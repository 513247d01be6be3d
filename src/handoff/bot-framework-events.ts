import type { TranscriptEntry } from "../core/transcript.ts";
import type { HandoffPacket } from "./desk.ts";

/** What happened to a hand-off, for listeners such as a Bot Framework agent hub. */
export type HandoffEvent =
  | { type: "initiated"; packet: HandoffPacket; transcript: TranscriptEntry[] }
  | { type: "accepted"; packet: HandoffPacket }
  | { type: "failed"; packet: HandoffPacket; message: string }
  | { type: "completed"; packet: HandoffPacket; message: string };

/** A Bot Framework event activity (the subset the hand-off protocol uses). */
export interface BotFrameworkEventActivity {
  type: "event";
  name: "handoff.initiate" | "handoff.status";
  conversation: { id: string };
  value: Record<string, unknown>;
  attachments?: { contentType: "application/json"; name: "Transcript"; content: unknown }[];
}

/**
 * Renders a hand-off event in the shape of Bot Framework's hand-off protocol: `handoff.initiate`
 * carries the context and the transcript, `handoff.status` carries `state` (`accepted`, `failed`,
 * `completed`) and a message.
 * @see https://learn.microsoft.com/azure/bot-service/bot-service-design-pattern-handoff-human
 */
export function toBotFrameworkActivity(event: HandoffEvent): BotFrameworkEventActivity {
  const conversation = { id: event.packet.conversation };
  if (event.type === "initiated") {
    return {
      type: "event",
      name: "handoff.initiate",
      conversation,
      value: {
        skill: event.packet.team ?? event.packet.category ?? "general",
        reason: event.packet.reason,
        priority: event.packet.priority,
        language: event.packet.language,
        customer: event.packet.customer,
        ticketId: event.packet.ticket?.id,
        summary: event.packet.summary,
      },
      attachments: [
        {
          contentType: "application/json",
          name: "Transcript",
          content: {
            activities: event.transcript.flatMap((entry) => [
              ...(entry.text
                ? [
                    {
                      type: "message",
                      from: { role: "user" },
                      text: entry.text,
                      timestamp: new Date(entry.at).toISOString(),
                    },
                  ]
                : []),
              ...entry.replies.map((reply) => ({
                type: "message",
                from: { role: "bot" },
                text: reply.text,
                timestamp: new Date(entry.at).toISOString(),
              })),
            ]),
          },
        },
      ],
    };
  }
  const value: Record<string, unknown> = { state: event.type };
  if (event.type !== "accepted") value.message = event.message;
  return { type: "event", name: "handoff.status", conversation, value };
}
