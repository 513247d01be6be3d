import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandMessages } from "../../../../flows/commands/command-messages.ts";
import { faqMessages } from "../../../../flows/faq/faq-messages.ts";
import { handoffMessages } from "../../../../src/handoff/handoff-messages.ts";
import { encodeAddress } from "../../../../src/model/address.ts";
import { categoryLabels } from "../../../../src/tickets/ticket-messages.ts";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { firstSentence, plainText } from "../../contract/contract-helpers.ts";
import {
  BOT_ACCOUNT,
  type BotFrameworkHarness,
  startBotFrameworkHarness,
  submitActions,
  teamsActivity,
} from "./bot-framework-harness.ts";

const LANGUAGES = [
  {
    language: "en" as const,
    locale: "en-US",
    faq: "How do I reset my password?",
    vague: "account",
    problem: "The app crashes every time I open my library",
    agentReply: "Your **refund** is on its way.",
  },
  {
    language: "ko" as const,
    locale: "ko-KR",
    faq: "비밀번호를 잊어버렸어요",
    vague: "결제",
    problem: "라이브러리를 열 때마다 앱이 계속 종료돼요",
    agentReply: "**환불**이 진행되고 있어요.",
  },
];

/**
 * Issue 15's transcript acceptance on Teams, through the real core: welcome, FAQ, a clarify card
 * answered by pressing its button, a ticket, a hand-off whose agent reply arrives proactively, and
 * a forged token refused — in English and in Korean.
 */
describe.skipIf(!hasFixtureKb)("Bot Framework adapter: Teams conversations in English and Korean", () => {
  let harness: BotFrameworkHarness;
  beforeAll(async () => {
    harness = await startBotFrameworkHarness();
  });
  afterAll(() => harness.stop());

  describe.each(LANGUAGES)("in $language", (spoken) => {
    const conversationId = `a:1accept-${spoken.language}`;
    const conversation = encodeAddress({ channel: "botframework", conversation: conversationId });
    const from = {
      id: `29:1user-${spoken.language}`,
      name: "Customer",
      aadObjectId: `aad-${spoken.language}`,
    };
    const activity = (fields: Record<string, unknown>) =>
      teamsActivity(harness, {
        from,
        locale: spoken.locale,
        conversation: { id: conversationId },
        ...fields,
      });
    let last: Record<string, unknown> | undefined;
    const exchange = async (label: string, fields: Record<string, unknown>) => {
      const start = harness.connector.calls.length;
      await harness.turn(label, activity(fields));
      const replies = harness.messages(start);
      last = replies.at(-1);
      return replies;
    };
    const texts = (replies: Record<string, unknown>[]) =>
      replies.map((reply) => plainText(String(reply.text)));
    const press = (label: string) => {
      const action = submitActions(last).find((candidate) => candidate.title === label);
      expect(
        action,
        `a button "${label}" in ${JSON.stringify(submitActions(last).map((a) => a.title))}`,
      ).toBeDefined();
      return exchange(`press ${label}`, { value: action?.data });
    };
    const kbAnswer = (id: string) =>
      firstSentence(plainText(harness.app.knowledge.current().entry(id)?.answer[spoken.language] ?? id));

    it("welcomes the user in their language when the bot is installed", async () => {
      const replies = await exchange("installed", {
        type: "conversationUpdate",
        text: undefined,
        membersAdded: [BOT_ACCOUNT],
      });
      expect(texts(replies)).toEqual([
        plainText(commandMessages.t(spoken.language, "help.text", { bot: "Switchboard" })),
      ]);
    });

    it("answers an FAQ question from the knowledge base", async () => {
      const replies = await exchange("faq", { text: spoken.faq });
      expect(texts(replies).join(" ")).toContain(kbAnswer("password-reset"));
      expect(replies[0]).toMatchObject({
        type: "message",
        textFormat: "markdown",
        conversation: { id: conversationId },
      });
    });

    it("offers an Adaptive Card for a vague question; pressing a choice answers that entry", async () => {
      await exchange("vague", { text: spoken.vague });
      const titles = submitActions(last).map((action) => action.title);
      expect(titles.at(-1)).toBe(faqMessages.t(spoken.language, "clarify.none"));
      const label = titles[0] ?? "";
      const entry = harness.app.knowledge
        .current()
        .kb.entries.find((candidate) => candidate.questions[spoken.language]?.[0] === label);
      expect(entry, `a KB entry titled "${label}"`).toBeDefined();
      const replies = await press(label);
      expect(texts(replies).join(" ")).toContain(kbAnswer(entry?.id ?? ""));
    });

    it("opens a ticket through the category card", async () => {
      await exchange("ticket", { text: "/ticket" });
      const replies = await press(categoryLabels[spoken.language].technical ?? "");
      expect(replies.length).toBeGreaterThan(0);
      const acknowledged = await exchange("describe", { text: spoken.problem });
      const [ticket] = await harness.app.tickets.store.listByCustomer("botframework", from.aadObjectId);
      expect(ticket, "the ticket").toBeDefined();
      expect(texts(acknowledged).join(" ")).toContain(ticket?.id ?? "(no ticket)");
      expect(ticket?.category).toBe("technical");
    });

    it("hands off to a person whose reply arrives proactively through the stored reference", async () => {
      const asked = await exchange("human", { text: "/human" });
      expect(texts(asked).join(" ")).toContain(
        plainText(handoffMessages.t(spoken.language, "escalate.text")),
      );
      const agent = { id: "U-agent", name: "Mina" };
      await harness.app.handoff.claim(conversation, agent);
      const before = harness.connector.calls.length;
      await harness.app.handoff.reply(conversation, agent, spoken.agentReply);
      const [relayed] = harness.messages(before);
      expect(plainText(String(relayed?.text))).toBe(`Mina: ${plainText(spoken.agentReply)}`);
      // Sent to the conversation (not as a reply to an activity) at the serviceUrl the user's activities came from.
      const call = harness.connector.calls.find((candidate) => candidate.activity === relayed);
      expect(call).toMatchObject({ method: "POST", conversationId });
      expect(call?.activityId).toBeUndefined();
    });

    it("refuses a forged token: 401, no turn, no reply", async () => {
      const turns = harness.tracker.results.length;
      const calls = harness.connector.calls.length;
      const token = await harness.issuer.channelToken(harness.connector.serviceUrl, {
        keys: harness.issuer.strangerKeys,
      });
      const response = await harness.post(activity({ text: spoken.faq }), `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(harness.tracker.results.length).toBe(turns);
      expect(harness.connector.calls.length).toBe(calls);
    });
  });
});
