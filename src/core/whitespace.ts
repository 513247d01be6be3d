/**
 * True for the UTF-16 code units regex `\s` matches (and `String.prototype.trim()` removes): tab,
 * line feed, vertical tab, form feed, carriage return, space, U+00A0, U+1680, U+2000–U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF. For hand-written scanners that replace
 * regexes and must agree with them character for character.
 * @see https://tc39.es/ecma262/#sec-white-space
 */
export function isWhitespaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
