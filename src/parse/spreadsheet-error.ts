/**
 * A spreadsheet's error value, as Excel, LibreOffice and Google Sheets write it into a CSV, in any
 * language, always in capitals: `#VALUE!`, `#REF!`, `#DIV/0!`, `#NAME?`, `#WERT!`, `#¡VALOR!`,
 * `#N/A`, `#NV`, `#N/D`. A comment's word is not (QA: `#Important!, see below` was refused). Read
 * where it may start a row (records.ts) and where it may stand for a country (src/zones/countries.ts).
 */
export const SPREADSHEET_ERROR = /^#(?:[\p{Lu}\d/_¡¿]{1,20}[!?]|NV|N\/[A-Z])$/u
