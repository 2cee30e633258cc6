/** Payment card validation: the Luhn checksum and the issuer (IIN) ranges with their lengths. */

/** True when a string of ASCII digits passes the Luhn (mod 10) checksum. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** [low, high, lengths]: an inclusive range over the leading digits (compared at the bound's width). */
type IinRange = readonly [low: number, high: number, lengths: readonly number[]];

const ANY = [13, 14, 15, 16, 17, 18, 19] as const;
const SIXTEEN_UP = [16, 17, 18, 19] as const;

const RANGES: readonly IinRange[] = [
  [4, 4, [13, 16, 19]], // Visa
  [51, 55, [16]], // Mastercard
  [2221, 2720, [16]], // Mastercard 2-series
  [34, 34, [15]], // American Express
  [37, 37, [15]], // American Express
  [6011, 6011, SIXTEEN_UP], // Discover
  [644, 649, SIXTEEN_UP], // Discover
  [65, 65, SIXTEEN_UP], // Discover
  [3528, 3589, SIXTEEN_UP], // JCB
  [300, 305, [14, 15, 16, 17, 18, 19]], // Diners Club
  [36, 36, [14, 15, 16, 17, 18, 19]], // Diners Club
  [38, 39, [14, 15, 16, 17, 18, 19]], // Diners Club
  [62, 62, SIXTEEN_UP], // UnionPay
  [2200, 2204, SIXTEEN_UP], // Mir
  [5018, 5018, ANY], // Maestro
  [5020, 5020, ANY], // Maestro
  [5038, 5038, ANY], // Maestro
  [5893, 5893, ANY], // Maestro
  [6304, 6304, ANY], // Maestro
  [6759, 6759, ANY], // Maestro
  [6761, 6763, ANY], // Maestro
  [636, 636, SIXTEEN_UP], // InterPayment
  [6060, 6060, SIXTEEN_UP], // RuPay
  [6521, 6522, SIXTEEN_UP], // RuPay
  [508, 508, SIXTEEN_UP], // RuPay
  [60, 60, SIXTEEN_UP], // RuPay
];

/** True when the digits start with a known card issuer prefix and have a length that issuer uses. */
export function hasKnownIssuer(digits: string): boolean {
  const n = digits.length;
  for (const [low, high, lengths] of RANGES) {
    const width = String(low).length;
    const lead = Number(digits.slice(0, width));
    if (lead >= low && lead <= high && lengths.includes(n)) return true;
  }
  return false;
}

/**
 * True when a separated card number uses a layout that printed cards use: no separators, or one
 * kind of separator (space or dash) between groups of 4 (the last group may be shorter), or the
 * 4-6-5 (Amex) and 4-6-4 (Diners) layouts.
 */
export function hasCardLayout(raw: string): boolean {
  const space = raw.includes(' ');
  const dash = raw.includes('-');
  if (!space && !dash) return true;
  if (space && dash) return false;
  const groups = raw.split(space ? ' ' : '-');
  const lens = groups.map((g) => g.length);
  if (lens.join() === '4,6,5' || lens.join() === '4,6,4') return true;
  for (let i = 0; i < lens.length; i++) {
    const len = lens[i] as number;
    if (i < lens.length - 1 ? len !== 4 : len < 1 || len > 4) return false;
  }
  return true;
}

/** The full card check: layout, issuer prefix and length, then Luhn. */
export function isValidCardNumber(raw: string): boolean {
  if (!hasCardLayout(raw)) return false;
  const digits = raw.replace(/[ -]/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  return hasKnownIssuer(digits) && luhnValid(digits);
}
