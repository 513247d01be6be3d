import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/app/config.ts";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, talk } from "../helpers/bot-harness.ts";
import { fullTrace } from "../helpers/trace.ts";

const DEMO_KB = path.join(PROJECT_ROOT, "kb", "demo-kb.yaml");

/** The review's repro: a rating of 2, then a question, which was stored as the rating's comment. */
describe("a rating of 2, then a question (demo KB)", () => {
  let app: App;
  afterEach(async () => {
    await app?.close();
  });

  it.each([
    ["en", "my notes app crashes whenever I open a shared notebook", "how do I export my notes"],
    ["ko", "공유 노트북을 열면 앱이 계속 종료돼요 확인 부탁드려요", "노트를 전부 내보내려면 어떻게 해요?"],
  ])("%s: the question is answered, and no comment is stored", async (language, problem, question) => {
    app = await createTestApp({ KB_PATH: DEMO_KB });
    const chat = talk(app);
    await chat.send(`/lang ${language}`);
    await chat.send(`/ticket ${problem}`);
    const [ticket] = await app.tickets.store.listByCustomer("test", "user-1");
    expect(ticket).toBeDefined();
    const id = ticket?.id ?? "";
    await app.tickets.setStatus(id, "solved", "agent:U1");
    expectTurn(await chat.press("csat.rate", `${id}:2`), "ticket");
    const answered = await chat.send(question);
    // Answered, or (when retrieval is unsure) a clarify question led by the export entry.
    expect(["answer", "clarify"]).toContain(answered.trace.action);
    expect(fullTrace(answered.trace).faqId ?? fullTrace(answered.trace).candidates?.[0]?.id).toBe(
      "export-data",
    );
    expect((await app.tickets.store.get(id))?.csatScore).toBe(2);
    expect((await app.tickets.store.get(id))?.csatComment).toBeNull();
  });
});
