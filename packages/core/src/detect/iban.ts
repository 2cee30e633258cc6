/** IBAN validation: the per-country length from the SWIFT IBAN registry, then ISO 7064 mod 97-10. */

/** IBAN length by ISO 3166 country code (SWIFT IBAN registry, plus the widely used partial adopters). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AO: 25,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BF: 28,
  BG: 22,
  BH: 22,
  BI: 27,
  BJ: 28,
  BR: 29,
  BY: 28,
  CF: 27,
  CG: 27,
  CH: 21,
  CI: 28,
  CM: 27,
  CR: 22,
  CV: 25,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  DZ: 26,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GA: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GQ: 27,
  GR: 27,
  GT: 28,
  GW: 25,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IR: 26,
  IS: 26,
  IT: 27,
  JO: 30,
  KM: 27,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MA: 28,
  MC: 27,
  MD: 24,
  ME: 22,
  MG: 27,
  MK: 19,
  ML: 28,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  MZ: 25,
  NE: 28,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SN: 28,
  SO: 23,
  ST: 25,
  SV: 28,
  TD: 27,
  TG: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

/** ISO 7064 mod 97-10 over an IBAN without separators: true when the remainder is 1. */
export function ibanMod97(iban: string): boolean {
  let rem = 0;
  const n = iban.length;
  for (let k = 0; k < n; k++) {
    const i = (k + 4) % n; // the first four characters move to the end
    const c = iban.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** True when `raw` (upper case, optionally grouped by single spaces or dashes) is a valid IBAN. */
export function isValidIban(raw: string): boolean {
  const iban = raw.includes(' ') || raw.includes('-') ? raw.replace(/[ -]/g, '') : raw;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  return expected === iban.length && ibanMod97(iban);
}

/**
 * The IBAN pattern, built from IBAN_LENGTHS: for each IBAN length, the countries that use it, the
 * check digits, then the BBAN in groups of 4 (the last group shorter) joined by nothing, single
 * spaces or single dashes (one kind throughout). Matching the country's exact length keeps a
 * following upper-case word (`… 7034 DONE`) out of the match.
 */
export const IBAN_PATTERN: RegExp = (() => {
  const byLength = new Map<number, string[]>();
  for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
    const list = byLength.get(length) ?? [];
    list.push(country);
    byLength.set(length, list);
  }
  const alternatives: string[] = [];
  let group = 0;
  for (const [length, countries] of [...byLength.entries()].sort((a, b) => a[0] - b[0])) {
    const bban = length - 4;
    const full = Math.floor(bban / 4);
    const rest = bban % 4;
    const sep = ++group;
    const tail = rest === 0 ? '' : `\\${sep}[A-Z0-9]{${rest}}`;
    alternatives.push(`(?:${countries.join('|')})\\d{2}([ -]?)[A-Z0-9]{4}(?:\\${sep}[A-Z0-9]{4}){${full - 1}}${tail}`);
  }
  return new RegExp(`(?<![A-Za-z0-9])(?=[A-Z]{2}\\d{2})(?:${alternatives.join('|')})(?![A-Za-z0-9])`, 'g');
})();
