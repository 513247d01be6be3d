import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createComponentCodec } from "../../../../adapters/channels/discord/component-codec.ts";
import { interactionToEvent } from "../../../../adapters/channels/discord/discord-interactions.ts";
import { gatewayInteractionSchema } from "../../../../adapters/channels/discord/discord-payloads.ts";
import {
  modalValues,
  TICKET_MODAL_ID,
  ticketFields,
  ticketModal,
} from "../../../../adapters/channels/discord/ticket-modal.ts";
import { inboundEventSchema } from "../../../../src/model/events.ts";
import { checkModal } from "./emulator/rest-state.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));

describe("the /ticket modal", () => {
  it("asks for a required description (paragraph, 4,000) and an optional order number (short, 64)", () => {
    const modal = ticketModal("en");
    expect(modal.type).toBe(9);
    expect(checkModal(modal.data as unknown as Record<string, unknown>)).toBeUndefined();
    expect(modal.data).toMatchObject({
      custom_id: TICKET_MODAL_ID,
      components: [
        { type: 18, label: "What happened?", component: { style: 2, required: true, max_length: 4000 } },
        {
          type: 18,
          label: "Order number (optional)",
          component: { style: 1, required: false, max_length: 64 },
        },
      ],
    });
  });

  it("is localised and pre-filled from /ticket details, within Discord's limits", () => {
    const modal = ticketModal("ko", `${"앱이 멈춰요 ".repeat(800)}`);
    expect(checkModal(modal.data as unknown as Record<string, unknown>)).toBeUndefined();
    expect(modal.data.title).toBe("지원 티켓 만들기");
    const [description] = modal.data.components as { component: { value?: string } }[];
    expect(description?.component.value?.length).toBeLessThanOrEqual(4000);
    expect(JSON.stringify(ticketModal("en").data)).not.toContain('"value"');
  });

  it("reads submitted values in the label layout and in legacy action rows", () => {
    const labels = modalValues([
      { type: 18, component: { type: 4, custom_id: "description", value: "It broke" } },
      { type: 18, component: { type: 4, custom_id: "order", value: "" } },
    ]);
    const rows = modalValues([
      { type: 1, components: [{ type: 4, custom_id: "description", value: "It broke" }] },
    ]);
    expect(Object.fromEntries(labels)).toEqual({ description: "It broke", order: "" });
    expect(Object.fromEntries(rows)).toEqual({ description: "It broke" });
  });

  it("hands the inputs over as fields, each as typed, never folded into one text", () => {
    const values = new Map([
      ["description", "My order never arrived\n"],
      ["order", " PM-123 "],
    ]);
    expect(ticketFields(values)).toEqual({ description: "My order never arrived", orderNumber: "PM-123" });
    expect(
      ticketFields(
        new Map([
          ["description", "It broke again today"],
          ["order", "  "],
        ]),
      ),
    ).toEqual({
      description: "It broke again today",
    });
  });

  it("turns a MODAL_SUBMIT into the core's ticket command in the thread it came from", () => {
    const raw = fixture("interaction-create-modal-submit");
    const event = interactionToEvent(gatewayInteractionSchema.parse(raw), createComponentCodec(), raw);
    expect(inboundEventSchema.parse(event)).toMatchObject({
      type: "command",
      id: "1350067000000000000",
      command: "ticket",
      args: "My order never arrived in my library.\nI paid with a card.",
      fields: {
        description: "My order never arrived in my library.\nI paid with a card.",
        orderNumber: "PM-2024-0117",
      },
      conversation: "discord:1100000000000000110:1350066900000000000",
      scope: "private",
      user: { channel: "discord", id: "1100000000000000201", displayName: "Ali" },
    });
  });

  it("ignores a submitted modal that is not the ticket form", () => {
    const raw = fixture("interaction-create-modal-submit") as { data: { custom_id: string } };
    raw.data.custom_id = "someone-else:form";
    expect(
      interactionToEvent(gatewayInteractionSchema.parse(raw), createComponentCodec(), raw),
    ).toBeUndefined();
  });
});
