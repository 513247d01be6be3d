import type { UnansweredLog } from "../../src/kb/unanswered-log.ts";

/** Questions the fixture KB (PromptMart) has no entry for, each group one meaning in several wordings. */
export const GAP_GROUPS: Record<string, { language: string; texts: string[] }> = {
  giftCardEn: {
    language: "en",
    texts: [
      "Do you sell gift cards?",
      "Can I buy a gift card for a friend? my email is jane.doe@example.com",
      "is there a gift card I can give someone",
      "gift cards available?",
    ],
  },
  cryptoEn: {
    language: "en",
    texts: [
      "Can I pay with bitcoin?",
      "do you accept bitcoin or other crypto?",
      "Is paying in crypto like bitcoin possible?",
    ],
  },
  studentEn: {
    language: "en",
    texts: [
      "Is there a student discount?",
      "do students get a discount on prompts?",
      "any discount for students",
    ],
  },
  giftCardKo: {
    language: "ko",
    texts: [
      "기프트카드 판매하나요?",
      "친구에게 기프트카드를 선물할 수 있나요?",
      "기프트카드 구매 가능한가요?",
    ],
  },
  studentKo: {
    language: "ko",
    texts: ["학생 할인 있나요? 연락처 010-1234-5678", "학생은 할인 받을 수 있어요?", "대학생 할인 되나요?"],
  },
};

/** Records every wording of {@link GAP_GROUPS} as unanswered, each in its own conversation `web:<prefix><n>`. */
export async function recordGapGroups(
  unanswered: Pick<UnansweredLog, "record">,
  prefix: string,
): Promise<void> {
  let conversation = 0;
  for (const group of Object.values(GAP_GROUPS)) {
    for (const text of group.texts) {
      await unanswered.record({
        text,
        language: group.language,
        nearest: [],
        conversation: `web:${prefix}${++conversation}`,
      });
    }
  }
}
