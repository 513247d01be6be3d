/**
 * Support vocabulary that customers and FAQ authors word differently: "money back" and "환불" are a
 * refund, "stop paying" and "해지" a cancellation, "earnings" and "정산" a payout. Each concept is a
 * language-neutral token added to a text's analysis, on the KB's side and the customer's alike, so
 * a message and an entry that name the same thing in other words (or in the other language) meet.
 * Generic help-desk topics only: a KB's own products and features stay in its own words.
 */

interface Concept {
  name: string;
  /** Matched case-insensitively (English words are written in lower case here). */
  patterns: readonly RegExp[];
}

const CONCEPTS: readonly Concept[] = [
  {
    name: "refund",
    patterns: [
      /\brefund/,
      /\bmoney back\b/,
      /\b(?:get|give|want|have) (?:my|the|our) money (?:back|returned)\b/,
      /\breimburs/,
      /\bcharge ?back\b/,
      /환불/,
      /돈[을은이]?\s?(?:좀\s?)?돌려/,
      /돌려받/,
    ],
  },
  {
    name: "cancel",
    patterns: [
      /\bcancel/,
      /\bunsubscrib/,
      /\bstop (?:paying|payments?|billing|being (?:charged|billed)|my (?:subscription|plan|membership)|(?:the )?(?:auto-?)?renew)/,
      /\b(?:turn|switch) off (?:the )?(?:auto(?:matic)?[- ]?)?renew/,
      /\bend (?:my|the) (?:subscription|plan|membership)\b/,
      /해지/,
      /구독\s?(?:을\s?)?취소/,
      /자동\s?(?:결제|갱신)/,
      /그만\s?(?:결제|낼|내고|쓰)/,
    ],
  },
  {
    name: "payout",
    patterns: [
      /\bpayouts?\b/,
      /\bearnings?\b/,
      /\bget paid\b/,
      /\bpaid out\b/,
      /\b(?:sales|sold)\b.{0,40}\bmoney\b/,
      /정산/,
      /수익금?/,
      /판\s?돈|판매\s?(?:대금|금액)/,
    ],
  },
  {
    name: "invoice",
    patterns: [
      /\binvoices?\b/,
      /\breceipts?\b/,
      /\btax (?:document|receipt|invoice)s?\b/,
      /\bproof of (?:purchase|payment)\b/,
      /\bvat\b/,
      /\bexpens(?:e|es|ing)\b/,
      /영수증/,
      /세금\s?계산서/,
      /증빙/,
      /인보이스/,
      /비용\s?처리/,
    ],
  },
  {
    name: "password",
    patterns: [
      /\bpass ?words?\b/,
      /\bpasscode\b/,
      /\blocked out\b/,
      /\bcan(?:no|')?t (?:log|sign) ?in\b/,
      /비밀\s?번호/,
      /비번/,
      /로그인이?\s?안/,
    ],
  },
  {
    name: "delete-account",
    patterns: [
      /\b(?:delete|close|remove|deactivate|terminate) (?:my |our |the )?account\b/,
      /\b(?:erase|wipe|remove|delete) (?:all )?(?:my |of my )?(?:personal )?(?:data|info|information|everything)\b/,
      /\bgdpr\b/,
      /\bright to be forgotten\b/,
      /탈퇴/,
      /계정\s?(?:을\s?)?(?:삭제|없애|지워|닫)/,
      /개인\s?정보\s?(?:를\s?)?(?:삭제|지워)/,
    ],
  },
  {
    name: "change-email",
    patterns: [
      /\b(?:change|update|switch|move|replace)\b.{0,30}\be-?mail(?: address)?\b/,
      /\be-?mail(?: address)?\b.{0,20}\b(?:change|update|switch)\b/,
      /이메일\s?(?:주소\s?)?(?:을\s?|를\s?)?(?:변경|바꾸|바꿔|수정)/,
    ],
  },
  {
    name: "payment-failed",
    patterns: [
      /\bdeclin/,
      /\b(?:card|payment|transaction|charge)s?\b.{0,30}\b(?:rejected|refused|fail|failed|fails|failing|error|denied|(?:didn'?t|won'?t|doesn'?t) go through|couldn'?t be (?:completed|processed))/,
      /\b(?:rejected|refused)\b.{0,20}\b(?:card|payment|checkout)\b/,
      /결제\s?(?:가\s?|이\s?)?(?:실패|거절|안\s?돼|안\s?되|오류|에러)/,
      /카드\s?(?:가\s?)?(?:거절|안\s?돼|안\s?되|승인\s?거절)/,
    ],
  },
  {
    name: "payment-method",
    patterns: [
      /\bpay(?:ment)? (?:methods?|options?)\b/,
      /\b(?:other|another|different) ways? (?:to|of|for me to|i can) pay/,
      /\bpaypal\b/,
      /\b(?:apple|google|samsung) pay\b/,
      /\b(?:credit|debit) cards?\b/,
      /\b(?:wire|bank) transfer\b/,
      /결제\s?(?:수단|방법|방식)/,
      /계좌\s?이체/,
      /무통장/,
      /카드\s?말고/,
    ],
  },
  {
    name: "pricing",
    patterns: [
      /\bpric(?:e|es|ing)\b/,
      /\bcosts?\b/,
      /\bhow much\b/,
      /\bfree (?:plan|tier|version)\b/,
      /가격/,
      /요금(?!제)/,
      /얼마/,
    ],
  },
  {
    name: "discount",
    patterns: [
      /\bdiscount/,
      /\bcoupons?\b/,
      /\bpromo(?:tion(?:al)?)?(?: codes?)?\b/,
      /\bvouchers?\b/,
      /\bcheaper\b/,
      /할인/,
      /쿠폰/,
      /프로모션/,
    ],
  },
  {
    name: "change-plan",
    patterns: [
      /\bupgrad/,
      /\bdowngrad/,
      /\b(?:change|switch) (?:my |our )?(?:plan|subscription|tier)\b/,
      /\b(?:monthly|every month)\b.{0,40}\b(?:yearly|annual(?:ly)?|once a year|every year)\b/,
      /\b(?:yearly|annual(?:ly)?|once a year)\b.{0,40}\b(?:monthly|every month)\b/,
      /업그레이드/,
      /다운그레이드/,
      /(?:플랜|요금제)\s?(?:을\s?|를\s?)?(?:변경|바꾸|바꿔)/,
      /(?:월간|매달|매월).{0,20}(?:연간|1년|일년)/,
    ],
  },
  {
    name: "sync",
    patterns: [
      /\bsync/,
      /\bacross (?:my )?(?:devices|computers|phones)\b/,
      /\b(?:show up|appear|see (?:them|it|my notes)|same notes)\b.{0,30}\b(?:phone|laptop|tablet|ipad|desktop|computer|other device)/,
      /동기화/,
      /다른\s?기기/,
    ],
  },
  {
    name: "offline",
    patterns: [
      /\boffline\b/,
      /\bwithout (?:an? )?(?:internet|wi-?fi|connection|network|signal)\b/,
      /\bno (?:internet|wi-?fi|connection|network|signal|reception)\b/,
      /오프라인/,
      /(?:인터넷|와이파이|데이터)\s?(?:이\s?|가\s?)?(?:없|안\s?되|끊)/,
    ],
  },
  {
    name: "export",
    patterns: [
      /\bexport/,
      /\bback ?ups?\b/,
      /\bback (?:it |them |everything )?up\b/,
      /\bdownload (?:all|everything|a copy|my (?:data|notes|files))\b/,
      /\bcopy of (?:all|everything|my data)\b/,
      /내보내/,
      /백업/,
    ],
  },
  {
    name: "import",
    patterns: [
      /\bimport/,
      /\bmigrat/,
      /\bbring\b.{0,30}\b(?:over|in|across)\b/,
      /가져오/,
      /불러오/,
      /이전하/,
    ],
  },
  {
    name: "share",
    patterns: [
      /\bshar(?:e|ing)\b/,
      /\bcollaborat/,
      /\b(?:read|view)[- ]only\b/,
      /\bpermissions?\b/,
      /공유/,
      /권한/,
      /읽기\s?전용/,
    ],
  },
  {
    name: "invite-members",
    patterns: [
      /\binvit/,
      /\badd (?:a |more |new |two |three )?(?:people|members?|colleagues?|co-?workers?|teammates?|users?|staff)\b/,
      /\bseats?\b/,
      /초대/,
      /팀원/,
      /멤버\s?(?:를\s?)?추가/,
    ],
  },
  {
    name: "crash",
    patterns: [
      /\bcrash/,
      /\bfreez/,
      /\bfroze\b/,
      /\b(?:quits?|closes?|shuts? down) (?:right away|immediately|by itself|on (?:its|it's) own|right after)/,
      /\bwon'?t (?:open|start|launch)\b/,
      /튕기|튕겨/,
      /꺼져|꺼지/,
      /멈춰|멈춤/,
    ],
  },
  {
    name: "not-loading",
    patterns: [
      /\b(?:won'?t|doesn'?t|not|isn'?t|never) (?:load|loading)\b/,
      /\bkeeps? (?:spinning|loading)\b/,
      /\bblank (?:white )?(?:page|screen)\b/,
      /\b(?:site|website|page) (?:is )?down\b/,
      /로딩/,
      /(?:안|않)\s?(?:떠|뜨|열려|열리)/,
      /접속\s?(?:이\s?)?안/,
    ],
  },
  {
    name: "contact-human",
    patterns: [
      /\b(?:talk|speak|chat) (?:to|with) (?:a |an )?(?:human|person|someone|agent|representative|real)/,
      /\bcall (?:someone|you|support)\b/,
      /\b(?:contact|reach) (?:you|support|your team|someone)\b/,
      /\bphone (?:number|support)\b/,
      /상담원/,
      /상담사/,
      /연락처/,
      /전화\s?(?:상담|번호|로)/,
    ],
  },
  {
    name: "response-time",
    patterns: [
      /\bhow (?:long|fast|soon|quickly)\b.{0,40}\b(?:reply|replies|answer|respond|response|get back|hear back)/,
      /\b(?:no|haven'?t (?:got|gotten|had|received)(?: an?)?|nobody has|no one has)\b.{0,25}\b(?:reply|answer|response|answered|replied)/,
      /\bwaiting (?:for|on) (?:an? )?(?:answer|reply|response)\b/,
      /\b(?:opening|business|support|office) hours\b/,
      /답장/,
      /답변/,
      /답이\s?없/,
      /운영\s?시간/,
      /상담\s?시간/,
    ],
  },
  {
    name: "privacy",
    patterns: [
      /\bencrypt/,
      /\bsecur(?:e|ity)\b/,
      /\bprivacy\b/,
      /\bprivate\b/,
      /\b(?:staff|employees|your team|anyone|you guys)\b.{0,20}\b(?:read|see|look at|access)\b/,
      /\bleak/,
      /보안/,
      /암호화/,
      /유출/,
      /개인\s?정보/,
    ],
  },
  {
    name: "file-size",
    patterns: [
      /\bfile size\b/,
      /\b(?:too|very) (?:large|big)\b/,
      /\b(?:size|upload) limit\b/,
      /\b\d+ ?(?:mb|gb|megabytes?|gigabytes?)\b/,
      /용량/,
      /파일\s?크기/,
    ],
  },
  {
    name: "language",
    patterns: [/\blanguages?\b/, /\btranslat/, /언어/, /(?:한국어|영어)로/, /\bin (?:korean|english)\b/],
  },
  {
    name: "two-factor",
    patterns: [
      /\b2fa\b/,
      /\btwo[- ](?:factor|step)\b/,
      /\bauthenticator\b/,
      /\b(?:verification|security|login|2fa) codes?\b/,
      /\botp\b/,
      /2단계/,
      /2차\s?인증/,
      /인증\s?(?:앱|코드|번호)/,
    ],
  },
  {
    name: "commercial-use",
    patterns: [
      /\bcommercial/,
      /\bclient (?:work|projects?)\b/,
      /\bfor (?:my |our )?(?:clients|customers|business|company)\b/,
      /\blicen[cs]e/,
      /상업/,
      /라이선스|라이센스/,
      /클라이언트/,
    ],
  },
  {
    name: "api",
    patterns: [
      /\bapi\b/,
      /\bdevelopers?\b/,
      /\bintegrat/,
      /\bwebhooks?\b/,
      /\bzapier\b/,
      /개발자/,
      /연동/,
      /자동으로\s?연결/,
    ],
  },
];

/** Each concept's patterns as one alternation: one scan per concept. */
const MATCHERS = CONCEPTS.map((concept) => ({
  token: `≈${concept.name}`,
  pattern: new RegExp(concept.patterns.map((pattern) => `(?:${pattern.source})`).join("|"), "i"),
}));

/** Concept tokens (`≈refund`, …) a text names, each once. */
export function conceptsOf(text: string): string[] {
  const out: string[] = [];
  // Case-insensitive patterns: no lower-cased copy of the text is needed.
  for (const { token, pattern } of MATCHERS) if (pattern.test(text)) out.push(token);
  return out;
}
