import { WebClient } from "@slack/web-api";
import { renderSlackMrkdwn } from "../../../src/markdown/render-slack-mrkdwn.ts";

/** Posts the weekly insights digest (canonical Markdown) to one Slack channel. */
export interface DigestPoster {
  post(markdown: string): Promise<void>;
}

/**
 * The digest's Slack side: `chat.postMessage` with the digest rendered as mrkdwn. Needs the bot
 * token's `chat:write` scope and the bot in the channel.
 * @see https://docs.slack.dev/reference/methods/chat.postMessage
 */
export function createSlackDigestPoster(options: {
  token: string;
  channel: string;
  apiUrl?: string | undefined;
}): DigestPoster {
  const client = new WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 2 },
  });
  return {
    async post(markdown) {
      await client.chat.postMessage({
        channel: options.channel,
        text: renderSlackMrkdwn(markdown),
        mrkdwn: true,
      });
    },
  };
}
