import { z } from "zod";
import { commaList } from "../../../src/model/config-fields.ts";

const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/**
 * Slack as a customer channel, on the Slack desk's app (`SLACK_BOT_TOKEN` …): a plain `z.object`
 * merged into the config schema. Customers reach the bot by DM and @mention when
 * `SLACK_CUSTOMERS=true`; every message in `SLACK_SUPPORT_CHANNELS` is a question (Slack Connect
 * channels included).
 */
export const slackCustomerConfigSchema = z.object({
  SLACK_CUSTOMERS: z
    .enum(["true", "false"], { error: "SLACK_CUSTOMERS must be true or false" })
    .default("false")
    .transform((value) => value === "true"),
  SLACK_SUPPORT_CHANNELS: commaList.refine((ids) => ids.every((id) => CHANNEL_ID.test(id)), {
    error: "SLACK_SUPPORT_CHANNELS must be channel ids separated by commas, e.g. C0123456789,C0987654321",
  }),
});
export type SlackCustomerConfig = z.infer<typeof slackCustomerConfigSchema>;

/** Customer-channel options, or `undefined` when Slack is not a customer channel. */
export function slackCustomerOptionsFromConfig(
  config: SlackCustomerConfig,
): { supportChannels: string[] } | undefined {
  if (!config.SLACK_CUSTOMERS && config.SLACK_SUPPORT_CHANNELS.length === 0) return undefined;
  return { supportChannels: config.SLACK_SUPPORT_CHANNELS };
}
