import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { MessageBundle } from "../../src/i18n/define-messages.ts";
import { SUPPORTED_LANGUAGES } from "../../src/i18n/languages.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every `*-messages.ts` module under src/ and flows/: each owner's sentences. */
function messageModules(): string[] {
  const found: string[] = [];
  for (const top of ["src", "flows"]) {
    for (const entry of readdirSync(path.join(ROOT, top), { recursive: true, encoding: "utf8" }))
      if (entry.endsWith("-messages.ts")) found.push(path.join(ROOT, top, entry));
  }
  return found.sort();
}

async function bundles(): Promise<MessageBundle[]> {
  const all: MessageBundle[] = [];
  for (const file of messageModules()) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value === "object" && value !== null && "namespace" in value && "sentences" in value)
        all.push(value as MessageBundle);
    }
  }
  return all;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("message bundles", () => {
  it("each owner has its own namespace, and no sentence key is defined by two owners", async () => {
    const all = await bundles();
    expect(all.length).toBeGreaterThanOrEqual(8);
    const namespaces = all.map((bundle) => bundle.namespace);
    expect(new Set(namespaces).size).toBe(namespaces.length);
    const owners = new Map<string, string>();
    for (const bundle of all) {
      for (const key of Object.keys(bundle.sentences.en)) {
        expect(
          owners.get(key),
          `"${key}" defined by ${owners.get(key)} and ${bundle.namespace}`,
        ).toBeUndefined();
        owners.set(key, bundle.namespace);
      }
    }
  });

  it("every sentence exists in English and Korean, non-empty, with the same placeholders", async () => {
    for (const bundle of await bundles()) {
      const keys = Object.keys(bundle.sentences.en).sort();
      for (const language of SUPPORTED_LANGUAGES) {
        const sentences = bundle.sentences[language] as Record<string, string>;
        expect(Object.keys(sentences).sort(), `${bundle.namespace}/${language}`).toEqual(keys);
        for (const key of keys) {
          const text = sentences[key] ?? "";
          expect(text.trim(), `${bundle.namespace}/${language}/${key}`).not.toBe("");
          expect(placeholders(text), `${bundle.namespace}/${language}/${key}`).toEqual(
            placeholders((bundle.sentences.en as Record<string, string>)[key] ?? ""),
          );
        }
      }
    }
  });

  it("fills placeholders in the asked language and leaves unknown ones visible", async () => {
    const { ticketMessages } = await import("../../src/tickets/ticket-messages.ts");
    expect(ticketMessages.t("ko", "status.notFound", { id: "T-1" })).toContain("T-1");
    expect(ticketMessages.t({ language: "en" }, "status.notFound")).toContain("{id}");
  });
});
