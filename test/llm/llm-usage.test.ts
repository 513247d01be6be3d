import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { llmTokensOf } from "../../src/llm/usage-slice.ts";
import { createTestApp, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { answerJson } from "./helpers/harness.ts";

describe.skipIf(!hasFixtureKb)("LLM token usage per conversation", () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());

  it("adds up each turn's tokens (not cache hits) and records the total when the conversation is resolved", async () => {
    const app = await createTestApp({ OPENAI_API_KEY: "sk-local-test", OPENAI_BASE_URL: server.baseURL });
    server.setDefault((request) =>
      /customer_question/.test(request.raw)
        ? {
            kind: "json",
            content: answerJson(["payment-methods"], "Cards, PayPal and KakaoPay."),
            usage: { prompt: 100, completion: 20 },
          }
        : { kind: "error", status: 500 },
    );
    const chat = talk(app);
    const first = await chat.send("What payment methods do you accept?");
    expect(first.trace.llm).toMatchObject({ tokens: 120, cached: false });
    const again = await chat.send("What payment methods do you accept?");
    expect(again.trace.llm).toMatchObject({ cached: true });
    expect(llmTokensOf((await app.state.get(chat.conversation)) ?? { slices: {} })).toBe(120);
    await chat.send("/human");
    const mina = { id: "U1", name: "Mina" };
    await app.handoff.claim(chat.conversation, mina);
    await app.handoff.close(chat.conversation, mina);
    const events = await app.tickets.store.listEvents("T-1001");
    expect(
      events.find((event) => event.type === "status_changed" && event.data.to === "solved")?.data,
    ).toMatchObject({
      llmTokens: 120,
    });
    await app.close();
  });
});
