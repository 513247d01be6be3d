import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faqMessages } from "../../../flows/faq/faq-messages.ts";
import type { App } from "../../../src/app/create-app.ts";
import type { ChannelHealth } from "../../../src/core/adapter.ts";
import { handoffMessages } from "../../../src/handoff/handoff-messages.ts";
import type { SupportedLanguage } from "../../../src/i18n/languages.ts";
import { isSupportedLanguage } from "../../../src/i18n/languages.ts";
import { decodeAddress } from "../../../src/model/address.ts";
import { type Capabilities, capabilitiesSchema } from "../../../src/model/capabilities.ts";
import { hasFixtureKb } from "../../helpers/bot-harness.ts";
import { activeResources, firstSentence, leftoverResources, plainText } from "./contract-helpers.ts";

/**
 * One customer talking to the bot through a real adapter and its real protocol peer (an emulator,
 * an HTTP/WebSocket client, streams), wired to a real `createApp` core with the fixture KB.
 * Every text is what the customer received, as rendered for the platform and normalised by the
 * driver to plain text (see `plainText`).
 */
export interface ContractDriver {
  /** The core the adapter is wired to. */
  readonly app: App;
  readonly capabilities: Capabilities;
  /** The customer's conversation address, for messages the bot sends on its own. */
  readonly conversation: string;
  /** The customer sends `text`; resolves with what they received in answer. */
  say(text: string): Promise<string[]>;
  /** Presses the choice labelled `label` in the last reply (typing its number where there are no buttons). */
  press(label: string): Promise<string[]>;
  /** Labels of the choices the last reply offered (buttons, or the numbered list). */
  choices(): string[];
  /** What the customer receives while `action` runs (a message the bot sends on its own). */
  receive(action: () => Promise<unknown>): Promise<string[]>;
  /** Delivers the customer's last event again, as the platform does on a retry. */
  redeliver?(): Promise<string[]>;
  /** Why the platform cannot redeliver, when `redeliver` is absent. */
  readonly noRedelivery?: string;
  health(): ChannelHealth;
  /** Stops the adapter, then its peer and the core. */
  stop(): Promise<void>;
}

const MINA = { id: "U-contract", name: "Mina" };

/** A long text of numbered words in paragraphs: nothing in it is Markdown, so it renders as itself. */
function longText(length: number): string {
  const paragraphs: string[] = [];
  let words: string[] = [];
  let total = 0;
  for (let n = 1; total < length; n++) {
    const word = `w${String(n).padStart(5, "0")}`;
    words.push(word);
    total += word.length + 1;
    if (words.length === 40) {
      paragraphs.push(words.join(" "));
      words = [];
    }
  }
  if (words.length > 0) paragraphs.push(words.join(" "));
  return paragraphs.join("\n\n");
}

/**
 * The contract every customer adapter passes: STYLE.md's "one shared contract suite run for every
 * adapter". `makeDriver` starts the adapter against its real peer; the suite stops it at the end.
 */
export function describeAdapterContract(name: string, makeDriver: () => Promise<ContractDriver>): void {
  describe.skipIf(!hasFixtureKb)(`${name} adapter contract`, () => {
    let driver: ContractDriver;
    let baseline: Map<string, number>;
    let stopped = false;

    const kbAnswer = (id: string, language: SupportedLanguage) => {
      const entry = driver.app.knowledge.current().entry(id);
      return firstSentence(plainText(entry?.answer[language] ?? `(no ${language} answer for ${id})`));
    };
    const joined = (texts: readonly string[]) => plainText(texts.join("\n"));
    const stateLanguage = async (): Promise<SupportedLanguage> => {
      const language = (await driver.app.state.get(driver.conversation))?.language;
      return isSupportedLanguage(language) ? language : "en";
    };

    beforeAll(async () => {
      baseline = activeResources();
      driver = await makeDriver();
    });
    afterAll(async () => {
      if (driver && !stopped) await driver.stop();
    });

    it("declares capabilities that pass the schema and are the ones the core uses", () => {
      expect(capabilitiesSchema.safeParse(driver.capabilities).success).toBe(true);
      const { channel } = decodeAddress(driver.conversation);
      expect(driver.app.channels.capabilitiesFor(channel)).toEqual(driver.capabilities);
    });

    it("is up once started", async () => {
      await expect.poll(() => driver.health().status, { timeout: 5_000 }).toBe("up");
    });

    it("answers an English FAQ question from the knowledge base", async () => {
      const received = await driver.say("How do I reset my password?");
      expect(joined(received)).toContain(kbAnswer("password-reset", "en"));
    });

    it("answers a Korean FAQ question in Korean", async () => {
      const received = await driver.say("비밀번호를 잊어버렸어요");
      expect(joined(received)).toContain(kbAnswer("password-reset", "ko"));
    });

    it("offers choices for a vague question, and pressing the second answers that entry", async () => {
      await driver.say("결제");
      const choices = driver.choices();
      expect(choices.length, "clarify choices").toBeGreaterThanOrEqual(3);
      expect(choices.at(-1)).toBe(faqMessages.t("ko", "clarify.none"));
      const label = choices[1] ?? "";
      const entry = driver.app.knowledge
        .current()
        .kb.entries.find((candidate) => candidate.questions.ko?.[0] === label);
      expect(entry, `a KB entry titled "${label}"`).toBeDefined();
      const received = await driver.press(label);
      expect(joined(received)).toContain(kbAnswer(entry?.id ?? "", "ko"));
    });

    it("splits a reply longer than the channel's limit into parts within it, losing nothing", async () => {
      const limit = driver.capabilities.maxMessageLength;
      const text = longText(Math.ceil(limit * 2.5));
      const parts = await driver.receive(() =>
        driver.app.bot.proactive(driver.conversation, "agent:contract", (ctx) => ctx.reply(text)),
      );
      expect(parts.length).toBeGreaterThanOrEqual(3);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(limit);
      expect(joined(parts)).toBe(plainText(text));
    });

    it("answers an event delivered twice only once", async (context) => {
      const redeliver = driver.redeliver?.bind(driver);
      if (!redeliver) {
        context.skip(driver.noRedelivery ?? "the platform does not redeliver events");
        return;
      }
      const first = await driver.say("How do I reset my password?");
      expect(joined(first)).toContain(kbAnswer("password-reset", "en"));
      const turns = (await driver.app.transcript.list(driver.conversation)).length;
      expect(await redeliver()).toEqual([]);
      // The core recognised the duplicate: no second turn was recorded either.
      expect(await driver.app.transcript.list(driver.conversation)).toHaveLength(turns);
    });

    it("delivers a person's messages and stays silent while they own the conversation", async () => {
      const asked = await driver.say("/human");
      expect(joined(asked)).toContain(plainText(handoffMessages.t(await stateLanguage(), "escalate.text")));
      const joinedNotice = await driver.receive(() => driver.app.handoff.claim(driver.conversation, MINA));
      expect(joined(joinedNotice)).toBe(
        handoffMessages.t(await stateLanguage(), "handoff.joined", { agent: "Mina" }),
      );
      const relayed = await driver.receive(() =>
        driver.app.handoff.reply(driver.conversation, MINA, "Your **refund** is on its way."),
      );
      expect(joined(relayed)).toBe("Mina: Your refund is on its way.");
      expect(await driver.say("Thanks! How long will it take?")).toEqual([]);
    });

    it("stops cleanly: health is no longer up and nothing is left open", async () => {
      stopped = true;
      await driver.stop();
      expect(driver.health().status).not.toBe("up");
      expect(await leftoverResources(baseline)).toEqual([]);
    });
  });
}
