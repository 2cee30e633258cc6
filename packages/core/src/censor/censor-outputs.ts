/**
 * What a policy's censors write, recognised wherever it turns up again. Redaction output is input
 * again (transports chain, `hushlog check` runs on redacted logs), so a censor text or a label is
 * never read as a secret: a second pass changes nothing, and an audit of redacted output finds
 * nothing.
 */

/** The characters a rule name may hold in a label (`[REDACTED:aws-access-key-id]`). */
function isRuleChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

const HMAC_PREFIX = 'hmac:';
/** Rule names longer than this are not read as part of a label. */
const MAX_RULE = 64;
/** The digest lengths an hmac censor may keep. */
const MIN_HMAC = 8;
const MAX_HMAC = 64;

/**
 * True when `value` is what a mask censor writes: the mask character throughout, or (for a value
 * of at least 3 × keepLast characters) a run of it then at most keepLast characters.
 */
function isMasked(value: string, char: string, keepLast: number): boolean {
  let i = 0;
  while (i < value.length && value[i] === char) i++;
  if (i === value.length) return true;
  return keepLast > 0 && i >= 2 * keepLast && value.length - i <= keepLast;
}

/** The fixed texts, the label and the keyed-hash form a policy's censors produce. */
export interface CensorOutputSpec {
  /** Whole replacement texts: the censor text, `replace` texts, the fail-closed text. */
  readonly texts: readonly string[];
  /** The span label with `{rule}` in it, or null when spans get one of the texts. */
  readonly label: string | null;
  /** True when a censor hashes (`hmac:` and 8 to 64 hex digits). */
  readonly hmac: boolean;
  /** The masks censors apply (`{ char, keepLast }`): a run of the mask character, then at most keepLast others. */
  readonly masks: readonly { readonly char: string; readonly keepLast: number }[];
}

/** Recognises a policy's censor outputs inside text and as whole values. */
export class CensorOutputs {
  private readonly texts: readonly string[];
  private readonly labelHead: string;
  private readonly labelTail: string;
  private readonly hmac: boolean;
  private readonly masks: CensorOutputSpec['masks'];
  /** Literals one of which every censor output starts with, for a native search. */
  private readonly heads: readonly string[];
  private readonly maxText: number;
  /** 1 for each ASCII character a censor output can start with. */
  private readonly firstChars: Uint8Array;

  constructor(spec: CensorOutputSpec) {
    this.texts = [...new Set(spec.texts.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
    const parts = spec.label?.split('{rule}') ?? [];
    // A label needs a literal head to be found by; `{rule}` alone cannot be told from text.
    const usable = parts.length === 2 && (parts[0] as string).length > 0;
    this.labelHead = usable ? (parts[0] as string) : '';
    this.labelTail = usable ? (parts[1] as string) : '';
    this.hmac = spec.hmac;
    this.masks = spec.masks;
    const heads = new Set<string>();
    for (const t of this.texts) heads.add(t.slice(0, 8));
    if (this.labelHead !== '') heads.add(this.labelHead.slice(0, 8));
    if (this.hmac) heads.add(HMAC_PREFIX);
    this.heads = [...heads];
    this.maxText = this.texts.length === 0 ? 0 : (this.texts[0] as string).length;
    // Every output starts with one of these (a mask may start with anything when keepLast is 0
    // and the value is short, so masks mark every character).
    const firsts = new Uint8Array(128);
    const mark = (text: string) => {
      const c = text.charCodeAt(0);
      if (c < 128) firsts[c] = 1;
    };
    for (const t of this.texts) mark(t);
    if (this.labelHead !== '') mark(this.labelHead);
    if (this.hmac) mark(HMAC_PREFIX);
    for (const m of this.masks) mark(m.char);
    this.firstChars = firsts;
  }

  /** True when `value` is exactly a censor output (a censored value seen again). */
  isCensored(value: string): boolean {
    if (value.length === 0) return false;
    // most values start with none of the outputs' first characters: one table read decides
    const first = value.charCodeAt(0);
    if (first < 128 && this.firstChars[first] === 0) return false;
    if (this.endAt(value, 0) === value.length) return true;
    for (const m of this.masks) if (isMasked(value, m.char, m.keepLast)) return true;
    return false;
  }

  /** The end of the censor output that starts at `at` in `text`, or -1 when none starts there. */
  endAt(text: string, at: number): number {
    for (const t of this.texts) if (text.startsWith(t, at)) return at + t.length;
    const head = this.labelHead;
    if (head !== '' && text.startsWith(head, at)) {
      let i = at + head.length;
      const limit = Math.min(text.length, i + MAX_RULE);
      const start = i;
      while (i < limit && isRuleChar(text.charCodeAt(i))) i++;
      if (i > start && text.startsWith(this.labelTail, i)) return i + this.labelTail.length;
    }
    if (this.hmac && text.startsWith(HMAC_PREFIX, at)) {
      const start = at + HMAC_PREFIX.length;
      const limit = Math.min(text.length, start + MAX_HMAC);
      let i = start;
      while (i < limit && isHex(text.charCodeAt(i))) i++;
      if (i - start >= MIN_HMAC) return i;
    }
    return -1;
  }

  /**
   * True when `[start, end)` of `text` lies inside one censor output (so a rule that matched it
   * read a censored value, not a secret). Costs one native search per kind of output.
   */
  covers(text: string, start: number, end: number): boolean {
    const reach = Math.max(this.maxText, this.labelHead.length + MAX_RULE + this.labelTail.length, HMAC_PREFIX.length + MAX_HMAC);
    for (const head of this.heads) {
      let at = text.lastIndexOf(head, start);
      while (at !== -1 && start - at < reach) {
        const outEnd = this.endAt(text, at);
        if (outEnd >= end) return true;
        if (at === 0) break;
        at = text.lastIndexOf(head, at - 1);
      }
    }
    return false;
  }

  /** True when `text` may hold a censor output (one native search per kind; false means none). */
  mayHold(text: string): boolean {
    for (const head of this.heads) if (text.includes(head)) return true;
    return false;
  }
}
