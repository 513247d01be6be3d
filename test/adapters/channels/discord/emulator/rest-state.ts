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
  /** 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 5 MODAL_SUBMIT. */
  type: number;
  channelId: string;
  dispatchedAt: number;
  acknowledged: boolean;
  callbackType?: number;
  /** The `data` of the interaction response (a modal's title and inputs, a deferral's flags). */
  callbackData?: Record<string, unknown>;
  /**
   * The interaction's `@original` message: the message a pressed button is on, or the response
   * message a (deferred) reply created.
   */
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

const MODAL_LIMITS = { title: 45, label: 45, components: 5, valueLength: 4_000 } as const;

/**
 * Discord's validation of a modal response: a title and custom id, 1–5 labels (or legacy action
 * rows) each holding one text input with a custom id, a style, and lengths within 4,000.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal
 * @see https://discord.com/developers/docs/components/reference#text-input
 */
export function checkModal(data: Record<string, unknown> | undefined): string | undefined {
  if (!data) return "modal data is missing";
  if (typeof data.custom_id !== "string" || data.custom_id === "" || data.custom_id.length > 100)
    return "custom_id must be 1–100 characters";
  if (typeof data.title !== "string" || data.title === "" || data.title.length > MODAL_LIMITS.title)
    return "title must be 1–45 characters";
  const top = Array.isArray(data.components) ? (data.components as Record<string, unknown>[]) : [];
  if (top.length < 1 || top.length > MODAL_LIMITS.components) return "a modal has 1–5 components";
  for (const component of top) {
    const label = component.type === 18 ? component.label : undefined;
    const inputs =
      component.type === 18
        ? [component.component as Record<string, unknown>]
        : ((component.components ?? []) as Record<string, unknown>[]);
    if (component.type === 18 && (typeof label !== "string" || label.length > MODAL_LIMITS.label))
      return "a label's text must be at most 45 characters";
    if (component.type !== 18 && component.type !== 1) return `component type ${component.type} in a modal`;
    for (const input of inputs) {
      if (input?.type !== 4 || typeof input.custom_id !== "string")
        return "inputs need type 4 and a custom_id";
      if (input.style !== 1 && input.style !== 2) return "a text input's style is 1 (short) or 2 (paragraph)";
      if (typeof input.max_length === "number" && input.max_length > MODAL_LIMITS.valueLength)
        return "max_length is at most 4000";
      if (component.type === 18 && input.label !== undefined) return "a text input in a label has no label";
    }
  }
  return undefined;
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
