import { afterEach, describe, expect, it } from "vitest";
import { TRANSFER_NOTE_FIELD } from "../../../../adapters/desks/slack/transfer-modal.ts";
import { expectTurn, hasFixtureKb, sentOn, talk } from "../../../helpers/bot-harness.ts";
import type { SlackCall } from "./fake-slack-api.ts";
import {
  FORM,
  JOON,
  MINA,
  postSigned,
  type SlackHarness,
  startSlackHarness,
  viewSubmission,
} from "./slack-harness.ts";
import { type PacketRef, press, say } from "./slack-people.ts";

let seq = 0;

/** A person uses one of the packet's ticket controls (a signed `block_actions` request). */
async function ticketControl(
  h: SlackHarness,
  ref: PacketRef,
  control: { actionId: string; value?: string; selected?: string },
  user = MINA,
) {
  const action = {
    type: control.selected ? "static_select" : "button",
    action_id: control.actionId,
    block_id: "ticket_actions",
    ...(control.value ? { value: control.value } : {}),
    ...(control.selected
      ? { selected_option: { text: { type: "plain_text", text: control.selected }, value: control.selected } }
      : {}),
    action_ts: `1700003000.${String(++seq).padStart(6, "0")}`,
  };
  const payload = {
    type: "block_actions",
    team: { id: "T0001", domain: "acme" },
    user: { id: user, username: `${user.toLowerCase()}.handle`, team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
    container: { type: "message", message_ts: ref.ts, channel_id: ref.channel, is_ephemeral: false },
    trigger_id: `trigger.ticket.${seq}`,
    channel: { id: ref.channel, name: "billing" },
    message: { type: "message", ts: ref.ts, text: "ticket" },
    response_url: "http://127.0.0.1:9/unused",
    actions: [action],
  };
  const response = await postSigned(
    h.eventsUrl,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    FORM,
  );
  expect(response.status).toBe(200);
}

type Block = {
  type: string;
  block_id?: string;
  elements?: { action_id?: string; value?: string; options?: { value: string }[] }[];
};
const ticketControls = (call: SlackCall | undefined) =>
  ((call?.args.blocks ?? []) as Block[]).find((block) => block.block_id === "ticket_actions")?.elements ?? [];

describe.skipIf(!hasFixtureKb)("the ticket lifecycle from Slack (Bolt + local Slack Web API)", () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  it("status buttons and transfer on the team-channel post: waiting on customer, their reply, transfer, solve", async () => {
    h = await startSlackHarness();
    const chat = talk(h.app, "test:slack-lifecycle", "user-slack");
    expectTurn(
      await chat.send("/ticket I was charged twice for order PM-20931, please refund one"),
      "ticket",
    );
    const record = await h.app.handoff.get(chat.conversation);
    const ref: PacketRef = { channel: record?.deskRef.channel ?? "", ts: record?.deskRef.ts ?? "" };
    expect(ref.channel).toBe("CBILL0001");
    const posted = h.api.callsTo("chat.postMessage")[0];
    const controls = ticketControls(posted);
    expect(controls.map((control) => control.action_id)).toEqual([
      "ticket_status_pending_customer",
      "ticket_status_open",
      "ticket_status_solved",
      "ticket_transfer",
    ]);
    expect(controls.at(-1)?.options?.map((option) => option.value)).toContain("Technical support");
    expect(controls.at(-1)?.options?.map((option) => option.value)).not.toContain("Refunds and claims");

    // Claim and a thread reply reach the customer.
    await press(h, "handoff_claim", chat.conversation, ref);
    await say(h, ref, "Which card was charged twice?");
    await expect
      .poll(() => sentOn(h.app).map((sent) => sent.message.text))
      .toContain("**Mina:** Which card was charged twice?");

    // Waiting on the customer: they are asked; the packet says so; their reply moves it back.
    await ticketControl(h, ref, { actionId: "ticket_status_pending_customer", value: "pending_customer" });
    await expect
      .poll(() =>
        sentOn(h.app)
          .map((sent) => sent.message.text)
          .join("\n"),
      )
      .toMatch(/needs a bit more information from you/);
    expect((await h.app.tickets.store.get("T-1001"))?.status).toBe("pending_customer");
    await expect
      .poll(() =>
        String(
          h.api.callsTo("chat.update").at(-1)?.args.blocks
            ? JSON.stringify(h.api.callsTo("chat.update").at(-1)?.args.blocks)
            : "",
        ),
      )
      .toContain("waiting on customer");
    await chat.send("The Visa ending in 1111");
    expect((await h.app.tickets.store.get("T-1001"))?.status).toBe("open");
    const thread = () =>
      h.api
        .callsTo("chat.postMessage")
        .filter((call) => call.args.thread_ts === ref.ts)
        .map((call) => String(call.args.text));
    await expect.poll(() => thread().join("\n")).toMatch(/Customer replied: back with the team/);

    // Transfer to Technical support: the select opens a form for the note; nothing moves until it is sent.
    await ticketControl(h, ref, { actionId: "ticket_transfer", selected: "Technical support" }, JOON);
    await expect.poll(() => h.api.callsTo("views.open").length).toBe(1);
    const form = h.api.callsTo("views.open")[0]?.args.view as {
      callback_id: string;
      private_metadata: string;
    };
    expect(form.callback_id).toBe("ticket_transfer");
    expect(await h.app.tickets.store.get("T-1001")).toMatchObject({ team: "Refunds and claims" });
    const tooLong = await postSigned(
      h.eventsUrl,
      viewSubmission({
        user: JOON,
        callbackId: form.callback_id,
        privateMetadata: form.private_metadata,
        values: { [TRANSFER_NOTE_FIELD]: { value: { type: "plain_text_input", value: "x".repeat(501) } } },
      }),
      FORM,
    );
    expect(await tooLong.json()).toMatchObject({ response_action: "errors" });
    expect(await h.app.tickets.store.get("T-1001")).toMatchObject({ team: "Refunds and claims" });
    const sent = await postSigned(
      h.eventsUrl,
      viewSubmission({
        user: JOON,
        callbackId: form.callback_id,
        privateMetadata: form.private_metadata,
        values: {
          [TRANSFER_NOTE_FIELD]: {
            value: { type: "plain_text_input", value: "Card ends 1111; the export bug is the real issue" },
          },
        },
      }),
      FORM,
    );
    expect(sent.status).toBe(200);
    // The customer is told, the ticket moves, that team's channel is pointed to it, the note stays internal.
    await expect
      .poll(() =>
        sentOn(h.app)
          .map((sent) => sent.message.text)
          .join("\n"),
      )
      .toMatch(/specialist from our Technical support team has taken over/);
    expect(await h.app.tickets.store.get("T-1001")).toMatchObject({ team: "Technical support" });
    const pointer = h.api.callsTo("chat.postMessage").find((call) => call.args.channel === "CTECH0001");
    expect(String(pointer?.args.text)).toMatch(/Transferred to Technical support by Joon: T-1001/);
    await expect
      .poll(() => thread().join("\n"))
      .toMatch(/Transferred to Technical support, unassigned by Joon/);
    await expect.poll(() => thread().join("\n")).toMatch(/Card ends 1111; the export bug is the real issue/);
    expect(
      sentOn(h.app)
        .map((message) => message.message.text)
        .join("\n"),
    ).not.toMatch(/export bug/);

    // Solve: the customer is asked to rate.
    await ticketControl(h, ref, { actionId: "ticket_status_solved", value: "solved" });
    await expect
      .poll(() =>
        sentOn(h.app)
          .map((sent) => sent.message.text)
          .join("\n"),
      )
      .toMatch(/How would you rate our help with \*\*T-1001\*\*/);
    expect((await h.app.tickets.store.get("T-1001"))?.status).toBe("solved");
  });

  it("a ticket control on a packet whose ticket is gone changes nothing and says so", async () => {
    h = await startSlackHarness();
    const chat = talk(h.app, "test:slack-gone", "user-gone");
    await chat.send("/ticket I was charged twice for order PM-20931, please refund one");
    const record = await h.app.handoff.get(chat.conversation);
    const ref: PacketRef = { channel: record?.deskRef.channel ?? "", ts: record?.deskRef.ts ?? "" };
    await press(h, "handoff_close", chat.conversation, ref);
    await ticketControl(h, ref, { actionId: "ticket_status_open", value: "open" });
    await expect
      .poll(() =>
        h.api
          .callsTo("chat.postEphemeral")
          .map((call) => String(call.args.text))
          .join("\n"),
      )
      .toMatch(/no open ticket any more/);
    expect((await h.app.tickets.store.get("T-1001"))?.status).toBe("solved");
  });
});
