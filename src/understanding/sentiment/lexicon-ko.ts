/**
 * A small Korean sentiment lexicon written for this project: stems (matched as substrings, since
 * Korean attaches endings) with valence in [-3, 3], and the two common negations "안 X" / "X지 않다".
 */

const ENTRIES: ReadonlyArray<readonly [string, number]> = [
  // negative
  ["최악", -3],
  ["쓰레기", -3],
  ["빡치", -3],
  ["빡쳐", -3],
  ["거지같", -3],
  ["형편없", -3],
  ["사기", -2.5],
  ["짜증", -2.5],
  ["화나", -2.5],
  ["화났", -2.5],
  ["화가", -2.5],
  ["열받", -2.5],
  ["어이없", -2.5],
  ["어이가 없", -2.5],
  ["실망", -2.5],
  ["엉망", -2.5],
  ["불친절", -2.5],
  ["망했", -2.5],
  ["엉터리", -2.5],
  ["노잼", -2.5],
  ["재미없", -2.5],
  ["황당", -2],
  ["불만", -2],
  ["답답", -2],
  ["나쁘", -2],
  ["나빠", -2],
  ["싫", -2],
  ["후회", -2],
  ["속상", -2],
  ["지루", -2],
  ["불량", -2],
  ["장난하", -2],
  ["장난해", -2],
  ["말도 안", -2],
  ["말이 안", -2],
  ["무시", -2],
  ["별로", -1.5],
  ["불편", -1.5],
  ["귀찮", -1.5],
  ["구리", -1.5],
  ["구려", -1.5],
  ["못 쓰", -1.5],
  ["ㅡㅡ", -1.5],
  ["아쉽", -1.2],
  ["아쉬워", -1.2],
  ["느려", -1],
  ["느리", -1],
  ["고장", -1],
  ["늦", -0.8],
  ["ㅠㅠ", -1],
  ["ㅜㅜ", -1],
  ["오류", -0.8],
  ["에러", -0.8],
  ["안 돼", -0.8],
  ["안돼", -0.8],
  ["안 되", -0.8],
  ["안되", -0.8],
  ["문제", -0.5],
  ["아깝", -2],
  ["아까운", -2],
  ["비추", -2.5],
  ["졸작", -3],
  ["유치", -1.5],
  ["억지", -1.5],
  ["뻔한", -1],
  ["그닥", -1],
  // positive
  ["최고", 3],
  ["완벽", 3],
  ["훌륭", 3],
  ["꿀잼", 3],
  ["만족", 2.5],
  ["행복", 2.5],
  ["사랑", 2.5],
  ["짱", 2.5],
  ["재밌", 2.5],
  ["재미있", 2.5],
  ["감동", 2.5],
  ["멋지", 2.5],
  ["멋있", 2.5],
  ["기쁘", 2.5],
  ["기뻐", 2.5],
  ["명작", 3],
  ["좋", 2],
  ["감사", 2],
  ["고마", 2],
  ["고맙", 2],
  ["친절", 2],
  ["굿", 2],
  ["추천", 1.5],
  ["대박", 1.5],
  ["편하", 1.5],
  ["편리", 1.5],
  ["다행", 1.5],
  ["신속", 1.5],
  ["깔끔", 1.5],
  ["잘 됐", 1.5],
  ["잘됐", 1.5],
  ["^^", 1.2],
  ["빠르", 1],
  ["빨라", 1],
  ["빠른", 1],
  ["해결됐", 1.5],
  ["괜찮", 1],
  ["ㅋㅋ", 0.8],
  ["ㅎㅎ", 0.8],
  ["수고", 0.5],
  ["최고다", 0.5],
];

// Longest stems first so "불친절" is not also counted as "친절".
const SORTED = [...ENTRIES].sort((a, b) => b[0].length - a[0].length);
const NEGATED_AFTER_RE = /^[가-힣]{0,2}지\s?(않|못|마)/u;
const NEGATED_BEFORE_RE = /(^|\s)(안|못)\s?$/u;

/** Result of scoring a Korean text with the lexicon. */
export interface KoreanLexiconScore {
  /** Normalised valence in [-1, 1]. */
  score: number;
  /** Raw sum of matched valences (after negation). */
  sum: number;
  hits: number;
}

/** Scores Korean text; stems overlapping an already matched longer stem are skipped. */
export function scoreKorean(text: string): KoreanLexiconScore {
  const taken = new Uint8Array(text.length);
  let sum = 0;
  let hits = 0;
  for (const [stem, valence] of SORTED) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(stem, from);
      if (at < 0) break;
      from = at + stem.length;
      if (taken[at] === 1 || taken[at + stem.length - 1] === 1) continue;
      taken.fill(1, at, at + stem.length);
      const negated =
        NEGATED_BEFORE_RE.test(text.slice(Math.max(0, at - 3), at)) ||
        NEGATED_AFTER_RE.test(text.slice(at + stem.length, at + stem.length + 6));
      sum += negated ? -0.8 * valence : valence;
      hits++;
    }
  }
  return { score: sum / Math.sqrt(sum * sum + 15), sum, hits };
}
