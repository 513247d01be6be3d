import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROJECT_ROOT } from "../../src/app/config.ts";
import { FIXTURE_KB, hasFixtureKb } from "../helpers/bot-harness.ts";

// Each test starts the CLI in a child process (a cold start that trains the models): on a busy
// machine that takes far longer than an in-process test.
vi.setConfig({ testTimeout: 180_000 });

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

/** Replays lines through the real offline models and returns one result per line, by id. */
async function replay(
  dir: string,
  lines: { id: string; text: string }[],
): Promise<Map<string, Record<string, unknown>>> {
  const input = path.join(dir, "understanding.jsonl");
  writeFileSync(input, lines.map((line) => JSON.stringify(line)).join("\n"));
  const { stdout } = await run(TSX, ["src/cli/replay.ts", "--kb", FIXTURE_KB, input], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: "error", DATA_DIR: dir },
  });
  const results = stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return new Map(results.map((result) => [String(result.id), result]));
}

describe.skipIf(!hasFixtureKb)("replay with the offline understanding models", () => {
  let dir: string;
  let results: Map<string, Record<string, unknown>>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-understanding-"));
    results = await replay(dir, [
      { id: "hi-en", text: "hi" },
      { id: "hi-ko", text: "안녕하세요" },
      { id: "thanks-en", text: "thanks!" },
      { id: "thanks-ko", text: "감사합니다" },
      { id: "bye-en", text: "bye, have a nice day" },
      { id: "human-en", text: "I want to talk to a real person" },
      { id: "human-ko", text: "상담원 연결해 주세요" },
      {
        id: "angry-en",
        text: "This is the THIRD time I'm asking, I want my money back or I'll dispute the charge!!!",
      },
      { id: "angry-ko", text: "진짜 화나네요 벌써 세 번째 문의인데 환불 안 해주면 신고할 거예요" },
      { id: "weather-en", text: "what's the weather in Seoul?" },
      { id: "weather-ko", text: "서울 날씨 어때요?" },
      { id: "faq-en", text: "How do I reset my password?" },
      { id: "faq-ko", text: "비밀번호를 잊어버렸어요" },
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(["hi-en", "hi-ko", "thanks-en", "thanks-ko", "bye-en"])(
    "%s → smalltalk in the user's language",
    (id) => {
      const result = results.get(id);
      expect(result?.action, JSON.stringify(result)).toBe("smalltalk");
      expect(result?.language).toBe(id.endsWith("ko") ? "ko" : "en");
    },
  );

  it.each(["human-en", "human-ko"])("%s → escalate with intent human_request", (id) => {
    expect(results.get(id)).toMatchObject({ action: "escalate", intent: { name: "human_request" } });
  });

  it.each(["angry-en", "angry-ko"])(
    "%s → negative sentiment, escalated with priority high or urgent",
    (id) => {
      const result = results.get(id);
      expect(result, JSON.stringify(result)).toMatchObject({
        action: "escalate",
        sentiment: { label: "negative" },
      });
      expect(["high", "urgent"]).toContain(result?.priority);
      const text = JSON.stringify(result?.replies);
      expect(text).toMatch(id.endsWith("ko") ? /죄송/ : /sorry|apologi/i);
    },
  );

  it.each(["weather-en", "weather-ko"])("%s → fallback (out of scope)", (id) => {
    expect(results.get(id)).toMatchObject({ action: "fallback", intent: { name: "out_of_scope" } });
  });

  it.each(["faq-en", "faq-ko"])("%s → still answered from the FAQ", (id) => {
    expect(results.get(id)).toMatchObject({ action: "answer", faqId: "password-reset" });
  });
});
