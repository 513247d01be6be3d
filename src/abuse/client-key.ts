import { isIPv4, isIPv6 } from "node:net";

/**
 * The `clientKey` an adapter passes for an anonymous client, from its remote address: IPv4 as is
 * (also when written IPv4-mapped, `::ffff:1.2.3.4`), IPv6 cut to its /64 — one subscriber line gets a
 * whole /64 and can pick a new address in it for every request. Anything else is kept, trimmed.
 */
export function clientKeyFromAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(trimmed)) return trimmed;
  const bare = trimmed.split("%")[0] ?? trimmed; // zone index (fe80::1%eth0)
  if (!isIPv6(bare)) return trimmed.slice(0, 256);
  return `${expandIPv6(bare).slice(0, 4).join(":")}::/64`;
}

/** The eight hextets of an IPv6 address, without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  // An embedded IPv4 tail (::1.2.3.4) counts as two hextets; it is past the /64 anyway.
  const width = (list: string[]) => list.reduce((n, group) => n + (group.includes(".") ? 2 : 1), 0);
  const missing = 8 - width(left) - width(right);
  return [...left, ...Array.from({ length: missing }, () => "0"), ...right].map((group) =>
    group.includes(".") ? group : (Number.parseInt(group, 16) || 0).toString(16),
  );
}
