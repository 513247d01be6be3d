import { encodeAddress } from "../../../../src/model/address.ts";
import { type ContractDriver, describeAdapterContract } from "../../contract/adapter-contract.ts";
import { plainText } from "../../contract/contract-helpers.ts";
import { BOT_USER_ID, type SlackCall } from "../../desks/slack/fake-slack-api.ts";
import { JSON_TYPE, postSigned } from "../../desks/slack/slack-harness.ts";
import { startSlackCustomerHarness } from "./slack-customer-harness.ts";

const CUSTOMER = "UCONTRACT1";
const DM = "DCONTRACT1";

interface ButtonElement {
  action_id: string;
  value?: string;
  text: { text: string };
}

/** Slack mrkdwn as the reader sees it: `*bold*`, `_italic_`, links and entities undone. */
function fromMrkdwn(text: string): string {
  return plainText(
    text
      .replace(/<([^|>]+)\|([^>]+)>/g, "$2")
      .replace(/(^|\s)\*([^*\n]+)\*/g, "$1$2")
      .replace(/(^|\s)_([^_\n]+)_/g, "$1$2")
      .replaceAll("&lt;", "<")
      .replaceAll("&gt;", ">")
      .replaceAll("&amp;", "&"),
  );
}

let sequence = 0;

/**
 * A customer's DM with the app: signed Events API requests into Bolt's real receiver on the bot's
 * HTTP server, Web API calls captured by a local Slack API server.
 */
async function startSlackDriver(): Promise<ContractDriver> {
  const h = await startSlackCustomerHarness();
  let last: SlackCall | undefined;
  let lastBody: string | undefined;

  async function receivedDuring(action: () => Promise<unknown>): Promise<string[]> {
    const from = h.api.calls.length;
    await action();
    const posts = h.api.calls
      .slice(from)
      .filter((call) => call.method === "chat.postMessage" && call.args.channel === DM);
    if (posts.length > 0) last = posts.at(-1);
    return posts.map((call) => fromMrkdwn(String(call.args.text ?? "")));
  }

  function turn(label: string, body: string, contentType = JSON_TYPE, headers: Record<string, string> = {}) {
    return receivedDuring(async () => {
      const done = h.tracker.expectTurn(label);
      const response = await postSigned(h.eventsUrl, body, contentType, { headers });
      if (response.status !== 200) throw new Error(`${label}: Slack's request got ${response.status}`);
      await done();
    });
  }

  const buttons = (): ButtonElement[] =>
    ((last?.args.blocks ?? []) as { type: string; elements?: ButtonElement[] }[])
      .filter((block) => block.type === "actions")
      .flatMap((block) => block.elements ?? [])
      .filter((element) => element.value !== undefined);

  return {
    app: h.app,
    capabilities: h.adapter.capabilities,
    conversation: encodeAddress({ channel: "slack", conversation: DM }),
    say(text) {
      sequence++;
      const ts = `1700005000.${String(sequence).padStart(6, "0")}`;
      lastBody = JSON.stringify({
        token: "legacy",
        team_id: "T0001",
        api_app_id: "A0001",
        type: "event_callback",
        event_id: `EvContract${sequence}`,
        event_time: Math.floor(Date.now() / 1000),
        event: { type: "message", channel: DM, channel_type: "im", user: CUSTOMER, text, ts, event_ts: ts },
        authorizations: [{ team_id: "T0001", user_id: BOT_USER_ID, is_bot: true }],
      });
      return turn(`slack "${text}"`, lastBody);
    },
    choices: () => buttons().map((button) => button.text.text),
    press(label) {
      const button = buttons().find((candidate) => candidate.text.text === label);
      if (!button || !last) throw new Error(`no button "${label}" in the last reply`);
      sequence++;
      const payload = {
        type: "block_actions",
        team: { id: "T0001" },
        user: { id: CUSTOMER, username: "customer" },
        api_app_id: "A0001",
        token: "legacy",
        container: {
          type: "message",
          message_ts: `1700000000.${sequence}`,
          channel_id: DM,
          is_ephemeral: false,
        },
        trigger_id: `trigger.${sequence}`,
        channel: { id: DM },
        message: { type: "message", ts: `1700000000.${sequence}`, text: "", blocks: last.args.blocks },
        response_url: "http://127.0.0.1:9/unused",
        actions: [
          {
            type: "button",
            action_id: button.action_id,
            block_id: "sb_choices",
            value: button.value,
            action_ts: `1700006000.${sequence}`,
          },
        ],
      };
      return turn(
        `slack press "${label}"`,
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        "application/x-www-form-urlencoded",
      );
    },
    receive: receivedDuring,
    // Slack retries an event it got no 200 for within 3 s, with X-Slack-Retry-Num and the same event_id.
    redeliver() {
      if (!lastBody) throw new Error("nothing was sent yet");
      return turn("slack retry", lastBody, JSON_TYPE, {
        "x-slack-retry-num": "1",
        "x-slack-retry-reason": "http_timeout",
      });
    },
    health: () => h.adapter.health(),
    stop: () => h.close(),
  };
}

describeAdapterContract("slack (customers)", startSlackDriver);
