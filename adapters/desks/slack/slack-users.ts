import { z } from "zod";
import type { Logger } from "../../../src/core/logger.ts";
import type { SlackApi } from "./slack-api.ts";

const userInfoSchema = z.object({
  user: z.object({
    name: z.string().optional(),
    real_name: z.string().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

const MAX_CACHED = 1_000;
const CACHE_MS = 60 * 60 * 1000;

/** Agent names for Slack user ids: what customers see ("Mina from support has joined"). */
export interface SlackUserNames {
  /** The display name, else the real name, else `fallback`, else the id. Never throws. */
  name(userId: string, fallback?: string): Promise<string>;
}

/**
 * Resolves names with `users.info` (needs `users:read`) and caches them for an hour, so a busy
 * thread does not call Slack for every reply.
 * @see https://docs.slack.dev/reference/methods/users.info
 */
export function createSlackUserNames(options: {
  api: SlackApi;
  logger: Logger;
  now?: () => number;
}): SlackUserNames {
  const now = options.now ?? Date.now;
  const cache = new Map<string, { name: string; at: number }>();
  return {
    async name(userId, fallback) {
      const cached = cache.get(userId);
      if (cached && now() - cached.at < CACHE_MS) return cached.name;
      try {
        const info = userInfoSchema.parse(await options.api.call("users.info", { user: userId }));
        const { profile } = info.user;
        const name =
          [profile?.display_name, profile?.real_name, info.user.real_name, info.user.name, fallback]
            .map((candidate) => candidate?.trim())
            .find((candidate) => candidate) ?? userId;
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value ?? "");
        cache.set(userId, { name, at: now() });
        return name;
      } catch (error) {
        options.logger.warn(
          { err: error, userId },
          "could not resolve a Slack user's name: using the handle",
        );
        return fallback?.trim() || userId;
      }
    },
  };
}
