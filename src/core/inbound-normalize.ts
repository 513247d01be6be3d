import type { InboundEvent } from "../model/events.ts";
import type { Button } from "../model/outbound.ts";

const COMMAND = /^\/([a-z][a-z0-9_-]{0,31})(?:@\S+)?(?:\s+([\s\S]*))?$/i;

/**
 * Turns plain text into what the user meant on channels without native commands or buttons:
 * `/ticket broken app` becomes a `ticket` command, and "2" or a button's label after a reply with
 * buttons becomes that button's action.
 */
export function normalizeInbound(event: InboundEvent, offeredButtons: readonly Button[]): InboundEvent {
  if (event.type !== "message") return event;
  const text = event.text.trim();
  const command = COMMAND.exec(text);
  if (command?.[1]) {
    return {
      ...event,
      type: "command",
      command: command[1].toLowerCase(),
      args: (command[2] ?? "").trim(),
    };
  }
  const actions = offeredButtons.filter((button) => button.kind === "action");
  if (actions.length === 0 || text.length > 80) return event;
  const number = /^(\d{1,2})[.)]?$/.exec(text);
  const chosen = number
    ? actions[Number(number[1]) - 1]
    : actions.find((button) => button.label.toLowerCase() === text.toLowerCase());
  if (!chosen) return event;
  const action: InboundEvent = { ...baseOf(event), type: "action", action: chosen.action };
  if (chosen.value !== undefined) action.value = chosen.value;
  return action;
}

function baseOf(event: InboundEvent) {
  const { id, conversation, user, timestamp, raw, scope } = event;
  const base: Pick<InboundEvent, "id" | "conversation" | "user" | "timestamp" | "raw" | "scope"> = {
    id,
    conversation,
    user,
  };
  if (timestamp !== undefined) base.timestamp = timestamp;
  if (raw !== undefined) base.raw = raw;
  if (scope !== undefined) base.scope = scope;
  return base;
}
