/**
 * Messages that need a person whatever else they say: threats of a chargeback, legal action, a
 * complaint to a consumer agency or of leaving, and fraud on the customer's account. English and
 * Korean. A how-to question ("how do I cancel my subscription?") is a question, not a threat.
 */

import { reportsAccountTakeover } from "../understanding/account-takeover.ts";

export type ThreatKind = "chargeback" | "legal" | "agency" | "cancellation";

const THREATS: readonly { kind: ThreatKind; pattern: RegExp; howToIsQuestion: boolean }[] = [
  {
    kind: "chargeback",
    pattern:
      /\b(charge ?backs?|dispute (the|this|a|my) (charge|payment|transaction)|call(ing)? my bank|reverse the (charge|payment))\b|지급 ?정지|차지백|카드사에 (이의|신고|연락|취소)/iu,
    howToIsQuestion: false,
  },
  {
    kind: "legal",
    pattern:
      /\b(sue|suing|lawyers?|attorneys?|legal action|take (you|this|it) to court|small claims)\b|소송|고소|변호사|법적 ?(조치|대응)/iu,
    howToIsQuestion: false,
  },
  {
    kind: "agency",
    pattern:
      /\b(report(ing)? (you|this|it|your company) to|better business bureau|bbb|consumer (protection|agency|council|affairs)|ftc|regulators?|ombudsman)\b|소비자원|소비자 ?보호|공정위|공정거래위원회|민원 ?(을 )?(넣|제기|접수)/iu,
    howToIsQuestion: true,
  },
  {
    kind: "cancellation",
    pattern:
      /\b(i('| wi)ll|i am going to|i'm going to|gonna|or (else )?i('ll)?|otherwise i('ll)?|about to|ready to)\s+(cancel|close|delete|quit|leave|unsubscribe)\b|\b(cancel(l?ing)?|closing) my (account|subscription|membership) (if|unless)\b|\bswitch(ing)? to (a )?(competitor|another (app|service))\b|(해지|탈퇴)\s?(할 ?거|하겠|할게|할래|해 ?버릴|합니다)|다른 ?(곳|데|회사|앱|서비스)로 (갈|옮길|바꿀|갈아탈)/iu,
    howToIsQuestion: true,
  },
];

const FRAUD =
  /\bsomeone\b[^.!?\n]{0,80}\b(with|on|from|using|through) my (account|card)\b|\b(purchases?|charges?|orders?|payments?) (that )?i (didn'?t|did not|never) (make|made|place|authori[sz]e)\b|\bi (didn'?t|did not|never) (buy|purchase|order|authori[sz]e) (this|these|that|them|those|it|any)\b|\bunauthori[sz]ed (purchases?|charges?|payments?|transactions?)\b|(누가|누군가|모르는 사람이)[^.!?\n]{0,30}(제|내) ?(계정|카드)|제가 (하지|결제하지|구매하지) 않은 (결제|구매)|(결제|구매)한 ?적(이)? 없는/iu;

const HOW_TO =
  /^\s*(how|where|can i|could i|is it possible|what happens)\b|어떻게|방법|하려면|할 수 있(나요|어요\?|을까요)|되나요|가능한가요/iu;

/** The threat a message makes, if any. */
export function threatIn(text: string): ThreatKind | undefined {
  const howTo = HOW_TO.test(text);
  return THREATS.find((threat) => threat.pattern.test(text) && !(threat.howToIsQuestion && howTo))?.kind;
}

/** Account takeover ("my account was hacked") or fraud on the account ("someone bought … with my account"). */
export function compromiseIn(text: string): "account takeover" | "fraud" | undefined {
  if (reportsAccountTakeover(text)) return "account takeover";
  return FRAUD.test(text) ? "fraud" : undefined;
}
