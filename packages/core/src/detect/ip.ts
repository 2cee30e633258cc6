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

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function countGroups(part: string): number {
  if (part === '') return 0;
  let total = 0;
  const groups = part.split(':');
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as string;
    if (i === groups.length - 1 && g.includes('.')) {
      if (!IPV4.test(g)) return -1;
      total += 2;
    } else if (HEX_GROUP.test(g)) total += 1;
    else return -1;
  }
  return total;
}

/** True when the text is a syntactically valid IPv6 address (RFC 4291 text forms, incl. `::`). */
export function isValidIpv6(text: string): boolean {
  const dbl = text.indexOf('::');
  if (dbl !== -1 && (text.indexOf('::', dbl + 1) !== -1 || text.includes(':::'))) return false;
  if (dbl === -1) return countGroups(text) === 8;
  const head = text.slice(0, dbl);
  const tail = text.slice(dbl + 2);
  if (head.includes('.')) return false;
  const h = countGroups(head);
  const t = countGroups(tail);
  return h >= 0 && t >= 0 && h + t <= 7;
}

/**
 * True when a valid IPv6 address is worth hiding: not `::` or `::1`, at least two explicit groups
 * when compressed, and at least one decimal digit (so `dead::beef`-like words stay).
 */
export function isRedactableIpv6(text: string): boolean {
  if (!isValidIpv6(text) || !/\d/.test(text)) return false;
  let from = 0;
  let to = text.length;
  while (from < to && text.charCodeAt(from) === 0x3a) from++;
  while (to > from && text.charCodeAt(to - 1) === 0x3a) to--;
  const bare = text.slice(from, to);
  if (bare === '' || bare === '1' || /^0{1,4}(?::0{1,4})*(?::0{0,3}1)?$/.test(bare)) return false;
  return !text.includes('::') || bare.split(/:+/).length >= 2;
}
