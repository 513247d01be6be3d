import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TranscriptEntry } from "../../src/core/transcript.ts";
import {
  EXTRACTIVE_NOTE_LLM_FAILED,
  EXTRACTIVE_NOTE_NO_LLM,
  summaryForDesk,
} from "../../src/handoff/desk-summary.ts";
import { type FakeOpenAiServer, startFakeOpenAiServer } from "../llm/helpers/fake-openai-server.ts";
import { createTestLlm } from "../llm/helpers/harness.ts";

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const json = (value: unknown) => ({ kind: "json" as const, content: JSON.stringify(value) });

function transcriptEntry(text: string): TranscriptEntry {
  return { at: 0, eventId: text, userId: "u1", type: "message", text, trace: {}, replies: [] };
}

describe("the hand-off summary for the desk", () => {
  it("falls back to the extractive summary with a visible note", async () => {
    const entries = [
      transcriptEntry("My invoice shows a charge error for order 4471"),
      transcriptEntry("hi"),
    ];
    const offline = await summaryForDesk(undefined, entries);
    expect(offline.source).toBe("extractive");
    expect(offline.lines.at(-1)).toBe(EXTRACTIVE_NOTE_NO_LLM);
    expect(offline.lines).toContain("My invoice shows a charge error for order 4471");

    const { llm } = createTestLlm(server);
    server.enqueue({ kind: "error", status: 400 }, json({ lines: ["Charge error on order 4471."] }));
    expect((await summaryForDesk(llm, entries)).lines.at(-1)).toBe(EXTRACTIVE_NOTE_LLM_FAILED);
    expect(await summaryForDesk(llm, entries)).toEqual({
      lines: ["Charge error on order 4471."],
      source: "llm",
    });
  });
});
