/**
 * Personal data detectors: email, payment card, IBAN, US SSN, phone, IPv4, IPv6. Patterns are
 * shaped loosely and validators decide; every pattern anchors its start with a lookbehind so that
 * a failed attempt inside a long run is rejected at once (linear time on adversarial input).
 */
import type { DetectorDefinition } from './types.js';
import { IBAN_PATTERN, isValidIban } from './iban.js';
import { isRedactableIpv4, isRedactableIpv6 } from './ip.js';
import { isValidCardNumber } from './luhn.js';
import {
  AT,
  DASH,
  DIGITS_13,
  DIGITS_7,
  DIGITS_9,
  DOTTED_QUAD,
  HEX_COLONS,
  DOT,
  IBAN_HEAD,
  NON_ASCII,
  PERCENT,
  PLUS,
  SCHEME,
  withFacts,
  type TextProfile,
} from './facts.js';

const IMAGE_DENSITY = /^\d+(?:\.\d+)?x\.(?:png|jpe?g|gif|webp|svg|avif|bmp|ico)$/i;

/** True when an email match is an address, not a `@2x.png` asset name. */
export function isRedactableEmail(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  // an asset name has a digit right after the `@`; an address almost never does
  const next = address.charCodeAt(at + 1);
  return next < 0x30 || next > 0x39 || !IMAGE_DENSITY.test(address.slice(at + 1));
}

/**
 * Email addresses. Refuses: `user@host` without a dotted alphabetic TLD, `@2x.png` asset names,
 * `pkg@1.2.3` versions, and the user part of URLs (`ssh://git@host`, `scheme://user:pass@host`).
 */
export const email: DetectorDefinition = withFacts(
  {
    name: 'email',
    prefilter: (_t, p) => p.has(AT),
    // The match starts at `@` (a literal, so the engine skips ahead fast); the trailing lookbehind
    // captures the whole address, local part included, as group 1.
    pattern:
      /@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])(?<=(?<![\w.%+@-])(?<!\/\/[^\s/@?=&#]{0,128})([\w.%+-]{1,64}@[A-Za-z0-9.-]+))/g,
    group: 1,
    groupEndsAtMatchEnd: true,
    validate: (m, p) => isRedactableEmail(m[1] ?? '') && !insideUserinfo(m.input, m.index - (m[1] ?? '').indexOf('@'), p),
  },
  AT,
);

/**
 * Email addresses with an internationalised local part or domain (`jane@bücher.de`,
 * `用户@例子.广告`), with the same refusals as `email`. Only strings that hold a non-ASCII
 * character run it; ASCII addresses are the `email` detector's.
 */
export const emailIntl: DetectorDefinition = withFacts(
  {
    name: 'email',
    prefilter: (_t, p) => p.has(AT) && p.has(NON_ASCII),
    pattern:
      /@[\p{L}\p{N}\p{M}-]{1,63}(?:\.[\p{L}\p{N}\p{M}-]{1,63})*\.(?:[A-Za-z]{2,24}|\p{L}{2,24})(?![\p{L}\p{N}\p{M}_-]|\.[\p{L}\p{N}])(?<=(?<![\p{L}\p{N}\p{M}_.%+@-])(?<!\/\/[^\s/@?=&#]{0,128})([\p{L}\p{N}\p{M}_.%+-]{1,64}@[\p{L}\p{N}\p{M}.-]+))/gu,
    group: 1,
    groupEndsAtMatchEnd: true,
    validate: (m, p) => isRedactableEmail(m[1] ?? '') && !insideUserinfo(m.input, m.index - (m[1] ?? '').indexOf('@'), p),
  },
  AT,
  AT | NON_ASCII,
);

/**
 * URL-encoded email addresses (`jane%40example.com`, `maria%2Bnews%40example.co.uk`), as query
 * strings, form bodies and paths carry them. The whole encoded address goes.
 */
export const emailEncoded: DetectorDefinition = withFacts(
  {
    name: 'email',
    prefilter: (t) => t.includes('%40'),
    pattern:
      /%40[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![\w-]|\.[A-Za-z0-9])(?<=(?<![\w.%+@-])([\w.%+-]{1,64}%40[A-Za-z0-9.-]+))/g,
    group: 1,
    groupEndsAtMatchEnd: true,
    validate: (m) => isRedactableEmail((m[1] ?? '').replace('%40', '@')),
  },
  PERCENT,
  PERCENT | DOT,
);

/**
 * True when `start` lies in the userinfo of a URL (`postgres://app:correct horse@db`), whose
 * password the userinfo detector owns: an email match there would eat the host.
 */
function insideUserinfo(text: string, start: number, profile: TextProfile): boolean {
  if (!profile.has(SCHEME)) return false;
  const before = text.slice(Math.max(0, start - 160), start);
  const scheme = before.lastIndexOf('://');
  if (scheme === -1) return false;
  const rest = before.slice(scheme + 3);
  const colon = rest.indexOf(':');
  if (colon === -1 || rest.includes('@') || rest.includes('/') || /\s/.test(rest.slice(0, colon))) return false;
  const password = rest.slice(colon + 1);
  // `localhost:3000 is up, mail ops@…` has a port, not a password; the userinfo pattern allows four spaces.
  return !/^\d{1,5}(?: |$)/.test(password) && password.split(' ').length <= 5;
}

/**
 * Payment card numbers: 13–16 bare digits, or 13–19 digits in the printed layouts (groups of 4
 * joined by one kind of separator, the last group shorter; Amex 4-6-5, Diners 4-6-4), Luhn-valid,
 * with a known issuer prefix and length. Several cards in one line are each found. Refuses: Luhn
 * failures, unknown prefixes (epoch millis start with 1), bare runs of 17 or more digits (64-bit
 * trace and snowflake IDs, which pass Luhn one time in ten), digits inside longer numbers or
 * identifiers, and odd groupings such as dates.
 */
export const card: DetectorDefinition = withFacts(
  {
    name: 'card',
    prefilter: (_t, p) => p.has(DIGITS_13),
    pattern:
      /(?<![\w.,+-])(?:\d{13,16}(?!\w|[.,]\d|-\d)|\d{4}([ -])(?:\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{6}\1\d{4,5})(?!\w|[.,]\d|\1\d))/g,
    validate: (m) => isValidCardNumber(m[0]),
  },
  DIGITS_13,
);

/**
 * IBANs: country code, check digits and BBAN, bare or in groups of 4 separated by single spaces or
 * dashes, exactly as long as the country's IBAN (so upper-case words after it stay out); the
 * mod-97 check must pass. Refuses: lower case, SKUs and identifiers that fail the check or the
 * length table.
 */
export const iban: DetectorDefinition = withFacts(
  {
    name: 'iban',
    prefilter: (_t, p) => p.has(IBAN_HEAD),
    pattern: IBAN_PATTERN,
    validate: (m) => isValidIban(m[0]),
  },
  IBAN_HEAD,
);

/** SSNs that are published samples or test values, not anyone's number. */
const SAMPLE_SSNS = ['123456789', '078051120', '219099999'];

/**
 * True when an SSN (`ddd-dd-dddd`, `ddd.dd.dddd`, `ddd dd dddd` or nine digits) is in the issued
 * ranges: area not 000, 666 or 900–999, group not 00, serial not 0000, not all one digit, and not
 * a published sample (`078-05-1120`, `123-45-6789`, `987-65-432x`).
 */
export function isValidSsn(text: string): boolean {
  const d = text.replace(/\D/g, '');
  if (d.length !== 9) return false;
  const area = d.slice(0, 3);
  if (area === '000' || area === '666' || area[0] === '9' || d.slice(3, 5) === '00' || d.slice(5) === '0000') return false;
  if (/^(\d)\1*$/.test(d) || d.startsWith('98765432')) return false;
  return !SAMPLE_SSNS.includes(d);
}

/**
 * US Social Security numbers, dashed form (`123-45-6789`) anywhere: nine bare digits are too often
 * an identifier. Refuses: area 000, 666 and 900–999, group 00, serial 0000, published samples,
 * longer dash chains.
 */
export const ssn: DetectorDefinition = withFacts(
  {
    name: 'ssn',
    prefilter: (_t, p) => p.has(DASH) && p.has(DIGITS_9),
    pattern: /(?<![\w.-])\d{3}-\d{2}-\d{4}(?![\w-]|\.\d)/g,
    validate: (m) => isValidSsn(m[0]),
  },
  DIGITS_9,
);

const SSN_WORD = /ssn|social.?security/i;

/**
 * US SSNs written with dots or spaces (`078.05.1123`, `078 05 1123`) or as nine digits, right
 * after a word that names an SSN (`SSN`, `ssn:`, `Social Security number is`). The number (group
 * 1) goes; the word stays. Refuses: mixed separators (`693-09.4444`), the ranges `ssn` refuses.
 */
export const ssnNamed: DetectorDefinition = withFacts(
  {
    name: 'ssn',
    prefilter: (t, p) => p.has(DIGITS_9) && SSN_WORD.test(t),
    pattern:
      /(?<![a-z])(?:ssns?|social[ _-]?security(?:[ _-]?(?:number|num|no))?)(?![a-z])[^\w\n]{0,4}(?:(?:is|was|number|num|no)[^\w\n]{1,4})?(\d{3}([ .]?)\d{2}\2\d{4})(?![\w-]|[.,]\d)/gi,
    group: 1,
    groupEndsAtMatchEnd: true,
    validate: (m) => isValidSsn(m[1] ?? ''),
  },
  DIGITS_9,
  DIGITS_9,
);

/** `%2B` and `%20` of a URL-encoded number, read as `+` and a space. */
const ENCODED_PHONE = /%2[Bb]|%20/g;

/**
 * True when a phone match is plausible: 8–15 digits for `+` forms (E.164), North American numbers
 * (`+1`, or national without `+`) have 10 national digits with area and exchange codes starting
 * 2–9, national numbers with a trunk `0` (`090-1234-5678`, `03-1234-5678`) have 10 or 11 digits
 * and no `00` start, and a lone `.` separator (coordinates such as `+40.712776`) is refused.
 */
export function isPlausiblePhone(raw: string): boolean {
  const text = raw.includes('%') ? raw.replace(ENCODED_PHONE, (e) => (e === '%20' ? ' ' : '+')) : raw;
  const digits = text.replace(/\D/g, '');
  if (text.charCodeAt(0) === 0x2b /* + */) {
    if (digits.length < 8 || digits.length > 15) return false;
    const dots = text.split('.').length - 1;
    if (dots === 1 && !/[ ()-]/.test(text)) return false;
    if (digits.charCodeAt(0) !== 0x31 /* 1 */) return true;
    return digits.length === 11 && digits.charCodeAt(1) >= 0x32 && digits.charCodeAt(4) >= 0x32;
  }
  if (digits.charCodeAt(0) === 0x30 /* 0 */) return (digits.length === 10 || digits.length === 11) && digits.charCodeAt(1) !== 0x30;
  return digits.length === 10 && digits.charCodeAt(0) >= 0x32 && digits.charCodeAt(3) >= 0x32;
}

/**
 * Phone numbers: `+` forms (E.164 such as `+14155550132`, or grouped such as `+44 20 7946 0958`,
 * `+33 1 23 45 67 89`, `+81 3-1234-5678`, `+1 (415) 555-0132`), North American national forms
 * `(415) 555-0132`, `415-555-0132`, `415.555.0132` (also after a country code `1-`, which stays:
 * `1-[number]`), and dashed national forms with a trunk `0` (`090-1234-5678`, `03-1234-5678`).
 * National forms without a `+` and outside these shapes (French pairs, spaced British groups)
 * are left out: a wider alternation doubled the pattern's cost on digit-dense text. Refuses: bare
 * digit runs (order IDs, epoch millis), dates, times, durations, timezone offsets, prices,
 * coordinates, numbers glued to letters.
 */
export const phone: DetectorDefinition = withFacts(
  {
    name: 'phone',
    prefilter: (_t, p) => p.has(DIGITS_7) || p.has(PLUS),
    pattern:
      /(?<![\w+])\+(?:[1-9]\d{6,14}|[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\)[ .-]?\d{1,12}|[ .-]\d{1,12}){1,6})(?!\w|[ .-]?\(?\d)|(?<![\w+]|(?<!(?<![\w+.-])1)[.-])(?:\(\d{3}\) ?\d{3}-\d{4}|\d{3}([-.])\d{3}\1\d{4}|0\d{1,3}-\d{2,4}-\d{4})(?![\w-]|\.\d)/g,
    validate: (m) => isPlausiblePhone(m[0]),
  },
  DIGITS_7 | PLUS,
);

/**
 * URL-encoded international phone numbers, as query strings and form bodies carry them:
 * `%2B33612345678`, `%2B33%201%2023%2045%2067%2089`. Same plausibility rules as `phone`.
 */
export const phoneEncoded: DetectorDefinition = withFacts(
  {
    name: 'phone',
    prefilter: (t) => t.includes('%2B') || t.includes('%2b'),
    pattern: /(?<![\w%])%2[Bb](?:[1-9]\d{6,14}|[1-9]\d{0,3}(?:%20\d{1,12}){1,6})(?!\w|%20\d)/g,
    validate: (m) => isPlausiblePhone(m[0]),
  },
  PERCENT,
  PERCENT,
);

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';

/**
 * IPv4 addresses with octets 0–255 and no leading zeros. Refuses: version strings (`1.2.3`,
 * `1.2.3.4.5`, `v1.2.3.4`, `Chrome/120.0.0.0`, `version 4.2.1.0`), `0.0.0.0`, loopback, netmasks.
 */
export const ipv4: DetectorDefinition = withFacts(
  {
    name: 'ipv4',
    prefilter: (_t, p) => p.has(DOTTED_QUAD),
    pattern: new RegExp(`(?<![\\w.-])(?<![A-Za-z]/)(?:${OCTET}\\.){3}${OCTET}(?![\\w-]|\\.\\d)`, 'g'),
    validate: (m) => isRedactableIpv4(m[0], m.input.slice(Math.max(0, m.index - 12), m.index)),
  },
  DOTTED_QUAD,
);

/**
 * IPv6 addresses, full or `::`-compressed, with an optional embedded IPv4 tail. Refuses: `::`,
 * `::1`, MAC addresses and times (too few groups), words such as `dead::beef` (no digit).
 */
export const ipv6: DetectorDefinition = withFacts(
  {
    name: 'ipv6',
    prefilter: (_t, p) => p.has(HEX_COLONS),
    pattern: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,8}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d)/g,
    validate: (m) => isRedactableIpv6(m[0]),
  },
  HEX_COLONS,
);
