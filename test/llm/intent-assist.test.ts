import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import { createTestApp, expectTurn, hasFixtureKb, talk } from "../helpers/bot-harness.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "./helpers/fake-openai-server.ts";

/** "Can somebody from your staff look at my case": the offline classifier is unsure (out of scope, nearest ticket_status). */
const UNSURE = "can somebody from your staff look at my case";

describe.skipIf(!hasFixtureKb)("LLM second opinion on unsure intents", () => {
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

  const intentRequests = () =>
    server.requests.filter((request) => /classify one customer message/.test(request.raw));

  it("asks the model to choose among the classifier's candidates, and follows its pick", async () => {
    app = await createTestApp({ OPENAI_API_KEY: "sk-local-test", OPENAI_BASE_URL: server.baseURL });
    server.setDefault({ kind: "json", content: JSON.stringify({ intent: "human_request" }) });
    const result = await talk(app).send(UNSURE);
    expect(result.trace.intent?.name).toBe("human_request");
    expectTurn(result, "escalate");
    const [request] = intentRequests();
    expect(request?.raw).toContain("ticket_status");
  });

  it("ignores an intent outside the offered list and keeps the offline verdict", async () => {
    app = await createTestApp({ OPENAI_API_KEY: "sk-local-test", OPENAI_BASE_URL: server.baseURL });
    server.setDefault({ kind: "json", content: JSON.stringify({ intent: "delete_everything" }) });
    const result = await talk(app).send(UNSURE);
    expect(result.trace.intent?.name).toBe("out_of_scope");
  });

  it("does not ask when the classifier is sure", async () => {
    app = await createTestApp({ OPENAI_API_KEY: "sk-local-test", OPENAI_BASE_URL: server.baseURL });
    server.setDefault({ kind: "json", content: JSON.stringify({ intent: "greeting" }) });
    await talk(app).send("상담원 연결해 주세요");
    expect(intentRequests()).toHaveLength(0);
  });
});
