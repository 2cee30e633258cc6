/**
 * Personal data detectors: email, payment card, IBAN, US SSN, phone, IPv4, IPv6. Patterns are
 * shaped loosely and validators decide; every pattern anchors its start with a lookbehind so that
 * a failed attempt inside a long run is rejected at once (linear time on adversarial input).
 */
import type { DetectorDefinition } from './types.js';
import { isValidIban } from './iban.js';
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
  IBAN_HEAD,
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
 * Payment card numbers: 13–19 digits, bare or grouped by one kind of separator, Luhn-valid, with a
 * known issuer prefix and length. Refuses: Luhn failures, unknown prefixes (epoch millis start with
 * 1), digits inside longer numbers or identifiers, and odd groupings such as dates.
 */
export const card: DetectorDefinition = withFacts(
  {
    name: 'card',
    prefilter: (_t, p) => p.has(DIGITS_13),
    pattern: /(?<![\w.,+-])(?<!\d )\d(?:[ -]?\d){12,18}(?!\w|[.,]\d|[ -]\d)/g,
    validate: (m) => isValidCardNumber(m[0]),
  },
  DIGITS_13,
);

/**
 * IBANs: country code, check digits and BBAN, bare or in groups of 4 separated by single spaces;
 * the length must match the country and the mod-97 check must pass. Refuses: lower case, SKUs and
 * identifiers that fail the check or the length table.
 */
export const iban: DetectorDefinition = withFacts(
  {
    name: 'iban',
    prefilter: (_t, p) => p.has(IBAN_HEAD),
    pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
    validate: (m) => isValidIban(m[0]),
  },
  IBAN_HEAD,
);

/** True when the area, group and serial of a `ddd-dd-dddd` SSN are in issued ranges. */
export function isValidSsn(text: string): boolean {
  const area = text.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && text.slice(4, 6) !== '00' && text.slice(7) !== '0000';
}

/**
 * US Social Security numbers, dashed form only (`123-45-6789`): nine bare digits are too often an
 * identifier. Refuses: area 000, 666 and 900–999, group 00, serial 0000, longer dash chains.
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

/**
 * True when a phone match is plausible: 8–15 digits for `+` forms (E.164), North American numbers
 * (`+1`, or national without `+`) have 10 national digits with area and exchange codes starting
 * 2–9, and a lone `.` separator (coordinates such as `+40.712776`) is refused.
 */
export function isPlausiblePhone(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  if (text.charCodeAt(0) === 0x2b /* + */) {
    if (digits.length < 8 || digits.length > 15) return false;
    const dots = text.split('.').length - 1;
    if (dots === 1 && !/[ ()-]/.test(text)) return false;
    if (digits.charCodeAt(0) !== 0x31 /* 1 */) return true;
    return digits.length === 11 && digits.charCodeAt(1) >= 0x32 && digits.charCodeAt(4) >= 0x32;
  }
  return digits.length === 10 && digits.charCodeAt(0) >= 0x32 && digits.charCodeAt(3) >= 0x32;
}

/**
 * Phone numbers: `+` forms (E.164 such as `+14155550132`, or grouped such as `+44 20 7946 0958`,
 * `+1 (415) 555-0132`) and North American national forms `(415) 555-0132`, `415-555-0132`,
 * `415.555.0132`. Refuses: bare digit runs (order IDs, epoch millis), dates, times, durations,
 * timezone offsets, prices, coordinates, numbers glued to letters.
 */
export const phone: DetectorDefinition = withFacts(
  {
    name: 'phone',
    prefilter: (_t, p) => p.has(DIGITS_7) || p.has(PLUS),
    pattern:
      /(?<![\w+])\+(?:[1-9]\d{6,14}|[1-9]\d{0,3}(?:[ .-]?\(\d{1,5}\)[ .-]?\d{1,12}|[ .-]\d{1,12}){1,6})(?!\w|[ .-]?\(?\d)|(?<![\w+.-])(?:\(\d{3}\) ?\d{3}-\d{4}|\d{3}([-.])\d{3}\1\d{4})(?![\w-]|\.\d)/g,
    validate: (m) => isPlausiblePhone(m[0]),
  },
  DIGITS_7 | PLUS,
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
