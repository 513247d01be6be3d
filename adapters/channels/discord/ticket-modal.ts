import {
  type APIModalInteractionResponse,
  ComponentType,
  InteractionResponseType,
  TextInputStyle,
} from "discord.js";
import type { SupportedLanguage } from "../../../src/i18n/languages.ts";
import { TICKET_FORM_FIELDS } from "../../../src/tickets/ticket-input.ts";
import type { ModalSubmission } from "./discord-payloads.ts";

/**
 * The `custom_id` of the ticket form; a submission with it becomes the core's `ticket` command,
 * its inputs the command's `fields`.
 */
export const TICKET_MODAL_ID = "sb-modal:ticket";
export const TICKET_DESCRIPTION_INPUT = "description";
export const TICKET_ORDER_INPUT = "order";

/** Discord's limit on a paragraph text input; the core accepts longer descriptions. */
const DESCRIPTION_MAX = 4_000;
/** The core's limit on an order number (`TICKET_LIMITS.orderNumber`). */
const ORDER_MAX = 64;

// Labels are at most 45 characters, the title too.
const TEXT: Record<
  SupportedLanguage,
  { title: string; description: string; order: string; placeholder: string }
> = {
  en: {
    title: "Open a support ticket",
    description: "What happened?",
    placeholder: "What you did, what you expected and what happened instead",
    order: "Order number (optional)",
  },
  ko: {
    title: "지원 티켓 만들기",
    description: "어떤 문제가 있었나요?",
    placeholder: "무엇을 했고, 어떤 결과를 기대했고, 실제로 어떻게 되었는지",
    order: "주문 번호 (선택)",
  },
};

/**
 * The ticket form as a modal: a required paragraph for the description and an optional short
 * field for the order number. `/ticket details:…` pre-fills the description.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal
 * @see https://discord.com/developers/docs/components/reference#label
 * @see https://discord.com/developers/docs/components/reference#text-input
 */
export function ticketModal(language: SupportedLanguage, prefill = ""): APIModalInteractionResponse {
  const text = TEXT[language];
  const value = prefill.trim().slice(0, DESCRIPTION_MAX);
  return {
    type: InteractionResponseType.Modal,
    data: {
      custom_id: TICKET_MODAL_ID,
      title: text.title,
      components: [
        {
          type: ComponentType.Label,
          label: text.description,
          component: {
            type: ComponentType.TextInput,
            custom_id: TICKET_DESCRIPTION_INPUT,
            style: TextInputStyle.Paragraph,
            required: true,
            max_length: DESCRIPTION_MAX,
            placeholder: text.placeholder.slice(0, 100),
            ...(value === "" ? {} : { value }),
          },
        },
        {
          type: ComponentType.Label,
          label: text.order,
          component: {
            type: ComponentType.TextInput,
            custom_id: TICKET_ORDER_INPUT,
            style: TextInputStyle.Short,
            required: false,
            max_length: ORDER_MAX,
          },
        },
      ],
    },
  };
}

/**
 * The values of a submitted modal by input id. Reads both layouts Discord sends back: labels
 * (`{type: 18, component}`) and the older action rows of text inputs.
 *
 * @see https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object-modal-submit-data-structure
 */
export function modalValues(submission: ModalSubmission): Map<string, string> {
  const values = new Map<string, string>();
  for (const top of submission) {
    const inputs = [...(top.component ? [top.component] : []), ...(top.components ?? [])];
    for (const input of inputs) {
      if (input.custom_id !== undefined && typeof input.value === "string")
        values.set(input.custom_id, input.value);
    }
  }
  return values;
}

/**
 * The `ticket` command's fields from the form, named as the ticket flow reads them: each input as
 * the customer typed it (trimmed), never folded into one text to be parsed again. Empty inputs are
 * left out.
 */
export function ticketFields(values: ReadonlyMap<string, string>): Record<string, string> {
  const fields: Record<string, string> = {};
  const description = (values.get(TICKET_DESCRIPTION_INPUT) ?? "").trim();
  const order = (values.get(TICKET_ORDER_INPUT) ?? "").trim();
  if (description !== "") fields[TICKET_FORM_FIELDS.description] = description;
  if (order !== "") fields[TICKET_FORM_FIELDS.orderNumber] = order;
  return fields;
}
