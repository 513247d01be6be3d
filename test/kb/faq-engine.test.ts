import { describe, expect, it } from "vitest";
import { analyze, maskPersonalData, properNouns } from "../../src/kb/engine/analyze.ts";
import { type CalibrationSample, calibrate, calibrateByScript } from "../../src/kb/engine/calibration.ts";
import { CONFIDENCE_PRIOR } from "../../src/kb/engine/confidence-prior.ts";
import { createFaqEngine, faqEngineFor } from "../../src/kb/engine/faq-engine.ts";
import { isFollowUp, splitQuestions } from "../../src/kb/engine/message-parts.ts";
import { createRanker } from "../../src/kb/engine/ranker.ts";
import { createSpellingCorrector } from "../../src/kb/engine/spelling.ts";
import { writingSystem } from "../../src/kb/engine/writing-system.ts";
import type { KnowledgeBase } from "../../src/kb/schema.ts";

/** Six topics, ten ways to ask each (the first two make the small KB). */
const TOPICS: { id: string; questions: string[]; answer: string; ko: string[]; koAnswer: string }[] = [
  {
    id: "reset-password",
    questions: [
      "How do I reset my password?",
      "I forgot my password",
      "Can't sign in, password not accepted",
      "Where is the forgot password link?",
      "The password reset email never arrives",
      "How can I recover my account password?",
      "I need a new password",
      "My password stopped working",
      "Change a password I can't remember",
      "Locked out because of a wrong password",
    ],
    answer: "Click **Forgot password** on the sign-in page and follow the link we e-mail you.",
    ko: ["비밀번호를 잊어버렸어요", "비밀번호 재설정은 어떻게 하나요?"],
    koAnswer: "로그인 화면에서 **비밀번호 찾기**를 누르세요.",
  },
  {
    id: "refunds",
    questions: [
      "Can I get a refund?",
      "What is your refund policy?",
      "I want my money back",
      "How long do refunds take?",
      "Do you refund annual plans?",
      "Refund for an accidental purchase",
      "Is a refund possible after a week?",
      "Where do I request a refund?",
      "I was charged by mistake, refund please",
      "Will I get my money back if I cancel?",
    ],
    answer: "Purchases can be refunded within 14 days from **Billing → Request a refund**.",
    ko: ["환불 받을 수 있나요?", "환불 정책이 어떻게 되나요?"],
    koAnswer: "구매 후 14일 이내에 **결제 → 환불 요청**에서 환불받을 수 있습니다.",
  },
  {
    id: "shipping-times",
    questions: [
      "How long does shipping take?",
      "When will my parcel arrive?",
      "What are your delivery times?",
      "Do you ship internationally?",
      "How fast is express delivery?",
      "My package hasn't arrived yet",
      "Which courier do you use?",
      "Can I track my shipment?",
      "Shipping to Canada, how many days?",
      "Is delivery free?",
    ],
    answer: "Orders ship within 2 days; delivery takes 3–5 working days, worldwide, with tracking.",
    ko: ["배송은 얼마나 걸려요?", "해외 배송도 되나요?"],
    koAnswer: "주문 후 2일 안에 발송되며 배송에는 3–5 영업일이 걸립니다.",
  },
  {
    id: "change-email",
    questions: [
      "How do I change my email address?",
      "Update the e-mail on my account",
      "I want to use a different email",
      "My email changed, how do I update it?",
      "Can I switch the login email?",
      "Edit my contact email",
      "Where do I set a new email address?",
      "Replace my old email",
      "Change account email",
      "Move my account to another email address",
    ],
    answer: "Go to **Settings → Account → Email**, enter the new address and confirm it.",
    ko: ["이메일 주소를 바꾸고 싶어요", "로그인 이메일 변경은 어떻게 하나요?"],
    koAnswer: "**설정 → 계정 → 이메일**에서 새 주소를 입력하고 인증하세요.",
  },
  {
    id: "payment-methods",
    questions: [
      "What payment methods do you accept?",
      "Can I pay with PayPal?",
      "Do you take credit cards?",
      "Is bank transfer possible?",
      "Can I pay by invoice?",
      "Which cards are accepted?",
      "Do you accept Apple Pay?",
      "Pay with debit card",
      "Payment options",
      "Can I pay in installments?",
    ],
    answer: "We accept Visa, Mastercard, American Express, PayPal and bank transfer.",
    ko: ["어떤 결제 수단을 쓸 수 있나요?", "페이팔로 결제되나요?"],
    koAnswer: "비자, 마스터카드, 아멕스, 페이팔, 계좌이체로 결제할 수 있습니다.",
  },
  {
    id: "offline-mode",
    questions: [
      "Does the app work offline?",
      "Can I use it without internet?",
      "Offline mode on Android",
      "Will my notes open on a plane?",
      "Use the app with no connection",
      "Does it sync after being offline?",
      "Offline access on iPhone",
      "Work without wifi",
      "Is there an offline version?",
      "Read my data offline",
    ],
    answer: "Yes: the iOS and Android apps keep everything available offline and sync when you reconnect.",
    ko: ["오프라인에서도 되나요?", "인터넷 없이 쓸 수 있어요?"],
    koAnswer: "iOS와 Android 앱은 오프라인에서도 모두 쓸 수 있고, 다시 연결되면 동기화됩니다.",
  },
];

function kbWith(questionsPerEntry: number): KnowledgeBase {
  return {
    defaultLocale: "en",
    ticketCategories: [{ id: "general", team: "Care" }],
    entries: TOPICS.map((topic) => ({
      id: topic.id,
      category: "general",
      questions: { en: topic.questions.slice(0, questionsPerEntry), ko: topic.ko },
      answer: { en: topic.answer, ko: topic.koAnswer },
    })),
  };
}

const OFF_TOPIC = [
  "what's the weather like in Busan tomorrow?",
  "recommend a good book about history",
  "how many legs does a spider have?",
  "부산 내일 날씨 어때요?",
  "역사책 하나 추천해 주세요",
];

describe("FAQ engine analysis", () => {
  it("stems English words and drops stop words", () => {
    const words = analyze("How do I get refunds for my payments?").filter((token) => token.kind === "w");
    expect(words.map((token) => token.term)).toEqual(["refund", "payment"]);
  });

  it("strips particles from Hangul words and gives the stem character bigrams", () => {
    const terms = analyze("환불은 결제수단을")
      .filter((token) => token.kind !== "c")
      .map((token) => token.term);
    expect(terms).toEqual(["환불", "#환불", "결제수단", "#결제", "#제수", "#수단"]);
  });

  it("names the support concept a text speaks of, whatever its words or language", () => {
    const concepts = (text: string) =>
      analyze(text)
        .filter((token) => token.kind === "c")
        .map((token) => token.term);
    for (const text of ["Can I get a refund?", "I want my money back", "환불 되나요?", "돈 돌려받고 싶어요"])
      expect(concepts(text), text).toContain("≈refund");
    for (const text of ["I'd like to stop paying before the renewal", "구독 해지하고 싶어요"])
      expect(concepts(text), text).toContain("≈cancel");
    expect(concepts("when do I get my earnings")).toContain("≈payout");
    expect(concepts("정산은 언제 되나요?")).toContain("≈payout");
    expect(concepts("How do I reset my password?")).not.toContain("≈refund");
  });

  it("names a concept by the everyday words around it: card brands, error pages, students, support hours (English and Korean)", () => {
    const concepts = (text: string) =>
      analyze(text)
        .filter((token) => token.kind === "c")
        .map((token) => token.term);
    for (const text of ["can I use amex", "Visa, Mastercard, American Express", "네이버페이 돼요?"])
      expect(concepts(text), text).toContain("≈payment-method");
    for (const text of ["getting a 502 error on your site", "앱 실행하면 흰 화면만 나와요"])
      expect(concepts(text), text).toContain("≈not-loading");
    for (const text of ["any deals for college students?", "대학생 할인 있어요?"])
      expect(concepts(text), text).toContain("≈student");
    for (const text of ["is support open on weekends?", "주말에도 상담 가능한가요?"])
      expect(concepts(text), text).toContain("≈response-time");
    // A weekend, a university address or a language alone is not a support topic.
    expect(concepts("what's the weather like this weekend?")).not.toContain("≈response-time");
    expect(concepts("주말에 뭐 하지?")).not.toContain("≈response-time");
    expect(concepts("move my login from my university address to my personal one")).not.toContain("≈student");
    expect(concepts("일본어는요?")).not.toContain("≈language");
    expect(concepts("지하철 터널에서는 노트가 안 열려요")).toContain("≈offline");
    expect(concepts("on a plane with no wifi, can I edit notes?")).toContain("≈offline");
    expect(concepts("지하철에서 폰을 잃어버렸어요")).not.toContain("≈offline");
    expect(concepts("일본어로 된 프롬프트도 있어요?")).toContain("≈language");
  });

  it("reads a Latin word with a Korean particle glued on as the English word", () => {
    const terms = (text: string) => analyze(text).map((token) => token.term);
    expect(terms("Evernote에서 import 가능?")).toEqual(terms("Evernote import 가능?"));
    expect(terms("PayPal로 결제")).toEqual(terms("PayPal 결제"));
    expect(terms("Evernote가져오기")).toContain("evernot");
  });

  it("replaces e-mail, phone and card numbers with typed tokens, not words", () => {
    const masked = maskPersonalData(
      "mail jiwoo.park@example.com, call +1 415 555 0100, card 4111 1111 1111 1111",
    );
    expect(masked).toContain("§email");
    expect(masked).toContain("§phone");
    expect(masked).toContain("§card");
    expect(masked).not.toMatch(/example|415|4111/);
  });

  it("reads the understanding layer's placeholders as the personal data they stand for", () => {
    const raw = "What payment methods do you accept? my e-mail is mina.kim@example.com phone 010-1234-5678";
    const redacted = "What payment methods do you accept? my e-mail is <email> phone <phone>";
    expect(maskPersonalData(redacted)).toBe(maskPersonalData(raw));
    expect(analyze(redacted).map((token) => token.term)).not.toContain("email");
    const ko = "결제 수단은 뭐가 있나요? 제 이메일은 <email> 이고 전화번호는 <phone> 이에요";
    expect(maskPersonalData(ko)).toBe(
      maskPersonalData(
        "결제 수단은 뭐가 있나요? 제 이메일은 mina.kim@example.com 이고 전화번호는 010-1234-5678 이에요",
      ),
    );
  });

  it("corrects a misspelt word to the closest word of the KB's vocabulary", () => {
    const speller = createSpellingCorrector(
      new Map([
        ["change", 3],
        ["email", 4],
        ["channel", 1],
      ]),
    );
    expect(speller.correct("chnage")).toEqual(["change"]);
    expect(speller.correct("emial")).toEqual(["email"]);
    expect(speller.correct("email")).toEqual([]);
    expect(speller.correct("zebra")).toEqual([]);
  });

  it("does not turn a word that differs in its first letter into a KB word (Steam is not team)", () => {
    const speller = createSpellingCorrector(
      new Map([
        ["team", 3],
        ["email", 2],
        ["refund", 2],
      ]),
    );
    expect(speller.correct("steam")).toEqual([]);
    expect(speller.correct("gmail")).toEqual([]);
    expect(speller.correct("teem")).toEqual(["team"]);
    expect(speller.correct("refnud")).toEqual(["refund"]);
  });

  it("reads capitalised words inside a sentence, inner capitals and capitals as names", () => {
    expect(properNouns("how do I get a refund from Steam?")).toEqual(new Set(["steam"]));
    expect(properNouns("Refund please. Steam charged me")).toEqual(new Set());
    expect(properNouns("can I pay with PayPal or iCloud credit")).toEqual(new Set(["paypal", "icloud"]));
    expect(properNouns("need the VAT on my invoice")).toEqual(new Set(["vat"]));
  });

  it("leaves a name the customer wrote uncorrected, so it counts as a word the KB does not know", () => {
    const ranker = createRanker([
      { id: "team", questions: ["How do I invite my team?"], answers: ["Open Settings, then Team."] },
      { id: "refund", questions: ["Can I get a refund?"], answers: ["Within 14 days."] },
    ]);
    expect(ranker.rank("a refund from Steam").unknownWords).toBe(1);
    expect(ranker.rank("a refund from steam").unknownWords).toBe(1);
    expect(ranker.rank("invite my teem").unknownWords).toBe(0);
  });
});

describe("FAQ engine retrieval", () => {
  const engine = createFaqEngine(kbWith(10));

  it("finds an entry through its answer's words", () => {
    expect(engine.search("is Mastercard or Visa ok?").candidates[0]?.entryId).toBe("payment-methods");
  });

  it("finds an entry despite typos", () => {
    expect(engine.search("chnage my emial adress").candidates[0]?.entryId).toBe("change-email");
  });

  it("finds a Korean entry from a differently inflected message", () => {
    expect(engine.search("환불은 어떻게 받아요?").candidates[0]?.entryId).toBe("refunds");
  });

  it("ranks the same with and without personal data in the message", () => {
    const plain = engine.search("what payment methods can I use?");
    const withPii = engine.search(
      "my email is kim.minji@example.com and my phone is 010-2345-6789, what payment methods can I use?",
    );
    expect(withPii.candidates[0]?.entryId).toBe("payment-methods");
    expect(withPii.decision).toBe(plain.decision);
  });
});

describe("FAQ engine calibration per language", () => {
  it("reads the writing system of a message from its letters", () => {
    expect(writingSystem("PayPal로 결제돼요?")).toBe("hangul");
    expect(writingSystem("환불?")).toBe("hangul");
    expect(writingSystem("Can you issue a Korean tax invoice (세금계산서)?")).toBe("latin");
    expect(writingSystem("refund")).toBe("latin");
  });

  /** Right when the score clears the language's own level: Korean scores live lower. */
  function samples(script: "latin" | "hangul", questions: number, level: number): CalibrationSample[] {
    const out: CalibrationSample[] = [];
    for (let i = 0; i < questions; i++) {
      const score = (i + 0.5) / questions;
      out.push({ features: [1, score], right: score >= level, offered: true, offTopic: false, script });
    }
    for (let i = 0; i < 20; i++)
      out.push({
        features: [1, (i / 20) * level * 0.8],
        right: false,
        offered: false,
        offTopic: true,
        script,
      });
    return out;
  }

  it("fits each language's thresholds on its own questions and off-topic messages", () => {
    const calibration = calibrateByScript([...samples("latin", 60, 0.6), ...samples("hangul", 40, 0.3)]);
    expect([...calibration.byScript.keys()].sort()).toEqual(["hangul", "latin"]);
    const korean = calibration.for("hangul");
    const english = calibration.for("latin");
    // A score that is right in Korean and wrong in English is answered in Korean only.
    expect(korean.confidence([1, 0.45])).toBeGreaterThanOrEqual(korean.thresholds.answer);
    expect(english.confidence([1, 0.45])).toBeLessThan(english.thresholds.answer);
    expect(korean.confidence([1, 0.1])).toBeLessThan(korean.thresholds.clarify);
  });

  it("reads a language with too few samples of its own with the pooled calibration", () => {
    const calibration = calibrateByScript([...samples("latin", 60, 0.6), ...samples("hangul", 5, 0.3)]);
    expect(calibration.byScript.has("hangul")).toBe(false);
    expect(calibration.for("hangul")).toBe(calibration.pooled);
  });

  it("keeps the answer threshold above the off-topic messages, apart from wrong answers to KB questions", () => {
    const own = samples("latin", 60, 0.6);
    const loud: CalibrationSample[] = Array.from({ length: 3 }, () => ({
      features: [1, 0.8],
      right: false,
      offered: false,
      offTopic: true,
      script: "latin",
    }));
    const calibration = calibrateByScript([...own, ...loud]).for("latin");
    expect(calibration.confidence([1, 0.8])).toBeLessThan(calibration.thresholds.answer);
    // The same messages naming another product are never answered, so they do not raise the bar.
    const guarded = calibrateByScript([...own, ...loud.map((s) => ({ ...s, guarded: true }))]).for("latin");
    expect(guarded.thresholds.answer).toBeLessThan(calibration.thresholds.answer);
  });

  it("gives a KB with Korean questions Korean thresholds of its own", () => {
    const engine = createFaqEngine(kbWith(10));
    const korean = engine.thresholdsFor("hangul");
    const english = engine.thresholdsFor("latin");
    expect(korean).not.toEqual(english);
    for (const t of [korean, english]) expect(t.clarify).toBeLessThanOrEqual(t.answer);
  });
});

describe("FAQ engine calibration", () => {
  for (const perEntry of [2, 10]) {
    it(`with ${perEntry} questions per entry, answers its own questions and falls back on off-topic`, () => {
      const kb = kbWith(perEntry);
      const engine = createFaqEngine(kb);
      for (const entry of kb.entries)
        for (const question of Object.values(entry.questions).flat())
          expect(engine.search(question), question).toMatchObject({
            decision: "answer",
            candidates: expect.arrayContaining([{ entryId: entry.id, score: expect.any(Number) }]),
          });
      for (const text of OFF_TOPIC) expect(engine.search(text).decision, text).toBe("none");
      expect(engine.thresholds.clarify).toBeLessThanOrEqual(engine.thresholds.answer);
    });
  }

  it("answers a new wording of a well-covered entry, and never answers wrongly", () => {
    const engine = createFaqEngine(kbWith(10));
    const result = engine.search("how many days until my parcel is delivered?");
    expect(result.decision).not.toBe("none");
    expect(result.candidates[0]?.entryId).toBe("shipping-times");
  });

  it("answers a message that is a KB question with a few words around it (English and Korean)", () => {
    const engine = createFaqEngine(kbWith(2));
    for (const text of [
      "Ugh, this is so annoying. I forgot my password",
      "비밀번호를 잊어버렸어요 빨리 도와주세요",
      "damn, forgot my password again",
      "아 진짜, 비밀번호를 잊어버렸어요 또",
    ])
      expect(engine.search(text), text).toMatchObject({ decision: "answer", confidence: 1 });
    expect(engine.search("I forgot my Netflix password").confidence).toBeLessThan(1);
    expect(engine.search("I forgot my Netflix password").decision).not.toBe("answer");
  });

  it("does not answer for another service named in lower case or in Hangul (no capitals to go by)", () => {
    const engine = createFaqEngine(kbWith(10));
    for (const text of [
      "i forgot my netflix password",
      "인스타그램 비밀번호 잊어버렸어요",
      "카카오뱅크 비밀번호를 잊어버렸어요",
    ])
      expect(engine.search(text).decision, text).not.toBe("answer");
    expect(engine.search("비밀번호를 잊어버렸어요").decision).toBe("answer");
  });

  it("meets an entry through a concept it shares with the message, not a word", () => {
    const engine = createFaqEngine(kbWith(2));
    const refund = engine.search("I want my money back").candidates[0]?.entryId;
    expect(refund).toBe(engine.search("how do I get a refund").candidates[0]?.entryId);
    expect(engine.search("돈 돌려받고 싶어요").candidates[0]?.entryId).toBe(refund);
  });

  it("reads a bounded head of a long paste, so a 100 KB message costs what a 4 KB one does", () => {
    const engine = createFaqEngine(kbWith(10));
    const filler = "lorem ipsum dolor. ".repeat(300);
    expect(engine.search(`How do I reset my password? ${filler}`).decision).toBe("answer");
    // The question after 4,000 characters of filler is not read.
    expect(engine.search(`${filler}${filler} How do I reset my password?`).decision).toBe("none");
  });

  it("averages the KB's own confidence with the prior fitted on customers' wording", () => {
    const samples: CalibrationSample[] = [];
    for (let i = 0; i < 40; i++)
      samples.push({
        features: [1, i / 40],
        right: i >= 20,
        offered: i >= 20,
        offTopic: false,
      });
    for (let i = 0; i < 20; i++)
      samples.push({ features: [1, i / 80], right: false, offered: false, offTopic: true });
    const own = calibrate(samples).confidence([1, 0.9]);
    const prior = [-2, 0] as const;
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    expect(calibrate(samples, prior).confidence([1, 0.9])).toBeCloseTo((own + sigmoid(-2)) / 2, 6);
    // A prior of another feature count (features changed, prior not retrained) is not applied.
    expect(calibrate(samples, [-2, 0, 1]).confidence([1, 0.9])).toBeCloseTo(own, 6);
  });

  it("ships a prior with one weight per confidence feature (retrain with `npm run train -- --only faq`)", () => {
    const { features } = createFaqEngine(kbWith(2)).confidenceInput("how do I reset my password?");
    expect(CONFIDENCE_PRIOR).toHaveLength(features.length);
  });

  it("is built once per KB content", () => {
    expect(faqEngineFor(kbWith(2))).toBe(faqEngineFor(kbWith(2)));
    expect(faqEngineFor(kbWith(2))).not.toBe(faqEngineFor(kbWith(10)));
  });
});

describe("FAQ engine context", () => {
  const engine = createFaqEngine(kbWith(10));

  it("reads a short follow-up with the previous topic", () => {
    expect(isFollowUp("and on Android?")).toBe(true);
    expect(isFollowUp("안드로이드는요?")).toBe(true);
    expect(isFollowUp("How do I reset my password?")).toBe(false);
    const alone = engine.search("and on iPad?");
    const followUp = engine.search("and on iPad?", { context: { previousEntryId: "offline-mode" } });
    expect(alone.decision).toBe("none");
    expect(followUp.usedContext).toBe(true);
    expect(followUp.candidates[0]?.entryId).toBe("offline-mode");
    expect(followUp.decision).not.toBe("none");
    const korean = engine.search("아이패드는요?", {
      language: "ko",
      context: { previousEntryId: "offline-mode" },
    });
    expect(korean.candidates[0]?.entryId).toBe("offline-mode");
    expect(korean.decision).not.toBe("none");
  });

  it("splits a message asking two things and searches each part", () => {
    expect(splitQuestions("Can I pay with PayPal? Also how long does shipping take?")).toEqual([
      "Can I pay with PayPal?",
      "how long does shipping take?",
    ]);
    const result = engine.search("Can I pay with PayPal? Also how long does shipping take?");
    expect(result.parts?.map((part) => part.candidates[0]?.entryId)).toEqual([
      "payment-methods",
      "shipping-times",
    ]);
    const korean = engine.search("페이팔로 결제되나요? 그리고 배송은 얼마나 걸려요?");
    expect(korean.parts?.map((part) => part.candidates[0]?.entryId)).toEqual([
      "payment-methods",
      "shipping-times",
    ]);
  });

  it("keeps a one-question message whole", () => {
    expect(splitQuestions("How do I change my email address?")).toHaveLength(1);
    expect(engine.search("How do I change my email address?").parts).toBeUndefined();
  });
});
