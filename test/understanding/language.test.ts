import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/understanding/language/detect-language.ts";

describe("detectLanguage", () => {
  it.each([
    ["ok", "en"],
    ["hi", "en"],
    ["refund pls", "en"],
    ["thx!!", "en"],
    ["where is my order", "en"],
    ["my card doesnt work", "en"],
    ["환불 refund 해주세요", "ko"],
    ["안녕하세요", "ko"],
    ["ㅋㅋㅋ", "ko"],
    ["iPhone 앱에서 login 안 돼요", "ko"],
    ["こんにちは、返金をお願いします", "ja"],
    ["你好，我要退款", "zh"],
    ["привет, нужна помощь", "ru"],
    ["hola, quiero un reembolso", "es"],
    ["bonjour, je voudrais un remboursement", "fr"],
    ["Ich möchte mein Geld zurück", "de"],
    ["obrigado pela ajuda", "pt"],
    ["مرحبا", "ar"],
  ])("%s → %s", (text, code) => {
    expect(detectLanguage(text).code).toBe(code);
  });

  it("uses the hint when the text carries no evidence", () => {
    expect(detectLanguage("123", "ko").code).toBe("ko");
    expect(detectLanguage("👍", "ko").code).toBe("ko");
    expect(detectLanguage("ok", "ko").code).toBe("ko");
    expect(detectLanguage("lol", "ja").code).toBe("ja");
    // …but not against clear evidence.
    expect(detectLanguage("where is my refund", "ko").code).toBe("en");
    expect(detectLanguage("환불해 주세요", "en").code).toBe("ko");
  });

  it("returns und with zero confidence when nothing is known", () => {
    expect(detectLanguage("")).toEqual({ code: "und", confidence: 0 });
    expect(detectLanguage("12345 !!!")).toEqual({ code: "und", confidence: 0 });
  });

  it("keeps confidence in [0, 1] on long text", () => {
    const r = detectLanguage("the quick brown fox jumps over the lazy dog ".repeat(3000));
    expect(r.code).toBe("en");
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });
});
