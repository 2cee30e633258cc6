/** IP address validators: range checks the patterns cannot express, and the addresses to leave alone. */

const VERSION_CONTEXT = /(?:version|ver|build|release|firmware|v)[\s:=]*$/i;

/**
 * True when a dotted quad (already range-checked by the pattern) is worth hiding: not the
 * unspecified address, not loopback (127/8), not a netmask (255.x), and not preceded by a word
 * such as `version` or `build` (four-part version numbers look like addresses).
 * @param before up to a few characters of text that precede the match
 */
export function isRedactableIpv4(address: string, before = ''): boolean {
  const first = address.slice(0, address.indexOf('.'));
  if (first === '0' || first === '127' || first === '255') return false;
  return !(before !== '' && VERSION_CONTEXT.test(before));
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** True when `text[start, end)` is a dotted quad with octets 0–255 and no leading zeros. */
function isIpv4At(text: string, start: number, end: number): boolean {
  let i = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== 0x2e) return false;
      i++;
    }
    const from = i;
    let value = 0;
    while (i < end && i - from < 4) {
      const c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      value = value * 10 + (c - 0x30);
      i++;
    }
    const length = i - from;
    if (length === 0 || length > 3 || value > 255 || (length > 1 && text.charCodeAt(from) === 0x30)) return false;
  }
  return i === end;
}

/** What one pass over an IPv6 text found (see `readIpv6`). */
const INVALID = 0;
const VALID = 1;
/** Valid and worth hiding (see `isRedactableIpv6`). */
const REDACTABLE = 2;

/**
 * Reads an IPv6 text (RFC 4291 forms: eight groups of 1–4 hex digits, one `::`, an IPv4 tail)
 * in one pass, with no allocation, and says whether it is valid and whether it is worth hiding.
 */
function readIpv6(text: string): number {
  const n = text.length;
  let i = 0;
  /** Groups the text spells (an IPv4 tail spells two), and the group tokens written. */
  let groups = 0;
  let tokens = 0;
  /** Where `::` stands: -1 none, else the offset of its first colon. */
  let compressedAt = -1;
  let digit = false;
  let ipv4 = false;
  /** Every token so far is zeros; and the last is `0{0,3}1` with all tokens before it zeros. */
  let allZero = true;
  let zerosThenOne = false;
  if (text.charCodeAt(0) === 0x3a) {
    if (text.charCodeAt(1) !== 0x3a) return INVALID;
    compressedAt = 0;
    i = 2;
  }
  while (i < n) {
    const start = i;
    let zeros = true;
    while (i < n && i - start < 5 && isHexDigit(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if (c >= 0x30 && c <= 0x39) digit = true;
      if (c !== 0x30) zeros = false;
      i++;
    }
    if (i < n && text.charCodeAt(i) === 0x2e) {
      // an IPv4 tail ends the text (so it never stands before the `::`)
      if (!isIpv4At(text, start, n)) return INVALID;
      groups += 2;
      tokens++;
      ipv4 = digit = true;
      break;
    }
    const length = i - start;
    if (length === 0 || length > 4) return INVALID;
    const one = text.charCodeAt(i - 1) === 0x31;
    let leadingZeros = true;
    for (let k = start; k < i - 1; k++) if (text.charCodeAt(k) !== 0x30) leadingZeros = false;
    zerosThenOne = tokens > 0 && allZero && one && leadingZeros;
    if (!zeros) allZero = false;
    groups++;
    tokens++;
    if (i === n) break;
    if (text.charCodeAt(i) !== 0x3a) return INVALID;
    i++;
    if (text.charCodeAt(i) === 0x3a) {
      if (compressedAt !== -1) return INVALID;
      compressedAt = i - 1;
      i++;
    } else if (i === n) return INVALID;
  }
  if (compressedAt === -1 ? groups !== 8 : groups > 7) return INVALID;
  // worth hiding: a digit, and not `::`, `::1`, the unspecified or loopback address written out
  if (!digit || tokens === 0) return VALID;
  if (tokens === 1 && !ipv4 && text.length - (compressedAt === -1 ? 0 : 2) === 1 && text.includes('1')) return VALID;
  const inner = compressedAt > 0 && compressedAt + 2 < n;
  if (!inner && !ipv4 && (allZero || zerosThenOne)) return VALID;
  if (compressedAt !== -1 && tokens < 2) return VALID;
  return REDACTABLE;
}

/** True when the text is a syntactically valid IPv6 address (RFC 4291 text forms, incl. `::`). */
export function isValidIpv6(text: string): boolean {
  return readIpv6(text) !== INVALID;
}

/**
 * True when a valid IPv6 address is worth hiding: not `::` or `::1`, at least two explicit groups
 * when compressed, and at least one decimal digit (so `dead::beef`-like words stay).
 */
export function isRedactableIpv6(text: string): boolean {
  return readIpv6(text) === REDACTABLE;
}
