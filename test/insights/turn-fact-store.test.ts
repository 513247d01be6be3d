import { describe, expect, it } from "vitest";
import { createTurnFactStore } from "../../src/insights/turn-fact-store.ts";
import { conversationDigest, type TurnFact } from "../../src/insights/turn-facts.ts";
import { migrate } from "../../src/tickets/db/migrate.ts";
import { storeEngines, useTestDatabase } from "../tickets/support/engines.ts";

const engines = await storeEngines();

const fact = (at: number, overrides: Partial<TurnFact> = {}): TurnFact => ({
  conversation: conversationDigest("web:mina"),
  channel: "web",
  language: "ko",
  action: "answer",
  intent: "faq",
  sentiment: "neutral",
  faqId: "use-purchased-prompt",
  escalationReason: null,
  at,
  ...overrides,
});

describe.each(engines)("the insights turn log on $name", (engine) => {
  describe.skipIf(engine.skipReason !== undefined)("", () => {
    const database = useTestDatabase(engine);

    it("gives back the facts of a period as recorded, oldest first, and unlinks an erased conversation", async () => {
      const db = database().open();
      await migrate(db);
      const store = createTurnFactStore(db);
      const escalated = fact(2_000, {
        language: "en",
        action: "escalate",
        intent: null,
        sentiment: null,
        faqId: null,
        escalationReason: "asked-for-human",
      });
      await store.record(escalated);
      await store.record(fact(1_000));
      await store.record(fact(3_000, { conversation: conversationDigest("web:joon") }));

      expect(await store.between(1_000, 3_000)).toEqual([fact(1_000), escalated]);

      await store.anonymiseConversation("web:mina");
      const after = await store.between(0, 4_000);
      expect(after.map((t) => t.conversation)).not.toContain(conversationDigest("web:mina"));
      expect(after[2]?.conversation).toBe(conversationDigest("web:joon"));
      expect(after.slice(0, 2).map(({ conversation, ...rest }) => rest)).toEqual(
        [fact(1_000), escalated].map(({ conversation, ...rest }) => rest),
      );
    });
  });
});
