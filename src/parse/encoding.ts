/**
 * What NUL characters in decoded text say of a file read as UTF-8: UTF-32 (three NUL bytes with
 * each ASCII letter; its byte-order mark reads as two U+FFFD and two NULs), UTF-16 (one NUL byte
 * with each; a byte-order mark FF FE or FE FF reads as two U+FFFD), or no text at all (a
 * spreadsheet, another binary file: an Excel 97 .xls starts with two U+FFFD too, QA); or a binary
 * file's first bytes without a NUL (`BINARY_START`). Used for CSV headers and rules files alike. Pure.
 */
export function nulEncoding(text: string): 'utf16' | 'utf32' | 'binary' | undefined {
  if (!text.includes('\u0000')) return BINARY_START.test(text) ? 'binary' : undefined
  // At the start only: a binary file (a zip's directory, an image's header) holds such runs too (QA).
  // eslint-disable-next-line no-control-regex -- matching NUL bytes is the point
  if (/^(?:\uFFFD\uFFFD\u0000\u0000|\u0000\u0000\uFFFD\uFFFD|(?:[\x20-\x7e]\u0000{3}){2}|(?:\u0000{3}[\x20-\x7e]){2})/.test(text)) return 'utf32'
  // A byte-order mark reads as two U+FFFD whatever the letters after it (Cyrillic, CJK: QA); two NUL
  // bytes in a row are no UTF-16 letter, but every binary file starting so has them (.xls, JPEG).
  // eslint-disable-next-line no-control-regex -- matching NUL bytes is the point
  return (text.startsWith('\uFFFD\uFFFD') && !text.includes('\u0000\u0000')) || /(?:[\x20-\x7e]\u0000){3}|(?:\u0000[\x20-\x7e]){3}/.test(text) ? 'utf16' : 'binary'
}

/**
 * The first bytes of files that are not text but may have no NUL byte before their first line
 * break, as UTF-8 reads them: a PDF, a PNG (0x89 "PNG"), a GIF (QA: a PNG gave 640 problems, one
 * a line). Others (JPEG, .xls, .xlsx, gzip) have NULs in their first bytes.
 */
const BINARY_START = /^(?:%PDF-|\uFFFDPNG|GIF8[79]a)/
