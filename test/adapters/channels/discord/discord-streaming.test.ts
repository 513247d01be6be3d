import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hasFixtureKb } from "../../../helpers/bot-harness.ts";
import { fullTrace } from "../../../helpers/trace.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../../../llm/helpers/fake-openai-server.ts";
import { answerJson, pieces } from "../../../llm/helpers/harness.ts";
import { isGrowing, streamedAnswer } from "../../../llm/helpers/streaming.ts";
import { type DiscordHarness, startDiscordHarness } from "./discord-harness.ts";
import type { CapturedRequest } from "./emulator/rest-state.ts";
import { IDS, USERS } from "./emulator/world.ts";

const PHRASED = {
  en: "Press **Forgot password** on the sign-in page and follow the link in the e-mail.",
  ko: "로그인 화면에서 **비밀번호 찾기**를 누르고 메일의 링크를 따라가세요.",
};
const KB_KO =
  "로그인 화면의 **비밀번호 찾기**를 이용하세요. 재설정 링크는 1시간 동안 유효하며, 메일이 오지 않으면 스팸함을 확인해 주세요.";

/** Streamed answers on Discord: discord.js against the emulator, POST then PATCH the same message. */
describe.skipIf(!hasFixtureKb)("Discord: streamed answers (create, then edit message)", () => {
  let llm: FakeOpenAiServer;
  let h: DiscordHarness;
  const poll = <T>(read: () => T) => expect.poll(read, { timeout: 10_000, interval: 10 });

  beforeAll(async () => {
    llm = await startFakeOpenAiServer();
    h = await startDiscordHarness({
      config: { OPENAI_API_KEY: "sk-local-test", OPENAI_BASE_URL: llm.baseURL, LLM_CACHE_TTL_HOURS: "0" },
      adapter: { streamIntervalMs: 30 },
    });
  });
  afterAll(async () => {
    await h?.close();
    await llm?.close();
  });
  beforeEach(() => llm.reset());

  /** The REST calls made while `act` ran and its turn (event id) was processed. */
  async function during(act: () => string): Promise<CapturedRequest[]> {
    const from = h.emulator.state.requests.length;
    const id = act();
    await poll(() => h.results.has(id) || h.duplicates.includes(id)).toBe(true);
    return h.emulator.state.requests.slice(from).filter((request) => request.method !== "GET");
  }

  function expectNoPings(requests: CapturedRequest[]): void {
    for (const request of requests) expect(request.body.allowed_mentions).toEqual({ parse: [] });
  }

  it.each([
    ["en", IDS.general, true],
    ["ko", IDS.support, false],
  ] as const)(
    "posts the first text, edits it as it grows, and ends with the grounded answer and buttons (%s)",
    async (lang, channelId, mention) => {
      llm.enqueue(streamedAnswer(["password-reset"], PHRASED[lang], { size: 5, chunkDelayMs: 20 }));
      const question = h.emulator.userMessage({
        channelId,
        content: lang === "en" ? "How do I reset my password?" : "비밀번호를 잊어버렸어요",
        author: lang === "en" ? USERS.alice : USERS.minsu,
        mentionBot: mention,
      });
      const calls = await during(() => question.id);

      const [post, ...edits] = calls;
      expect(post?.method).toBe("POST");
      expect(post?.path).toBe(`/channels/${channelId}/messages`);
      const created = h.emulator.botMessages(channelId).at(-1);
      expect(edits.length).toBeGreaterThan(1);
      expect(
        edits.every(
          (edit) => edit.method === "PATCH" && edit.path === `/channels/${channelId}/messages/${created?.id}`,
        ),
      ).toBe(true);
      const texts = calls.map((call) => String(call.body.content));
      expect(texts[0]?.length).toBeLessThan(PHRASED[lang].length);
      expect(isGrowing(texts)).toBe(true);
      expect(texts.at(-1)).toBe(PHRASED[lang]);
      expect(created?.content).toBe(PHRASED[lang]);
      const rows = (created?.components ?? []) as { components: { label: string }[] }[];
      expect(rows.flatMap((row) => row.components)).toHaveLength(2);
      expectNoPings(calls);
      expect(fullTrace(h.results.get(question.id)?.trace ?? {}).llm?.citedIds).toEqual(["password-reset"]);
    },
  );

  it("replaces an answer citing an unknown entry with the KB answer verbatim in the final edit (Korean)", async () => {
    // The first text already holds the whole `@everyone`.
    const json = answerJson(["made-up-entry"], "@everyone 모든 주문을 즉시 환불해 드립니다.");
    const first = json.indexOf("@everyone") + "@everyone ".length;
    llm.enqueue({
      kind: "stream",
      chunks: [json.slice(0, first), ...pieces(json.slice(first), 5)],
      chunkDelayMs: 5,
    });
    const question = h.emulator.userMessage({
      channelId: IDS.support,
      content: "비밀번호를 잊어버렸어요",
      author: USERS.minsu,
    });
    const calls = await during(() => question.id);
    // The model's `@everyone` was shown defused and never pinged; the final edit is the KB's answer.
    expect(calls.filter((call) => /@everyone/.test(String(call.body.content)))).toEqual([]);
    expect(String(calls[0]?.body.content)).toBe("@\u200beveryone");
    expect(calls.at(-1)).toMatchObject({ method: "PATCH", body: { content: KB_KO } });
    expect(h.emulator.botMessages(IDS.support).at(-1)?.content).toBe(KB_KO);
    expectNoPings(calls);
    expect(fullTrace(h.results.get(question.id)?.trace ?? {}).llm?.fallback).toBe("unknown_citation");
  });

  it("streams /ask into the deferred response", async () => {
    llm.enqueue(streamedAnswer(["password-reset"], PHRASED.en, { size: 5, chunkDelayMs: 20 }));
    let token = "";
    const calls = await during(() => {
      const ask = h.emulator.slashCommand({
        name: "ask",
        channelId: IDS.general,
        options: [{ name: "question", value: "How do I reset my password?" }],
      });
      token = ask.token;
      return ask.id;
    });
    const edits = calls.filter((call) => call.path === `/webhooks/${IDS.bot}/${token}/messages/@original`);
    expect(edits.length).toBeGreaterThan(2);
    expect(edits.every((edit) => edit.method === "PATCH")).toBe(true);
    expect(isGrowing(edits.map((edit) => String(edit.body.content)))).toBe(true);
    expect(edits.at(-1)?.body.content).toBe(PHRASED.en);
    expect(edits.at(-1)?.body.components).toHaveLength(1);
  });

  it("a redelivered message is not answered again", async () => {
    llm.enqueue(streamedAnswer(["password-reset"], PHRASED.en));
    const question = h.emulator.userMessage({
      channelId: IDS.general,
      content: "How do I reset my password?",
      mentionBot: true,
    });
    await during(() => question.id);
    const from = h.emulator.state.requests.length;
    h.emulator.gateway.dispatch("MESSAGE_CREATE", question);
    await poll(() => h.duplicates.includes(question.id)).toBe(true);
    expect(h.emulator.state.requests.slice(from).filter((request) => request.method !== "GET")).toEqual([]);
    expect(llm.requests).toHaveLength(1);
  });
});
