import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/app/config.ts";

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");
const DEMO_KB = path.join(PROJECT_ROOT, "kb", "demo-kb.yaml");

interface ReplayLine {
  id: string;
  action: string;
  faqId?: string;
  priority?: string;
  escalationReason?: string;
  ticket?: { id: string };
  replies: { text: string }[];
}

/** The conversations the review found going wrong (issue 12), one per block, on the demo KB. */
const REPROS: Record<string, string[]> = {
  "ticket-then-human": ["/ticket", "2", "actually can I just talk to a human please"],
  "ticket-human-wait": ["/ticket", "2", "/human", "how long will that take?"],
  "refund-then-question": ["refund 하고 싶어요", "Evernote에서 import 가능?"],
  "waiting-then-close": ["let me talk to a person", "hello??? is anyone reading this", "you can close it"],
  "waiting-then-close-ko": [
    "상담원 연결해 주세요",
    "안녕하세요? 아무도 없나요",
    "이제 괜찮아요, 닫아 주세요",
  ],
  "mild-swear": ["damn, forgot my password again"],
  "price-2fa-help": ["price", "2fa", "help"],
  "price-2fa-help-ko": ["가격", "2단계 인증", "도움말"],
};

describe("the review's repros, replayed on the demo KB", () => {
  let dir: string;
  const out = new Map<string, ReplayLine[]>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "switchboard-repros-"));
    const lines = Object.entries(REPROS).flatMap(([conversation, texts]) =>
      texts.map((text, index) => JSON.stringify({ id: `${conversation}/${index}`, conversation, text })),
    );
    const input = path.join(dir, "repros.jsonl");
    writeFileSync(input, lines.join("\n"));
    const { stdout } = await run(TSX, ["src/cli/replay.ts", "--kb", DEMO_KB, input], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOG_LEVEL: "error", DATA_DIR: dir },
    });
    for (const line of stdout.trim().split("\n")) {
      const result = JSON.parse(line) as ReplayLine;
      const [conversation] = result.id.split("/");
      out.set(conversation as string, [...(out.get(conversation as string) ?? []), result]);
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const turns = (conversation: string): ReplayLine[] => out.get(conversation) ?? [];
  const text = (line: ReplayLine | undefined): string =>
    line?.replies.map((reply) => reply.text).join("\n") ?? "";

  it("/ticket → 2 → 'talk to a human': the form stops and a person is asked for", () => {
    const [, , third] = turns("ticket-then-human");
    expect(third).toMatchObject({ action: "escalate" });
    expect(third?.replies[0]?.text).toMatch(/stopped the ticket form/);
  });

  it("/ticket → 2 → /human → 'how long will that take?': relayed with the place in line, no second ticket", () => {
    const [, , human, wait] = turns("ticket-human-wait");
    expect(human).toMatchObject({ action: "escalate", ticket: { id: expect.any(String) } });
    expect(wait).toMatchObject({ action: "escalate", escalationReason: "relayed" });
    expect(wait?.ticket).toBeUndefined();
    expect(text(wait)).toMatch(/in line for a person/);
  });

  it("refund 하고 싶어요 → 'Evernote에서 import 가능?': the question is answered, no order-number loop", () => {
    const [asked, answered] = turns("refund-then-question");
    expect(asked).toMatchObject({ action: "ticket" });
    expect(answered).toMatchObject({ action: "answer", faqId: "import-evernote-notion" });
    expect(text(answered)).not.toMatch(/주문 번호를 찾지 못했어요/);
  });

  it("waiting for a person: relayed, never small talk; 'you can close it' withdraws (English, Korean)", () => {
    for (const conversation of ["waiting-then-close", "waiting-then-close-ko"]) {
      const [asked, waiting, closed] = turns(conversation);
      expect(asked).toMatchObject({ action: "escalate" });
      expect(waiting).toMatchObject({ action: "escalate", escalationReason: "relayed" });
      expect(closed).toMatchObject({ action: "command", escalationReason: "withdrawn by the customer" });
      expect(text(closed)).not.toMatch(/delete|삭제/i);
    }
  });

  it("'damn, forgot my password again' gets the answer, not a high-priority ticket", () => {
    const [only] = turns("mild-swear");
    expect(only).toMatchObject({ action: "answer", faqId: "password-reset" });
    expect(only?.priority).toBeUndefined();
    expect(only?.ticket).toBeUndefined();
  });

  it("price → 2fa → help does not escalate (English, Korean)", () => {
    for (const conversation of ["price-2fa-help", "price-2fa-help-ko"]) {
      const lines = turns(conversation);
      expect(lines.map((line) => line.action)).not.toContain("escalate");
      expect(lines.at(-1)).toMatchObject({ action: "command" });
    }
  });
});
