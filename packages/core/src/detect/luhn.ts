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
  [5019, 5019, [16]], // Dankort
  [1, 1, [15]], // UATP (AirPlus and other airline cards): 15 digits only, so 13-digit epoch millis stay
];

const WIDTHS = RANGES.map(([low]) => String(low).length);

/**
 * True when a card number with `length` digits whose first four digits are `lead4` (as a number,
 * e.g. 4111) starts with a known issuer prefix of a length that issuer uses.
 */
function issuerKnown(lead4: number, length: number): boolean {
  for (let i = 0; i < RANGES.length; i++) {
    const [low, high, lengths] = RANGES[i] as IinRange;
    const width = WIDTHS[i] as number;
    const lead =
      width === 4 ? lead4 : width === 3 ? Math.floor(lead4 / 10) : width === 2 ? Math.floor(lead4 / 100) : Math.floor(lead4 / 1000);
    if (lead >= low && lead <= high && lengths.includes(length)) return true;
  }
  return false;
}

/** True when the digits start with a known card issuer prefix and have a length that issuer uses. */
export function hasKnownIssuer(digits: string): boolean {
  if (digits.length < 4 || !/^\d+$/.test(digits)) return false;
  return issuerKnown(Number(digits.slice(0, 4)), digits.length);
}

/**
 * True when a separated card number uses a layout that printed cards use: no separators, or one
 * kind of separator (space or dash) between groups of 4 (the last group may be shorter), or the
 * 4-6-5 (Amex) and 4-6-4 (Diners) layouts.
 */
export function hasCardLayout(raw: string): boolean {
  let sep = -1;
  let groups = 0;
  let len = 0;
  let shape = 0; // group lengths packed for the 4-6-x layouts
  let fours = true; // every finished group so far has 4 digits
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : -1;
    if (c >= 48 && c <= 57) {
      len++;
      continue;
    }
    if (c !== -1) {
      if (sep === -1) sep = c;
      else if (c !== sep) return false;
      if (len !== 4) fours = false;
    } else if (groups > 0 && (len < 1 || len > 4)) fours = false;
    if (groups < 3) shape = shape * 16 + len;
    groups++;
    len = 0;
  }
  if (groups === 1) return true;
  return fours || (groups === 3 && (shape === 0x465 || shape === 0x464));
}

/** The full card check in one pass, without allocating: layout, issuer prefix and length, Luhn. */
export function isValidCardNumber(raw: string): boolean {
  let count = 0;
  let lead4 = 0;
  let sumEven = 0; // Luhn sum when the digit count is even (the first digit is doubled)
  let sumOdd = 0; // Luhn sum when the digit count is odd
  let sep = -1;
  let groups = 0;
  let len = 0;
  let shape = 0;
  let fours = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const d = c - 48;
    if (d >= 0 && d <= 9) {
      if (count < 4) lead4 = lead4 * 10 + d;
      const doubled = d > 4 ? d * 2 - 9 : d * 2;
      if (count % 2 === 0) {
        sumEven += doubled;
        sumOdd += d;
      } else {
        sumEven += d;
        sumOdd += doubled;
      }
      count++;
      len++;
      continue;
    }
    if (sep === -1) sep = c;
    else if (c !== sep) return false;
    if (len !== 4) fours = false;
    if (groups < 3) shape = shape * 16 + len;
    groups++;
    len = 0;
  }
  if (groups > 0) {
    if (len < 1 || len > 4) fours = false;
    if (groups < 3) shape = shape * 16 + len;
    groups++;
    if (!fours && !(groups === 3 && (shape === 0x465 || shape === 0x464))) return false;
  }
  if (count < 13 || count > 19 || !issuerKnown(lead4, count)) return false;
  return (count % 2 === 0 ? sumEven : sumOdd) % 10 === 0;
}
