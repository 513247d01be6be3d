import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toWebMessage } from "../../../../adapters/channels/web/web-render.ts";
import { type RunningBot, startBot } from "../../../../src/app/start-local.ts";
import { createSilentLogger } from "../../../../src/core/logger.ts";
import { hasFixtureKb, testConfig } from "../../../helpers/bot-harness.ts";
import { conversationOf, openChatSocket, sessionToken } from "./web-client.ts";

type HtmlFrame = { type: string; message?: { text: string; html?: string } };

describe("web chat: replies arrive as server-rendered safe HTML", () => {
  it("renders the Markdown once on the server; injection and javascript: links stay text", () => {
    const message = toWebMessage({
      text: '**Hi** <img src=x onerror="alert(1)"> [click](javascript:alert(document.cookie)) [docs](https://x.dev)',
    });
    expect(message.html).toBe(
      "<p><strong>Hi</strong> &lt;img src=x onerror=&quot;alert(1)&quot;&gt; click (javascript:alert(document.cookie)) " +
        '<a href="https://x.dev" target="_blank" rel="noopener noreferrer nofollow">docs</a></p>',
    );
    expect(message.text).toContain("**Hi**");
  });

  it("the page has no Markdown renderer: it shows the server's HTML, or the text as text", () => {
    const page = readFileSync(
      new URL("../../../../adapters/channels/web/public/chat.js", import.meta.url),
      "utf8",
    );
    expect(page).not.toMatch(/renderMarkdown|\.replace\(\/\\\*\\\*/);
    const htmlSinks = [...page.matchAll(/innerHTML\s*=\s*([^;]+);/g)].map((match) => match[1]);
    expect(htmlSinks).toEqual(["message.html"]);
  });
});

describe.skipIf(!hasFixtureKb)("web chat frames and history carry the HTML", () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot(testConfig({ PORT: "0", HOST: "127.0.0.1" }), { logger: createSilentLogger() });
  });
  afterAll(() => bot?.stop());

  it.each([
    ["en", "How do I reset my password?", "<strong>Forgot password</strong>"],
    ["ko", "비밀번호를 잊어버렸어요", "<strong>"],
  ])("%s: the answer's frame and its history line hold the rendered HTML", async (lang, question, bold) => {
    const token = sessionToken(`render-${lang}`);
    const chat = await openChatSocket(bot.url, token);
    chat.socket.send(JSON.stringify({ type: "message", id: `r-${lang}`, text: question }));
    await expect.poll(() => chat.frames.some((frame) => frame.type === "message")).toBe(true);
    const frame = chat.frames.find((item) => item.type === "message") as HtmlFrame;
    expect(frame.message?.html).toContain(bold);
    expect(frame.message?.html).toBe(toWebMessage({ text: frame.message?.text ?? "" }).html);

    const history = await fetch(`${bot.url}api/chat/history`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { messages } = (await history.json()) as { messages: { from: string; html?: string }[] };
    expect(messages.find((message) => message.from === "bot")?.html).toContain(bold);
    chat.socket.close();
  });

  it("a message the bot sends later (an agent's reply) is rendered and escaped the same way", async () => {
    const token = sessionToken("render-later");
    const chat = await openChatSocket(bot.url, token);
    await bot.app.channels.deliver(conversationOf(token), [
      { text: "Agent: <script>alert(1)</script> see [this](javascript:alert(1))" },
    ]);
    await expect.poll(() => chat.frames.some((frame) => frame.type === "message")).toBe(true);
    const html = (chat.frames.find((item) => item.type === "message") as HtmlFrame).message?.html ?? "";
    expect(html).toBe("<p>Agent: &lt;script&gt;alert(1)&lt;/script&gt; see this (javascript:alert(1))</p>");
    chat.socket.close();
  });
});
