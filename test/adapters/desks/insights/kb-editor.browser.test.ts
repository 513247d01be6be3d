import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeLogPathFor } from "../../../../src/insights/kb-editor/kb-change-log.ts";
import { kbChangeSchema } from "../../../../src/insights/kb-editor/kb-edit.ts";
import { parseKnowledgeBase } from "../../../../src/kb/load-kb.ts";
import { FIXTURE_KB, hasFixtureKb, talk } from "../../../helpers/bot-harness.ts";
import { hasChromium, launchChromium } from "../../../helpers/chromium.ts";
import { screenshot } from "../../../helpers/screenshots.ts";
import { GAP_GROUPS, recordGapGroups } from "../../../insights/gap-seed.ts";
import { type InsightsBot, startInsightsBot } from "./insights-harness.ts";

const STEP_TIMEOUT = 10_000;

/** True when `original`'s lines all appear, in order, in `edited`: the edit only added lines. */
function onlyAdded(original: string, edited: string): boolean {
  const lines = edited.split("\n");
  let at = 0;
  for (const line of original.split("\n")) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at === lines.length) return false;
    at++;
  }
  return true;
}

/** The cluster on the page whose wordings include `text`. */
const clusterWith = (page: Page, text: string): Locator => page.locator("#gaps > li", { hasText: text });

describe.skipIf(!hasChromium || !hasFixtureKb)("gap → KB editor in headless Chromium", () => {
  let bot: InsightsBot;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let dir: string;
  let kbFile: string;
  let original: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kb-editor-"));
    kbFile = path.join(dir, "kb.yaml");
    copyFileSync(FIXTURE_KB, kbFile);
    original = readFileSync(kbFile, "utf8");
    bot = await startInsightsBot({ kbFile });
    await recordGapGroups(bot.app.unanswered, "k");
    chromium = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
    await bot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds a cluster's wording to an entry and drafts a new entry; the bot answers with them, the YAML keeps its comments, the changes are recorded", async () => {
    const { cryptoEn, giftCardEn, giftCardKo } = GAP_GROUPS as Record<string, { texts: string[] }>;
    // Before: the bot does not answer the crypto question with the payment entry.
    const before = await talk(bot.app, "test:before").send(cryptoEn?.texts[0] as string);
    expect(before.trace.action === "answer" && before.trace.faqId === "payment-methods").toBe(false);

    const context = await chromium.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: "en-US",
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.goto(`${bot.url}insights?lang=en`);
    await page.locator("body[data-state=ready]").waitFor();

    // 1. Add the crypto cluster's wordings to the payment-methods entry.
    await clusterWith(page, "bitcoin").getByRole("button", { name: "Add to an entry" }).click();
    await page.locator("#kb-entry").selectOption("payment-methods");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator('[data-error-for="editor"]', { hasText: "your name" }).waitFor();
    await page.getByLabel("Your name (recorded with the change)").fill("Mina");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("#kb-saved", { hasText: "Saved: payment-methods" }).waitFor();

    // 2. Draft a new entry from the gift-card cluster: questions prefilled, an answer per locale.
    await clusterWith(page, "gift card").first().getByRole("button", { name: "Draft a new entry" }).click();
    expect(await page.locator("#kb-questions-en").inputValue()).toContain("Do you sell gift cards?");
    await page.locator("#kb-id").fill("gift-cards");
    await page.locator("#kb-questions-ko").fill((giftCardKo?.texts ?? []).join("\n"));
    await page.locator("#kb-links").fill("Shop | not a url");
    await page.getByRole("button", { name: "Save" }).click();
    // Inline errors: each under its field, nothing written yet.
    await page
      .locator('[data-error-for="entry.answer.en"]')
      .filter({ hasText: /answer/ })
      .waitFor();
    await page
      .locator('[data-error-for="entry.answer.ko"]')
      .filter({ hasText: /answer/ })
      .waitFor();
    await page.locator('[data-error-for="entry.links"]').filter({ hasText: /URL/i }).waitFor();
    expect(bot.app.knowledge.current().entry("gift-cards")).toBeUndefined();
    await screenshot(page, "insights-kb-editor.png");
    await page.locator("#kb-category").selectOption("billing");
    await page
      .locator("#kb-answer-en")
      .fill(
        "We do not sell gift cards yet. You can buy a prompt and send it as a gift from **Library → Purchases**.",
      );
    await page
      .locator("#kb-answer-ko")
      .fill(
        "아직 기프트카드는 판매하지 않습니다. 프롬프트를 구매해 **라이브러리 → 구매 내역**에서 선물할 수 있어요.",
      );
    await page.locator("#kb-links").fill("Library | https://promptmart.example/library");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("#kb-saved", { hasText: "Saved: gift-cards" }).waitFor();
    await page.locator("#kb-changes li", { hasText: "create-entry gift-cards" }).waitFor();

    // 3. The same editor edits an existing entry.
    await page.getByRole("button", { name: "Edit an entry" }).click();
    await page.locator("#kb-entry").selectOption("gift-cards");
    expect(await page.locator("#kb-id").inputValue()).toBe("gift-cards");
    await page
      .locator("#kb-answer-en")
      .fill("Gift cards are coming soon. Until then, buy a prompt and send it as a gift.");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("#kb-saved", { hasText: "Saved: gift-cards" }).waitFor();
    expect(bot.app.knowledge.current().entry("gift-cards")?.answer.en).toContain("coming soon");
    await context.close();

    // The bot answers the clusters' messages with those entries, through the core, in English and Korean.
    for (const text of cryptoEn?.texts ?? []) {
      const result = await talk(bot.app).send(text);
      expect([text, result.trace.action, result.trace.faqId]).toEqual([text, "answer", "payment-methods"]);
    }
    for (const text of [...(giftCardEn?.texts ?? []), ...(giftCardKo?.texts ?? [])]) {
      const result = await talk(bot.app).send(text);
      expect([text, result.trace.action, result.trace.faqId]).toEqual([text, "answer", "gift-cards"]);
    }

    // The file is a valid KB that kept every line it had (comments included); only lines were added.
    const edited = readFileSync(kbFile, "utf8");
    const kb = parseKnowledgeBase(edited, kbFile);
    expect(kb.entries.find((entry) => entry.id === "gift-cards")?.questions.ko).toEqual(giftCardKo?.texts);
    expect(kb.entries.find((entry) => entry.id === "payment-methods")?.questions.en).toEqual(
      expect.arrayContaining(cryptoEn?.texts ?? []),
    );
    expect(onlyAdded(original, edited)).toBe(true);
    for (const comment of original.split("\n").filter((line) => line.trimStart().startsWith("#"))) {
      expect(edited).toContain(comment);
    }
    expect(edited).toContain("# Added from /insights by Mina on");

    // Every change is recorded: who, when, what.
    const changes = readFileSync(changeLogPathFor(kbFile), "utf8")
      .trim()
      .split("\n")
      .map((line) => kbChangeSchema.parse(JSON.parse(line)));
    expect(changes).toEqual([
      expect.objectContaining({
        editor: "Mina",
        kind: "add-questions",
        entryId: "payment-methods",
      }),
      expect.objectContaining({ editor: "Mina", kind: "create-entry", entryId: "gift-cards" }),
      expect.objectContaining({
        editor: "Mina",
        kind: "update-entry",
        entryId: "gift-cards",
        fields: ["answer"],
      }),
    ]);
    // The cluster lists wordings most asked first, ties in any order: compare as sets.
    expect([...(changes[0]?.added?.en ?? [])].sort()).toEqual([...(cryptoEn?.texts ?? [])].sort());
    for (const change of changes) expect(change.at).toBeGreaterThan(Date.now() - 120_000);
    expect(changes[1]?.clusterId).toMatch(/.+/);
  }, 120_000);
});
