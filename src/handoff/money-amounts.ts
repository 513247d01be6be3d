/**
 * Money amounts in chat text, in linear time. Regexes such as `(\d[\d,]*)\s*원` are tried from
 * every digit of a long digit run and rescan the rest of it each time: quadratic, 16.8 s on an
 * 80 KB message (issue 11). These scanners read a number once and then look at its neighbours:
 * a currency sign before it, a currency word after it.
 *
 * Recognised, in English and Korean alike: `₩12,000`, `12,000원`, `1.5만원`, `3만 원`, `5천원`,
 * `12000 KRW`, `12,000 won`, `$25`, `€25`, `£25`, `25 USD`, `25 EUR`, `25 dollars`, `25 euros`,
 * `25달러`, `25불`, `25유로`.
 */
import { isWhitespaceCode } from "../core/whitespace.ts";

/** One amount found: its value, and whether it is in won (compared after conversion). */
export interface MoneyAmount {
  value: number;
  krw: boolean;
}

type Visit = (value: number, krw: boolean) => void;

const COMMA = 0x2c;
const DOT = 0x2e;

const isDigit = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
};
const isSpace = (text: string, at: number): boolean => isWhitespaceCode(text.charCodeAt(at));
const numberOf = (text: string): number => Number(text.replaceAll(",", ""));

function skipSpaces(text: string, at: number): number {
  let next = at;
  while (isSpace(text, next)) next++;
  return next;
}

/** A number as written at `start` (a digit): digits and thousands commas, then maybe `.` + digits. */
interface NumberToken {
  /** End of the digits-and-commas run (where `₩12,000.50` stops: won have no decimals). */
  runEnd: number;
  /** End of the number, decimals included. */
  end: number;
  integer: number;
  value: number;
}

function readNumber(text: string, start: number): NumberToken {
  let runEnd = start + 1;
  while (isDigit(text, runEnd) || text.charCodeAt(runEnd) === COMMA) runEnd++;
  const integer = numberOf(text.slice(start, runEnd));
  if (text.charCodeAt(runEnd) !== DOT || !isDigit(text, runEnd + 1))
    return { runEnd, end: runEnd, integer, value: integer };
  let end = runEnd + 2;
  while (isDigit(text, end)) end++;
  return { runEnd, end, integer, value: numberOf(text.slice(start, end)) };
}

/** `원`, `만 원` (×10,000, maybe with the rest: `32만5천원`), `천원`, `KRW`, `won` or `₩` after a number: where it ends, its factor and what follows the 만. */
function wonUnitAt(text: string, at: number): { end: number; factor: number; add?: number } | undefined {
  const next = text[at];
  if (next === "원" || next === "₩") return { end: at + 1, factor: 1 };
  if ((next === "k" || next === "K") && text.slice(at, at + 3).toLowerCase() === "krw")
    return { end: at + 3, factor: 1 };
  // "12,000 won": how English speakers write won.
  if (
    (next === "w" || next === "W") &&
    text.slice(at, at + 3).toLowerCase() === "won" &&
    !isLetter(text, at + 3)
  )
    return { end: at + 3, factor: 1 };
  if (next === "천") {
    const won = skipSpaces(text, at + 1);
    return text[won] === "원" ? { end: won + 1, factor: 1_000 } : undefined;
  }
  if (next !== "만") return undefined;
  const after = skipSpaces(text, at + 1);
  if (text[after] === "원") return { end: after + 1, factor: 10_000 };
  // "32만5천원", "32만 5000원": the rest of the amount follows the 만.
  if (!isDigit(text, after)) return undefined;
  const rest = readNumber(text, after);
  let unit = skipSpaces(text, rest.end);
  let thousands = 1;
  if (text[unit] === "천") {
    thousands = 1_000;
    unit = skipSpaces(text, unit + 1);
  }
  return text[unit] === "원" ? { end: unit + 1, factor: 10_000, add: rest.value * thousands } : undefined;
}

// Longest first: the end of the match decides where the scan resumes.
const OTHER_UNITS = ["dollars", "dollar", "euros", "euro", "usd", "eur"];
const OTHER_INITIALS = new Set(["d", "D", "e", "E", "u", "U"]);

/** How Korean speakers write dollars and euros: `250달러`, `250불`, `30유로`. */
const KOREAN_UNITS = ["달러", "유로"];

function isLetter(text: string, at: number): boolean {
  return /[A-Za-z가-힣]/.test(text[at] ?? "");
}

/** End of `USD`, `EUR`, `dollar(s)`, `euro(s)` (any case), `달러`, `유로` or `불` at `at`, if one is there. */
function otherUnitAt(text: string, at: number): number | undefined {
  const korean = KOREAN_UNITS.find((unit) => text.startsWith(unit, at));
  if (korean) return at + korean.length;
  // "250불", but not "3불만" (불만, a complaint) or "2불편" (불편).
  if (text[at] === "불" && !isLetter(text, at + 1)) return at + 1;
  if (!OTHER_INITIALS.has(text[at] ?? "")) return undefined;
  const word = text.slice(at, at + 7).toLowerCase();
  const unit = OTHER_UNITS.find((candidate) => word.startsWith(candidate));
  return unit === undefined ? undefined : at + unit.length;
}

/*
 * Three left-to-right scans, one per way of writing an amount, each resuming after what it
 * matched, so they find what the former regexes found. A scan that fails on a number skips its
 * whole digit run: every later start in the run would meet the same end and fail the same way.
 */

/** `12,000원`, `1.5만 원`, `12000 KRW`, `12000₩`. */
function scanWonSuffix(text: string, visit: Visit): void {
  for (let i = 0; i < text.length; ) {
    if (!isDigit(text, i)) {
      i++;
      continue;
    }
    const number = readNumber(text, i);
    const unit = wonUnitAt(text, skipSpaces(text, number.end));
    if (unit) visit(number.value * unit.factor + (unit.add ?? 0), true);
    i = unit ? unit.end : number.runEnd;
  }
}

/** `₩12,000`, `₩ 12000` (whole won). */
function scanWonSign(text: string, visit: Visit): void {
  for (let i = text.indexOf("₩"); i !== -1; i = text.indexOf("₩", i + 1)) {
    const digit = skipSpaces(text, i + 1);
    if (!isDigit(text, digit)) continue;
    const number = readNumber(text, digit);
    visit(number.integer, true);
    i = number.runEnd - 1;
  }
}

/** `$25`, `€ 25.50`, `£25`, `25 USD`, `25 EUR`, `25 dollars`, `25 euros`. */
function scanOtherCurrencies(text: string, visit: Visit): void {
  for (let i = 0; i < text.length; ) {
    const char = text[i];
    if (char === "$" || char === "€" || char === "£") {
      const digit = skipSpaces(text, i + 1);
      if (isDigit(text, digit)) {
        const number = readNumber(text, digit);
        visit(number.value, false);
        i = number.end;
      } else i++;
    } else if (isDigit(text, i)) {
      const number = readNumber(text, i);
      const unitEnd = otherUnitAt(text, skipSpaces(text, number.end));
      if (unitEnd !== undefined) visit(number.value, false);
      i = unitEnd ?? number.runEnd;
    } else i++;
  }
}

function visitAmounts(text: string, visit: Visit): void {
  scanWonSuffix(text, visit);
  scanWonSign(text, visit);
  scanOtherCurrencies(text, visit);
}

/** Every money amount mentioned in `text`. Linear in the length of `text`. */
export function moneyAmounts(text: string): MoneyAmount[] {
  const found: MoneyAmount[] = [];
  visitAmounts(text, (value, krw) => found.push({ value, krw }));
  return found;
}

/** The largest money amount mentioned, in policy units (won divided by `krwPerUnit`). */
export function mentionedAmount(text: string, krwPerUnit: number): number | undefined {
  let largest: number | undefined;
  visitAmounts(text, (value, krw) => {
    const units = krw ? value / krwPerUnit : value;
    if (Number.isFinite(units) && (largest === undefined || units > largest)) largest = units;
  });
  return largest;
}
