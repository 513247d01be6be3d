import { encodeAddress } from "../../../../src/model/address.ts";
import { type ContractDriver, describeAdapterContract } from "../../contract/adapter-contract.ts";
import { plainText } from "../../contract/contract-helpers.ts";
import { startBotFrameworkHarness, submitActions, teamsActivity } from "./bot-framework-harness.ts";

/**
 * A personal Teams chat: activities signed by a local token issuer posted to the real
 * `CloudAdapter` endpoint, replies captured by a local connector at the activity's `serviceUrl`.
 */
async function startBotFrameworkDriver(): Promise<ContractDriver> {
  const harness = await startBotFrameworkHarness();
  let last: Record<string, unknown> | undefined;
  let lastSent: Record<string, unknown> | undefined;

  async function receivedDuring(action: () => Promise<unknown>): Promise<string[]> {
    const from = harness.connector.calls.length;
    await action();
    const messages = harness.messages(from);
    if (messages.length > 0) last = messages.at(-1);
    return messages.map((activity) => plainText(String(activity.text ?? "")));
  }

  function turn(label: string, activity: Record<string, unknown>): Promise<string[]> {
    lastSent = activity;
    return receivedDuring(() => harness.turn(label, activity));
  }

  return {
    app: harness.app,
    capabilities: harness.adapter.capabilities,
    conversation: encodeAddress({ channel: "botframework", conversation: "a:1personal-mina" }),
    say: (text) => turn(`teams "${text}"`, teamsActivity(harness, { text })),
    choices: () => submitActions(last).map((action) => action.title),
    press(label) {
      const action = submitActions(last).find((candidate) => candidate.title === label);
      if (!action) throw new Error(`no button "${label}" in the last reply`);
      // Teams posts an Action.Submit as a message whose `value` is the action's data.
      return turn(`teams press "${label}"`, teamsActivity(harness, { value: action.data }));
    },
    receive: receivedDuring,
    // A channel that got no answer in time posts the same activity again.
    redeliver() {
      if (!lastSent) throw new Error("nothing was sent yet");
      return turn("teams redelivery", lastSent);
    },
    health: () => harness.adapter.health(),
    stop: () => harness.stop(),
  };
}

describeAdapterContract("bot framework (Teams)", startBotFrameworkDriver);
