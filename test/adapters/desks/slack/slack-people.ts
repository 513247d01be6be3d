import { expect } from "vitest";
import { talk } from "../../../helpers/bot-harness.ts";
import type { SlackCall } from "./fake-slack-api.ts";
import {
  blockAction,
  FORM,
  JSON_TYPE,
  MINA,
  postSigned,
  type SlackHarness,
  threadMessage,
} from "./slack-harness.ts";

/** Where a hand-off's packet lives in Slack. */
export interface PacketRef {
  channel: string;
  ts: string;
}

/** A customer who says `text`, then asks for a person through the core. */
export async function escalated(h: SlackHarness, text = "My payment was declined") {
  const chat = talk(h.app);
  await chat.send(text);
  await chat.send("/human");
  const record = await h.app.handoff.get(chat.conversation);
  const ref: PacketRef = { channel: record?.deskRef.channel ?? "", ts: record?.deskRef.ts ?? "" };
  return { chat, ref };
}

/** A person presses one of the packet's buttons in Slack (a signed `block_actions` request). */
export async function press(
  h: SlackHarness,
  actionId: string,
  conversation: string,
  ref: PacketRef,
  user = MINA,
) {
  const body = blockAction({ actionId, conversation, user, channel: ref.channel, messageTs: ref.ts });
  const response = await postSigned(h.eventsUrl, body, FORM);
  expect(response.status).toBe(200);
}

/** A person writes in the packet's thread (a signed `message` event). */
export async function say(h: SlackHarness, ref: PacketRef, text: string, user = MINA) {
  const { body } = threadMessage({ channel: ref.channel, threadTs: ref.ts, user, text });
  const response = await postSigned(h.eventsUrl, body, JSON_TYPE);
  expect(response.status).toBe(200);
}

type Block = { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] };

/** The hand-off buttons of a posted or updated packet (the ticket's controls are a block of their own). */
export const buttonsOf = (call: SlackCall | undefined) =>
  ((call?.args.blocks ?? []) as Block[])
    .filter((block) => block.type === "actions" && block.block_id !== "ticket_actions")
    .flatMap((block) => block.elements ?? []);
