import type { StoredMessage } from "./payloads.ts";
import type { EmulatedChannel } from "./world.ts";

/** One captured REST request (path without `/api/v10`). */
export interface CapturedRequest {
  method: string;
  path: string;
  body: Record<string, unknown>;
  at: number;
}

/** An injected failure: an HTTP status (0 = connection reset) for the next matching requests. */
export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  times: number;
  /** Apply the request, then answer with the failure (the response was "lost"). */
  afterCommit?: boolean;
}

export interface EmulatedInteraction {
  id: string;
  token: string;
  channelId: string;
  dispatchedAt: number;
  acknowledged: boolean;
  callbackType?: number;
  /** For a component interaction: the message the button is on. */
  messageId?: string;
}

export interface Refusal {
  code: number;
  message: string;
}

/** Everything the REST side knows and remembers. */
export interface RestState {
  token: string;
  channels: Map<string, EmulatedChannel>;
  messages: Map<string, StoredMessage>;
  nonces: Map<string, StoredMessage>;
  interactions: Map<string, EmulatedInteraction>;
  commands: Map<string, unknown[]>;
  requests: CapturedRequest[];
  failures: Failure[];
  /** Channel id → the 403 Discord answers when the bot posts there. */
  refusals: Map<string, Refusal>;
  threadRefusals: Map<string, Refusal>;
  dmRefusals: Map<string, Refusal>;
  nextId(): string;
  gatewayInfo(): unknown;
  dispatch(t: string, d: unknown): void;
  openDm(userId: string): EmulatedChannel;
}

export function takeFailure(state: RestState, method: string, path: string): Failure | undefined {
  const failure = state.failures.find((entry) => entry.method === method && entry.path.test(path));
  if (!failure) return undefined;
  failure.times--;
  if (failure.times <= 0) state.failures.splice(state.failures.indexOf(failure), 1);
  return failure;
}

/**
 * Discord's validation of a message body, for the limits the adapter must respect: 2,000
 * characters, 5 action rows of 5 buttons, custom ids of at most 100 characters, unique per message.
 * Returns Discord-style `errors` or `undefined`.
 *
 * @see https://discord.com/developers/docs/resources/message#create-message-jsonform-params
 */
export function checkMessageBody(body: Record<string, unknown>): Record<string, unknown> | undefined {
  if (typeof body.content === "string" && body.content.length > 2_000) {
    return {
      content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length." }] },
    };
  }
  const rows = Array.isArray(body.components) ? (body.components as { components?: unknown[] }[]) : [];
  if (rows.length > 5) return { components: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } };
  const ids = new Set<string>();
  for (const row of rows) {
    const buttons = (row.components ?? []) as { custom_id?: string; url?: string; label?: string }[];
    if (buttons.length > 5) return { components: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } };
    for (const button of buttons) {
      if ((button.label?.length ?? 0) > 80)
        return { components: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } };
      if (button.url !== undefined) continue;
      const id = button.custom_id ?? "";
      if (id === "" || id.length > 100)
        return { components: { _errors: [{ code: "BASE_TYPE_BAD_LENGTH" }] } };
      if (ids.has(id)) return { components: { _errors: [{ code: "COMPONENT_CUSTOM_ID_DUPLICATED" }] } };
      ids.add(id);
    }
  }
  return undefined;
}
