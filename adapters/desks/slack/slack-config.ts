import { z } from "zod";
import { ConfigError } from "../../../src/model/errors.ts";

/**
 * Conversation ids: public `C…`, private `G…` (older) channels. Names are not accepted because
 * inbound events carry ids, and the thread map is keyed by them.
 * @see https://docs.slack.dev/reference/objects/conversation-object
 */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
/** @see https://docs.slack.dev/reference/objects/usergroup-object */
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const KEY = /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u;

/** Parses `key=ID,key=ID` (keys are category ids or team names, matched case-insensitively). */
function idMap(variable: string, idPattern: RegExp, example: string) {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const map: Record<string, string> = {};
      for (const pair of value.split(",").map((part) => part.trim())) {
        if (pair === "") continue;
        const [key, id, extra] = pair.split("=").map((part) => part.trim());
        if (!key || !id || extra !== undefined || !KEY.test(key) || !idPattern.test(id)) {
          ctx.addIssue({
            code: "custom",
            message: `${variable} has an invalid entry "${pair}": use category=ID pairs separated by commas, e.g. ${example}`,
          });
          return z.NEVER;
        }
        map[key.toLowerCase()] = id;
      }
      return map;
    });
}

/**
 * The Slack desk variables, a plain `z.object` so `configSchema.extend(slackConfigSchema.shape)`
 * merges it. The desk is enabled when `SLACK_BOT_TOKEN` is set; rules that involve several
 * variables live in {@link slackOptionsFromConfig}.
 * @see https://docs.slack.dev/authentication/tokens
 */
export const slackConfigSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^xoxb-[A-Za-z0-9-]+$/, {
      error:
        "SLACK_BOT_TOKEN must be a bot token (xoxb-…): install the Slack app and copy the Bot User OAuth Token from OAuth & Permissions",
    })
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .trim()
    .min(8, {
      error: "SLACK_SIGNING_SECRET must be the Signing Secret from the Slack app's Basic Information page",
    })
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .regex(/^xapp-[A-Za-z0-9-]+$/, {
      error:
        "SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope, from Basic Information → App-Level Tokens",
    })
    .optional(),
  SLACK_API_URL: z
    .url({
      protocol: /^https?$/,
      error: "SLACK_API_URL must be an http(s) URL of the Slack Web API, e.g. https://slack.com/api/",
    })
    .default("https://slack.com/api/"),
  SLACK_DESK_CHANNEL: z
    .string()
    .trim()
    .regex(CHANNEL_ID, {
      error:
        "SLACK_DESK_CHANNEL must be a channel ID like C0123456789 (in Slack: channel name → View channel details → the ID at the bottom)",
    })
    .optional(),
  SLACK_TEAM_CHANNELS: idMap(
    "SLACK_TEAM_CHANNELS",
    CHANNEL_ID,
    "billing=C0123456789,technical=C0987654321",
  ).default({}),
  SLACK_TEAM_GROUPS: idMap("SLACK_TEAM_GROUPS", GROUP_ID, "billing=S0123456789").default({}),
});
export type SlackConfig = z.infer<typeof slackConfigSchema>;

/** What {@link createSlackDesk} needs from the environment (add `threads` and `logger`). */
export interface SlackEnvOptions {
  token: string;
  /** HTTP mode: requests from Slack arrive at `/slack/events`, signed with this secret. */
  signingSecret?: string;
  /** Socket Mode: the desk opens a WebSocket to Slack instead. */
  appToken?: string;
  apiUrl: string;
  defaultChannel: string;
  teamChannels: Record<string, string>;
  teamGroups: Record<string, string>;
}

/**
 * Desk options from validated config; `undefined` when `SLACK_BOT_TOKEN` is unset (the local desk
 * serves). Throws {@link ConfigError} when the variables do not fit together.
 */
export function slackOptionsFromConfig(config: SlackConfig): SlackEnvOptions | undefined {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) {
    const stray = (["SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_DESK_CHANNEL"] as const).filter(
      (key) => config[key],
    );
    if (stray.length > 0)
      throw new ConfigError(
        `${stray.join(", ")} ${stray.length > 1 ? "are" : "is"} set but SLACK_BOT_TOKEN is missing: set the Bot User OAuth Token (xoxb-…) to run the Slack desk, or remove ${stray.length > 1 ? "them" : "it"} to use the local desk.`,
      );
    return undefined;
  }
  if (!config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN)
    throw new ConfigError(
      "SLACK_BOT_TOKEN is set but Slack cannot reach the bot: set SLACK_SIGNING_SECRET (HTTP mode, requests to https://<host>/slack/events) or SLACK_APP_TOKEN (Socket Mode, xapp-… with connections:write).",
    );
  if (!config.SLACK_DESK_CHANNEL)
    throw new ConfigError(
      "SLACK_DESK_CHANNEL is missing: set the ID of the channel where hand-offs are posted (e.g. C0123456789); SLACK_TEAM_CHANNELS can route categories to other channels.",
    );
  return {
    token,
    ...(config.SLACK_SIGNING_SECRET ? { signingSecret: config.SLACK_SIGNING_SECRET } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
    apiUrl: config.SLACK_API_URL,
    defaultChannel: config.SLACK_DESK_CHANNEL,
    teamChannels: config.SLACK_TEAM_CHANNELS,
    teamGroups: config.SLACK_TEAM_GROUPS,
  };
}

/**
 * Reads and validates the Slack variables from an environment object (blank values count as
 * unset). Throws {@link ConfigError} naming each variable to fix.
 */
export function slackOptionsFromEnv(env: Record<string, string | undefined>): SlackEnvOptions | undefined {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(
      ([key, value]) => key.startsWith("SLACK_") && value !== undefined && value.trim() !== "",
    ),
  );
  const result = slackConfigSchema.safeParse(relevant);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(
      `Invalid Slack configuration (fix these in .env or the environment):\n${lines.join("\n")}`,
    );
  }
  return slackOptionsFromConfig(result.data);
}
