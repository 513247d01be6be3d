import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PROJECT_ROOT } from "../../src/app/config.ts";
import { loadKnowledgeBase } from "../../src/kb/load-kb.ts";
import { FIXTURE_KB, hasFixtureKb } from "../helpers/bot-harness.ts";

// Each test starts the CLI in a child process (a cold start that trains the models): on a busy
// machine that takes far longer than an in-process test.
vi.setConfig({ testTimeout: 180_000 });

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

async function replay(
  lines: unknown[],
  dir: string,
): Promise<{ out: Record<string, unknown>[]; code: number }> {
  const input = path.join(dir, `input-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(
    input,
    lines.map((line) => (typeof line === "string" ? line : JSON.stringify(line))).join("\n"),
  );
  const env = { ...process.env, LOG_LEVEL: "error", DATA_DIR: dir };
  try {
    const { stdout } = await run(TSX, ["src/cli/replay.ts", "--kb", FIXTURE_KB, input], {
      cwd: PROJECT_ROOT,
      env,
    });
    return {
      out: stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
      code: 0,
    };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return {
      out: failed.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
      code: failed.code,
    };
  }
}

describe.skipIf(!hasFixtureKb)("replay CLI on the PromptMart fixture", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-replay-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("answers every fixture question, in both languages, with its own entry", async () => {
    const kb = loadKnowledgeBase(FIXTURE_KB);
    const lines = kb.entries.flatMap((entry) =>
      Object.entries(entry.questions).flatMap(([locale, questions]) =>
        questions.map((text, index) => ({ id: `${entry.id}/${locale}/${index}`, text })),
      ),
    );
    const { out, code } = await replay(lines, dir);
    expect(code).toBe(0);
    expect(out).toHaveLength(lines.length);
    for (const result of out) {
      const [entryId, locale] = String(result.id).split("/");
      expect(result, String(result.id)).toMatchObject({ action: "answer", faqId: entryId, language: locale });
      const entry = kb.entries.find((candidate) => candidate.id === entryId);
      expect((result.replies as { text: string }[])[0]?.text).toBe(entry?.answer[locale as string]?.trim());
    }
  });

  it("falls back on off-topic questions in both languages, offering a person", async () => {
    const { out } = await replay(
      [
        { text: "what's the weather in Seoul?" },
        { text: "서울 날씨 어때요?" },
        { text: "Who won the football game yesterday?" },
        { text: "오늘 점심 뭐 먹지?" },
      ],
      dir,
    );
    for (const result of out) {
      expect(result.action).toBe("fallback");
      expect(JSON.stringify(result.replies)).toContain("handoff.request");
    }
  });

  it("keeps conversations apart, continues them by id, and reports bad lines without stopping", async () => {
    const { out, code } = await replay(
      [
        { conversation: "a", text: "결제" },
        "not json",
        { conversation: "a", text: "1" },
        { text: 42 },
        { text: "/help" },
      ],
      dir,
    );
    expect(code).toBe(1);
    expect(out[0]).toMatchObject({ conversation: "replay:a", action: "clarify" });
    expect(out[1]).toMatchObject({ line: 2, error: expect.stringMatching(/invalid input line/) });
    expect(out[2]).toMatchObject({ conversation: "replay:a", action: "answer" });
    expect(out[3]).toMatchObject({ line: 4, error: expect.stringMatching(/text/) });
    expect(out[4]).toMatchObject({ action: "command" });
    expect(out[4]).not.toHaveProperty("faqId");
  });
});

describe("replay CLI on the shipped demo KB", () => {
  it("answers every demo question, in both languages, with its own entry", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-replay-demo-"));
    try {
      const demo = path.join(PROJECT_ROOT, "kb", "demo-kb.yaml");
      const kb = loadKnowledgeBase(demo);
      const lines = kb.entries.flatMap((entry) =>
        Object.entries(entry.questions).flatMap(([locale, questions]) =>
          questions.map((text, index) => ({ id: `${entry.id}/${locale}/${index}`, text })),
        ),
      );
      const input = path.join(dir, "demo.jsonl");
      writeFileSync(input, lines.map((line) => JSON.stringify(line)).join("\n"));
      const { stdout } = await run(TSX, ["src/cli/replay.ts", "--kb", demo, input], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, LOG_LEVEL: "error", DATA_DIR: dir },
      });
      const results = stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { id: string; action: string; faqId?: string });
      expect(results).toHaveLength(lines.length);
      const wrong = results.filter(
        (result) => result.action !== "answer" || result.faqId !== result.id.split("/")[0],
      );
      expect(wrong).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
