import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/app/config.ts";
import type { App } from "../../src/app/create-app.ts";
import type { TurnResult } from "../../src/core/turn-result.ts";
import { createTestApp, expectTurn, talk } from "../helpers/bot-harness.ts";

/** The demo KB: `password-reset`, `export-data` and `cancel-subscription` carry step-by-step variants. */
const DEMO_KB = path.join(PROJECT_ROOT, "kb", "demo-kb.yaml");

/** The action buttons under the turn's first reply. */
function buttonsOf(result: TurnResult) {
  return (result.replies[0]?.buttons ?? []).flatMap((b) => (b.kind === "action" ? [b] : []));
}

describe("answer depth: the step-by-step variant of an answer", () => {
  let app: App;
  let count = 0;
  beforeAll(async () => {
    app = await createTestApp({ KB_PATH: DEMO_KB });
  });
  afterAll(() => app.close());
  const chat = () => talk(app, `test:depth-${++count}`, `depth-${count}`);

  it("offers the steps with a button and shows them when pressed (English)", async () => {
    const conversation = chat();
    const answered = await conversation.send("How do I reset my password?");
    expect(expectTurn(answered, "answer", "password-reset")).toMatch(/^Tap \*\*Forgot password\?\*\*/);
    expect(buttonsOf(answered)).toContainEqual({
      kind: "action",
      label: "Show me step by step",
      action: "faq.steps",
      value: "password-reset",
    });

    const steps = await conversation.press("faq.steps", "password-reset");
    expect(expectTurn(steps, "answer", "password-reset")).toMatch(
      /^Here it is step by step:\n\n1\. Open Nimbus Notes[\s\S]*5\. Choose a new password/,
    );
    expect(buttonsOf(steps).map((button) => button.action)).not.toContain("faq.steps");
  });

  it("offers the steps with a button and shows them when pressed (Korean)", async () => {
    const conversation = chat();
    const answered = await conversation.send("비밀번호를 잊어버렸어요");
    expect(expectTurn(answered, "answer", "password-reset")).toMatch(/비밀번호를 잊으셨나요/);
    expect(buttonsOf(answered).map((button) => button.label)).toContain("단계별로 보기");
    const steps = await conversation.press("faq.steps", "password-reset");
    expect(expectTurn(steps, "answer", "password-reset")).toMatch(
      /^단계별로 알려 드릴게요:\n\n1\. Nimbus Notes를 열고/,
    );
  });

  it("gives no button for an entry without steps", async () => {
    const answered = await chat().send("What payment methods do you accept?");
    expect(answered.trace.action).toBe("answer");
    expect(buttonsOf(answered).map((button) => button.action)).not.toContain("faq.steps");
  });

  it("uses the steps directly when the customer says they are new (English and Korean)", async () => {
    const en = await chat().send("I'm new to this, how do I export my notes?");
    expect(expectTurn(en, "answer", "export-data")).toMatch(
      /^Here it is step by step:\n\n1\. Open \*\*Settings\*\*/,
    );

    const ko = await chat().send("처음이라 잘 모르겠어요. 비밀번호를 잊어버렸어요");
    expect(expectTurn(ko, "answer", "password-reset")).toMatch(/^단계별로 알려 드릴게요:/);
  });

  it("walks through the last answer when the customer then says they are new", async () => {
    const conversation = chat();
    expect(expectTurn(await conversation.send("How do I cancel my subscription?"), "answer")).toMatch(
      /Cancel subscription/,
    );
    const steps = await conversation.send("I'm new to this");
    expect(expectTurn(steps, "answer", "cancel-subscription")).toMatch(
      /^Here it is step by step:\n\n1\. Open/,
    );
  });

  it("walks through the last answer when the customer then says they are new (Korean)", async () => {
    const conversation = chat();
    expectTurn(await conversation.send("구독 해지하고 싶어요"), "answer", "cancel-subscription");
    const steps = await conversation.send("처음이라 잘 모르겠어요");
    expect(expectTurn(steps, "answer", "cancel-subscription")).toMatch(/^단계별로 알려 드릴게요:/);
  });

  it("'I'm new to this' names no topic: nothing answered before, no entry answered now", async () => {
    for (const text of ["I'm new to this", "처음이라 잘 모르겠어요"]) {
      const result = await chat().send(text);
      expect(result.trace.action, text).not.toBe("answer");
    }
  });

  it("uses the steps when the same question comes again (English and Korean)", async () => {
    const en = chat();
    expect(expectTurn(await en.send("How do I export all my notes?"), "answer", "export-data")).toMatch(
      /^Use \*\*Settings/,
    );
    expect(
      expectTurn(await en.send("Can I download a copy of all my data?"), "answer", "export-data"),
    ).toMatch(/^Here it is step by step:/);

    const ko = chat();
    expect(expectTurn(await ko.send("구독 해지하고 싶어요"), "answer", "cancel-subscription")).toMatch(
      /구독 해지/,
    );
    expect(expectTurn(await ko.send("구독 해지하고 싶어요"), "answer", "cancel-subscription")).toMatch(
      /^단계별로 알려 드릴게요:/,
    );
  });

  it("answers a KB question that says the customer is new with its own entry (English and Korean)", async () => {
    // "I just signed up" / "처음 가입했는데" is a newcomer cue, and also part of the KB's question as written.
    expectTurn(
      await chat().send("I just signed up, how do I get started with Nimbus?"),
      "answer",
      "getting-started-sync",
    );
    expectTurn(await chat().send("처음 가입했는데 뭐부터 시작하면 돼요?"), "answer", "getting-started-sync");
  });
});
