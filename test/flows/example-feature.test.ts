import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { callbackFeature } from "../../flows/examples/callback.ts";
import type { App } from "../../src/app/create-app.ts";
import type { Feature } from "../../src/core/feature.ts";
import { createTestApp, talk } from "../helpers/bot-harness.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The example goes before the FAQ, which takes any message left. */
const withCallback = (builtIn: readonly Feature[]) => {
  const faq = builtIn.findIndex((feature) => feature.name === "faq");
  return [...builtIn.slice(0, faq), callbackFeature(), ...builtIn.slice(faq)];
};

describe("the README's example feature", () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("is the code the README shows", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const code = readFileSync(path.join(ROOT, "flows/examples/callback.ts"), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${code}\`\`\``);
  });

  it("asks for a number, asks again for something else, remembers it (English)", async () => {
    app = await createTestApp({}, { features: withCallback });
    const chat = talk(app);
    expect((await chat.send("/callback")).replies[0]?.text).toBe("What number should we call you on?");
    expect((await chat.send("tomorrow morning")).replies[0]?.text).toContain(
      "doesn't look like a phone number",
    );
    const done = await chat.send("+1 555 123 4567");
    expect(done.replies[0]?.text).toBe("Thanks! We'll call +1 555 123 4567 within one business day.");
    const state = await app.state.get(chat.conversation);
    expect(state?.slices.callback).toMatchObject({ phone: "+1 555 123 4567" });
    expect(state?.flow).toBeUndefined();
  });

  it("lets a question through to the FAQ while it waits, and the step ends (Korean)", async () => {
    app = await createTestApp({}, { features: withCallback });
    const chat = talk(app);
    await chat.send("안녕하세요");
    expect((await chat.send("/callback")).replies[0]?.text).toBe("어느 번호로 연락드릴까요?");
    const question = await chat.send("비밀번호를 잊어버렸어요. 어떻게 재설정하나요?");
    expect(question.trace.flow).toBe("faq");
    expect((await app.state.get(chat.conversation))?.flow).toBeUndefined();
    await chat.send("/callback");
    const done = await chat.send("010-1234-5678");
    expect(done.replies[0]?.text).toBe("감사합니다! 영업일 기준 하루 안에 010-1234-5678(으)로 연락드릴게요.");
  });
});
