import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, sentOn, talk } from "../helpers/bot-harness.ts";
import { fullTrace } from "../helpers/trace.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";
import { answerJson } from "./helpers/harness.ts";

/** The bot with its LLM pointed at the local OpenAI-compatible server. */
describe.skipIf(!hasFixtureKb)("the optional LLM, through the core", () => {
  let server: FakeOpenAiServer;
  let app: App;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());
  afterEach(async () => {
    server.reset();
    await app?.close();
  });

  const withLlm = (extra: Record<string, string> = {}) =>
    createTestApp({
      OPENAI_API_KEY: "sk-local-test",
      OPENAI_BASE_URL: server.baseURL,
      LLM_TIMEOUT_MS: "1500",
      ...extra,
    });

  it("answers in the model's words when it cites a retrieved entry, and the trace shows the citation", async () => {
    app = await withLlm();
    server.enqueue({
      kind: "json",
      content: answerJson(["password-reset"], "Press **Forgot password** on the sign-in page."),
      usage: { prompt: 120, completion: 20 },
    });
    const result = await talk(app).send("How do I reset my password?");
    expect(expectTurn(result, "answer", "password-reset")).toBe(
      "Press **Forgot password** on the sign-in page.",
    );
    expect(result.trace.llm).toEqual({ citedIds: ["password-reset"], tokens: 140, cached: false });
  });

  it("rejects a hallucinated citation and sends the KB answer verbatim (Korean)", async () => {
    app = await withLlm();
    server.enqueue({ kind: "json", content: answerJson(["made-up-entry"], "무엇이든 환불해 드립니다.") });
    const result = await talk(app).send("비밀번호를 잊어버렸어요");
    expect(expectTurn(result, "answer", "password-reset")).toMatch(/^로그인 화면의 \*\*비밀번호 찾기\*\*/);
    expect(fullTrace(result.trace).llm?.fallback).toBeDefined();
  });

  it("falls back to the offline answer when the model times out", async () => {
    app = await withLlm();
    server.enqueue({ kind: "hang" });
    const started = Date.now();
    const result = await talk(app).send("What payment methods do you accept?");
    expect(Date.now() - started).toBeLessThan(1500 + 1500);
    expect(expectTurn(result, "answer", "payment-methods")).toMatch(/Visa/);
    expect(fullTrace(result.trace).llm?.fallback).toBe("timeout");
  });

  it("never sends the customer's e-mail or phone number to the model", async () => {
    app = await withLlm();
    server.setDefault({ kind: "json", content: answerJson(["change-email"], "Go to account settings.") });
    await talk(app).send("How do I change my email address? it is mina.kim@example.com, call 010-1234-5678");
    const sent = server.requests.map((request) => request.raw).join("\n");
    expect(sent).not.toContain("mina.kim@example.com");
    expect(sent).not.toContain("010-1234-5678");
  });

  it("without a key no request leaves the process and the KB answers", async () => {
    app = await createTestApp({ OPENAI_BASE_URL: server.baseURL });
    const result = await talk(app).send("How do I reset my password?");
    expect(expectTurn(result, "answer", "password-reset")).toMatch(/Forgot password/);
    expect(result.trace.llm).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it("summarises the conversation for the desk and translates both ways when languages differ", async () => {
    app = await withLlm();
    const chat = talk(app);
    server.setDefault((request) => {
      const system = JSON.stringify(request.body.messages);
      if (/summar/i.test(system))
        return {
          kind: "json",
          content: JSON.stringify({ lines: ["Customer's card is declined at checkout."] }),
        };
      if (/translat/i.test(system)) {
        return {
          kind: "json",
          content: JSON.stringify({
            translation: /카드/.test(system) ? "My card keeps being declined" : "카드사에 확인해 보세요",
          }),
        };
      }
      return { kind: "error", status: 500 };
    });
    await chat.send("카드 결제가 계속 실패해요");
    await chat.send("/human");
    const record = (await app.handoff.list())[0];
    expect(record?.packet.summary).toEqual(["Customer's card is declined at checkout."]);
    await app.handoff.claim(chat.conversation, { id: "U1", name: "Mina" });
    await chat.send("카드 결제가 계속 실패해요");
    const lines = (await app.localDesk?.lines(chat.conversation)) ?? [];
    expect(lines.at(-1)?.text).toBe("카드 결제가 계속 실패해요\n↳ My card keeps being declined");
    await app.handoff.reply(
      chat.conversation,
      { id: "U1", name: "Mina" },
      "Please check with your card issuer",
    );
    expect(sentOn(app).at(-1)?.message.text).toBe("**Mina:** 카드사에 확인해 보세요");
    const ticketId = record?.packet.ticket?.id ?? "";
    const messages = await app.tickets.store.listMessages(ticketId);
    expect(messages.at(-1)).toMatchObject({ author: "agent", text: "Please check with your card issuer" });
  });
});
