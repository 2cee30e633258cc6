/**
 * Normalises a key name for matching: lower case, with every character that is not a letter or a
 * digit removed, and a leading `x-` / `x_` / `xCamel` extension prefix dropped. `apiKey`, `api_key`,
 * `API-KEY`, `x-api-key` and `xApiKey` all become `apikey`.
 */
export function normalizeKey(raw: string): string {
  let start = 0;
  if (raw.length > 2 && (raw.charCodeAt(0) | 0x20) === 0x78 /* x */) {
    const next = raw.charCodeAt(1);
    // `x-`, `x_`, or camelCase `xApiKey`
    if (next === 0x2d || next === 0x5f || (next >= 0x41 && next <= 0x5a)) start = next >= 0x41 ? 1 : 2;
  }
  let out = '';
  for (let i = start; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) continue;
    out += String.fromCharCode(c);
  }
  return out;
}
