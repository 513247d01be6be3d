import { wellFormedString } from "./well-formed.ts";

/**
 * A conversation address: `channel:conversation[:thread]`, for example `web:4f1c…`,
 * `telegram:123456789` or `discord:1098:1200` (a thread in a channel). Channel names are lower-case
 * identifiers; the conversation and thread parts may contain anything but `:` (which adapters escape
 * as `%3A`).
 */
export interface Address {
  channel: string;
  conversation: string;
  thread?: string;
}

const channelPattern = /^[a-z][a-z0-9-]*$/;

function escapePart(part: string): string {
  return part.replaceAll("%", "%25").replaceAll(":", "%3A");
}

function unescapePart(part: string): string {
  return part.replaceAll("%3A", ":").replaceAll("%25", "%");
}

/** Encodes an address as its canonical string form. */
export function encodeAddress(address: Address): string {
  if (!channelPattern.test(address.channel)) {
    throw new Error(`Invalid channel name "${address.channel}": use lower-case letters, digits and dashes.`);
  }
  const head = `${address.channel}:${escapePart(address.conversation)}`;
  return address.thread === undefined ? head : `${head}:${escapePart(address.thread)}`;
}

/** Parses `channel:conversation[:thread]`; throws on anything else. */
export function decodeAddress(value: string): Address {
  const parts = value.split(":");
  const [channel, conversation, thread] = parts;
  if (
    parts.length < 2 ||
    parts.length > 3 ||
    channel === undefined ||
    !channelPattern.test(channel) ||
    !conversation
  ) {
    throw new Error(`Invalid conversation address "${value}": expected "channel:conversation[:thread]".`);
  }
  const address: Address = { channel, conversation: unescapePart(conversation) };
  if (thread) address.thread = unescapePart(thread);
  return address;
}

/** Zod schema for an encoded address string. */
export const addressStringSchema = wellFormedString().refine(
  (value) => {
    try {
      decodeAddress(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected a conversation address "channel:conversation[:thread]"' },
);
