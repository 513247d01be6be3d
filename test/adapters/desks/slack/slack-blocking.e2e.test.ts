import { afterEach, describe, expect, it } from "vitest";
import { BLOCK_FIELDS, BLOCK_VIEW_ID } from "../../../../adapters/desks/slack/block-modal.ts";
import { hasFixtureKb, sentOn } from "../../../helpers/bot-harness.ts";
import {
  blockAction,
  DESK_CHANNEL,
  FORM,
  JOON,
  MINA,
  postSigned,
  type SlackHarness,
  slashCommand,
  startSlackHarness,
  viewSubmission,
} from "./slack-harness.ts";
import { buttonsOf, escalated, type PacketRef } from "./slack-people.ts";

type View = { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };

describe.skipIf(!hasFixtureKb)("blocking customers from Slack (Bolt + local Slack Web API)", () => {
  let h: SlackHarness;
  afterEach(async () => {
    await h?.close();
  });

  const threadPosts = (ref: PacketRef) =>
    h.api.callsTo("chat.postMessage").filter((call) => call.args.thread_ts === ref.ts);

  /** Presses a customer button on the packet; returns the value it carried. */
  async function pressCustomerButton(actionId: string, ref: PacketRef, user = MINA) {
    const button = buttonsOf(
      h.api.callsTo("chat.update").at(-1) ?? h.api.callsTo("chat.postMessage")[0],
    ).find((element) => element.action_id === actionId);
    if (!button?.value) throw new Error(`no ${actionId} button on the packet`);
    const body = blockAction({
      actionId,
      conversation: button.value,
      user,
      channel: ref.channel,
      messageTs: ref.ts,
    });
    expect((await postSigned(h.eventsUrl, body, FORM)).status).toBe(200);
  }

  async function submitForm(view: View, reason: string, duration = "24h", user = MINA) {
    const body = viewSubmission({
      user,
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: {
        [BLOCK_FIELDS.reason]: { value: { type: "plain_text_input", value: reason } },
        [BLOCK_FIELDS.duration]: {
          value: {
            type: "static_select",
            selected_option: { value: duration, text: { type: "plain_text", text: duration } },
          },
        },
      },
    });
    return postSigned(h.eventsUrl, body, FORM);
  }

  async function command(name: string, text: string, channel = DESK_CHANNEL, user = MINA) {
    const response = await postSigned(
      h.eventsUrl,
      slashCommand({ command: name, text, user, channel }),
      FORM,
    );
    expect(response.status).toBe(200);
    return response.text();
  }

  it("Block on the packet opens a form; submitting it blocks with the Slack user on record; the customer is told once and never reaches the thread", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    expect(buttonsOf(h.api.callsTo("chat.postMessage")[0]).map((button) => button.action_id)).toEqual([
      "handoff_claim",
      "handoff_close",
      "handoff_return",
      "customer_block",
    ]);

    await pressCustomerButton("customer_block", ref);
    const opened = h.api.callsTo("views.open").at(-1);
    expect(opened?.args.trigger_id).toMatch(/^trigger\./);
    const view = opened?.args.view as View;
    expect(view.callback_id).toBe(BLOCK_VIEW_ID);
    expect(view.blocks.map((block) => block.block_id).filter(Boolean)).toEqual([
      BLOCK_FIELDS.reason,
      BLOCK_FIELDS.duration,
    ]);
    expect(await h.app.blocks.list()).toEqual([]);

    // No reason: the form stays open with the error under the field, nothing is stored.
    const refused = await submitForm(view, "   ");
    expect(await refused.json()).toEqual({
      response_action: "errors",
      errors: { [BLOCK_FIELDS.reason]: expect.stringMatching(/reason is required/) },
    });
    expect(await h.app.blocks.list()).toEqual([]);

    expect((await submitForm(view, "Abusive language towards the team", "24h")).status).toBe(200);
    const [block] = await h.app.blocks.list();
    expect(block).toMatchObject({
      channel: "test",
      userId: chat.conversation.replace(/^test:/, "") === "" ? "" : "user-1",
      conversation: chat.conversation,
      reason: "Abusive language towards the team",
      blockedBy: { id: MINA, name: "Mina" },
    });
    expect((block?.expiresAt ?? 0) - (block?.blockedAt ?? 0)).toBe(24 * 3_600_000);

    // The packet shows it, with Unblock instead of Block, and the thread keeps a line.
    const updated = h.api.callsTo("chat.update").at(-1);
    expect(JSON.stringify(updated?.args.blocks)).toContain("Customer blocked");
    expect(JSON.stringify(updated?.args.blocks)).toContain("by *Mina*: Abusive language towards the team");
    expect(buttonsOf(updated).map((button) => button.action_id)).toContain("customer_unblock");
    expect(threadPosts(ref).at(-1)?.args.text).toMatch(/Customer blocked until .+ by Mina: Abusive language/);

    const postsBefore = threadPosts(ref).length;
    const told = await chat.send("why is nobody answering");
    expect(told.replies[0]?.text).toMatch(/^You can no longer message support here/);
    for (const text of ["hello?", "/human", "/ticket I want a refund now"]) {
      expect(await chat.send(text)).toMatchObject({ refused: "blocked", replies: [] });
    }
    expect(threadPosts(ref)).toHaveLength(postsBefore);
    expect(sentOn(h.app).filter((sent) => /no longer message support/.test(sent.message.text))).toHaveLength(
      1,
    );
  });

  it("Unblock on the packet lifts the block with the Slack user on record", async () => {
    h = await startSlackHarness();
    const { chat, ref } = await escalated(h);
    await h.app.blocks.block({
      channel: "test",
      userId: "user-1",
      reason: "spam",
      duration: "7d",
      actor: { id: MINA, name: "Mina" },
    });
    await pressCustomerButton("customer_unblock", ref, JOON);
    expect(await h.app.blocks.list()).toEqual([]);
    const [lifted] = await h.app.blocks.history("test", "user-1");
    expect(lifted?.lifted).toMatchObject({ by: { id: JOON, name: "Joon" } });
    expect(buttonsOf(h.api.callsTo("chat.update").at(-1)).map((button) => button.action_id)).toContain(
      "customer_block",
    );
    expect(threadPosts(ref).at(-1)?.args.text).toBe("Customer unblocked by Joon: the bot answers them again");
    expect((await chat.send("What payment methods do you accept?")).refused).toBeUndefined();
  });

  it("/switchboard-block and /switchboard-unblock work in a desk channel only, with usage on mistakes", async () => {
    h = await startSlackHarness();
    expect(
      await command("/switchboard-block", "telegram:4242 7d spam links in every message", "CRANDOM01"),
    ).toBe("Use this command in a support desk channel.");
    expect(await command("/switchboard-block", "telegram:4242 soon spam")).toMatch(
      /^Not blocked: duration must be like 30m, 2h, 7d, 4w or permanent\.\nUsage:/,
    );
    expect(await command("/switchboard-block", "telegram:4242 7d")).toMatch(
      /^Not blocked: reason is required/,
    );
    expect(await command("/switchboard-block", "4242 7d spam")).toMatch(
      /^Not blocked: the customer must be written channel:userId/,
    );
    expect(await h.app.blocks.list()).toEqual([]);

    expect(
      await command("/switchboard-block", "telegram:4242 permanent spam links in every message"),
    ).toMatch(/^Blocked\. `telegram:4242` blocked permanently by Mina: spam links in every message$/);
    expect(await h.app.blocks.list()).toEqual([
      expect.objectContaining({
        channel: "telegram",
        userId: "4242",
        expiresAt: null,
        reason: "spam links in every message",
        blockedBy: { id: MINA, name: "Mina" },
      }),
    ]);
    expect(await command("/switchboard-block", "")).toMatch(/^`telegram:4242` blocked permanently by Mina/);

    expect(
      await command("/switchboard-unblock", "telegram:4242 sorted out by email", DESK_CHANNEL, JOON),
    ).toMatch(/^Unblocked `telegram:4242`/);
    expect(await h.app.blocks.list()).toEqual([]);
    const [lifted] = await h.app.blocks.history("telegram", "4242");
    expect(lifted?.lifted).toMatchObject({ by: { id: JOON, name: "Joon" }, reason: "sorted out by email" });
    expect(await command("/switchboard-unblock", "telegram:4242")).toBe("`telegram:4242` is not blocked.");
  });
});
