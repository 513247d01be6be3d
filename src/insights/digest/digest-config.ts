import { z } from "zod";
import { ConfigError } from "../../model/errors.ts";
import { type DigestTime, parseDigestTime } from "./digest-job.ts";

/** The weekly digest's variables, merged into the app's config schema. Off unless the channel is set. */
export const digestConfigSchema = z.object({
  INSIGHTS_DIGEST_CHANNEL: z
    .string()
    .trim()
    .regex(/^[CG][A-Z0-9]{6,}$/, {
      error: "INSIGHTS_DIGEST_CHANNEL must be a Slack channel id like C0123456789 (channel details → About)",
    })
    .optional(),
  INSIGHTS_DIGEST_AT: z.string().default("mon 09:00"),
});

/** What the digest needs, or undefined when it is off. */
export interface DigestOptions {
  channel: string;
  token: string;
  apiUrl?: string | undefined;
  at: DigestTime;
}

/** @throws ConfigError when the digest is asked for without a Slack bot token, or at a bad time. */
export function digestOptionsFromConfig(config: {
  INSIGHTS_DIGEST_CHANNEL?: string | undefined;
  INSIGHTS_DIGEST_AT: string;
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_API_URL?: string | undefined;
}): DigestOptions | undefined {
  if (!config.INSIGHTS_DIGEST_CHANNEL) return undefined;
  if (!config.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      "INSIGHTS_DIGEST_CHANNEL needs SLACK_BOT_TOKEN: the weekly digest is posted by the Slack app (chat:write scope, bot in the channel)",
    );
  }
  return {
    channel: config.INSIGHTS_DIGEST_CHANNEL,
    token: config.SLACK_BOT_TOKEN,
    apiUrl: config.SLACK_API_URL,
    at: parseDigestTime(config.INSIGHTS_DIGEST_AT),
  };
}
