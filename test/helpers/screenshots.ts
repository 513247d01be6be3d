import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** Where the README's screenshots live. */
export const DOCS_DIR = path.resolve(import.meta.dirname, "../../docs");

/** `UPDATE_SCREENSHOTS=1` rewrites the README's screenshots; otherwise a test run leaves docs/ alone. */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === "1";

/** Takes the screenshot (a rendered page, not a blank one) and writes it to docs/ when asked to. */
export async function screenshot(
  page: Page,
  file: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const image = await page.screenshot({ fullPage: options.fullPage ?? false });
  expect(image.byteLength).toBeGreaterThan(1_000);
  if (UPDATE_SCREENSHOTS) writeFileSync(path.join(DOCS_DIR, file), image);
}
