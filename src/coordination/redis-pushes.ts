import { createClient } from "@keyv/redis";
import { z } from "zod";
import type { PushedFrame, Pushes } from "../core/pushes.ts";
import { connectWithin } from "./redis-coordinator.ts";

export interface RedisPushesOptions {
  url: string;
  /** Key and channel prefix, so several bots can share one Redis. */
  prefix?: string;
  /** How long kept frames (and `once` marks) live after the last publish to their key (default 1 day). */
  keepMs?: number;
}

// KEYS: the key's stream, its `once` set. ARGV: channel, key, frame JSON, keep, once, keepMs.
// Logging and publishing in one script: the log's order is the order subscribers hear.
const PUBLISH = `
local ttl = tonumber(ARGV[6])
if ARGV[5] ~= "" then
  if redis.call("sadd", KEYS[2], ARGV[5]) == 0 then return false end
  redis.call("pexpire", KEYS[2], ttl)
end
local id
if tonumber(ARGV[4]) > 0 then
  id = redis.call("xadd", KEYS[1], "MAXLEN", ARGV[4], "*", "f", ARGV[3])
  redis.call("pexpire", KEYS[1], ttl)
else
  local t = redis.call("time")
  id = t[1] .. string.format("%06d", tonumber(t[2])) .. "-0"
end
redis.call("publish", ARGV[1], cjson.encode({ k = ARGV[2], i = id, f = ARGV[3] }))
return id`;

const messageSchema = z.object({ k: z.string(), i: z.string(), f: z.string() });
const STREAM_ID = /^\d+-\d+$/;

/**
 * {@link Pushes} for several processes on one Redis: a frame is published on the topic's channel
 * (pub/sub, heard by every process) and, when kept, appended to a stream per key (`XADD MAXLEN`),
 * in one script so the stream and the channel agree on order. A reconnecting client reads the
 * stream after the last id it saw.
 */
export async function createRedisPushes(options: RedisPushesOptions): Promise<Pushes> {
  const client = createClient({ url: options.url });
  client.on("error", () => undefined); // surfaced through failing commands instead
  await connectWithin(client, options.url, 10_000);
  const prefix = options.prefix ?? "switchboard:";
  const keepMs = options.keepMs ?? 24 * 3600 * 1000;
  const subscriber = client.duplicate();
  subscriber.on("error", () => undefined); // node-redis reconnects; pushes resume when it does
  await subscriber.connect();
  const listeners = new Map<string, Set<(key: string, pushed: PushedFrame) => void>>();
  const channelOf = (topic: string) => `${prefix}push:${topic}`;
  const streamOf = (topic: string, key: string) => `${prefix}push:${topic}:${key}`;

  function hear(topic: string, raw: string): void {
    let pushed: PushedFrame;
    let key: string;
    try {
      const message = messageSchema.parse(JSON.parse(raw));
      pushed = { id: message.i, frame: JSON.parse(message.f) as unknown };
      key = message.k;
    } catch {
      return; // not one of ours: another program published on the channel
    }
    for (const listener of listeners.get(topic) ?? []) listener(key, pushed);
  }

  return {
    async publish(topic, key, frame, publishOptions = {}) {
      const stream = streamOf(topic, key);
      const id = await client.eval(PUBLISH, {
        keys: [stream, `${stream}:once`],
        arguments: [
          channelOf(topic),
          key,
          JSON.stringify(frame),
          String(publishOptions.keep ?? 0),
          publishOptions.once ?? "",
          String(keepMs),
        ],
      });
      return typeof id === "string" ? id : undefined;
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        subscriber.subscribe(channelOf(topic), (raw) => hear(topic, raw)).catch(() => undefined);
      }
      set.add(listener);
      const own = set;
      return () => own.delete(listener);
    },
    async since(topic, key, afterId) {
      const start = afterId !== undefined && STREAM_ID.test(afterId) ? `(${afterId}` : "-";
      const entries = await client.xRange(streamOf(topic, key), start, "+");
      return entries.map((entry) => ({
        id: entry.id,
        frame: JSON.parse(entry.message.f ?? "null") as unknown,
      }));
    },
    async latest(topic, key) {
      const [newest] = await client.xRevRange(streamOf(topic, key), "+", "-", { COUNT: 1 });
      return newest?.id ?? "0-0"; // before any frame: a client starting here is sent them all
    },
    async close() {
      listeners.clear();
      if (subscriber.isOpen) await subscriber.close();
      if (client.isOpen) await client.close();
    },
  };
}
