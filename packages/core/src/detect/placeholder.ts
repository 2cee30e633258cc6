/**
 * Placeholders and censored values: text that stands where a secret would be, but is not one.
 * A placeholder is kept exactly as written, so config dumps stay readable and redacting
 * hushlog's own output again changes nothing.
 */

/** Longer values are never placeholders (the test slices the value). */
const MAX_PLACEHOLDER = 160;

/**
 * The placeholder forms, each anchored to the whole value:
 * - empty markers and answers: `null`, `none`, `nil`, `true`, `YES`, `n/a`, `-`, `...`;
 * - masks: `***`, `****1111` (the `mask` censor), `xxxxxxxx`, `AKIAXXXXXXXXXXXXXXXX`, `•••`;
 * - censor labels: `[REDACTED]`, `[REDACTED:kv]`, `[FILTERED]`, `(hidden)`, `<redacted>`, `hmac:…`;
 * - templates: `${GITHUB_TOKEN}`, `$(PGPASSWORD)`, `${{ secrets.X }}`, `{{ .Values.x }}`,
 *   `{PASS}`, `#{password}`, `<your-token>`, `%API_KEY%`, `$TOKEN`, `$db_pass`;
 * - bind parameters: `?`, `$1`, `:password`, `@password`, `%s`, `%(password)s`;
 * - `YOUR_PASSWORD`, `your-api-key`, `insert_key_here`;
 * - type names in declarations and schemas: `String!`, `str`, `string`, `SecretStr`;
 * - references to the environment: `process.env.TOKEN`, `os.environ['TOKEN']`, `ENV['TOKEN']`.
 */
const PLACEHOLDER = new RegExp(
  `^(?:${[
    'null|undefined|none|nil|nan|true|false|yes|no|on|off|n/?a|empty|unset|unknown|redacted|hidden|masked|filtered|omitted|removed|-{1,3}|\\.{3}|\u2026',
    '\\*{3,}[^*\\s]{0,4}',
    '[\\w-]{0,20}?x{6,}(?:[-_]x{3,})*',
    'x{3,}(?:[-_]x{3,})*',
    '#{3,}',
    '\u2022{3,}',
    '\\[[a-z][\\w .:-]{0,40}\\]',
    '\\([a-z][a-z ]{1,24}\\)',
    'hmac:[0-9a-f]{8,64}',
    '\\$\\{\\{[^{}]{0,100}\\}\\}',
    '\\$\\{[^{}]{0,100}\\}',
    '\\$\\([^()]{0,100}\\)',
    '\\{\\{[^{}]{0,100}\\}\\}',
    '\\{%[^{}]{0,100}%\\}',
    '#\\{[^{}]{0,100}\\}',
    '\\{[a-z_.-]{0,60}\\d{0,3}\\}',
    '<[^<>]{1,60}>',
    '%[a-z_]\\w{0,60}%',
    '\\$[a-z_]\\w{0,60}',
    '\\?',
    '\\$\\d{1,3}',
    ':[a-z_]\\w{0,60}',
    '@[a-z_]\\w{0,60}',
    '%[sdr]',
    '%\\(\\w{1,60}\\)[sdr]',
    'your[-_ ]?[\\w-]{0,60}',
    '(?:insert|enter|replace|put)[-_ ][\\w-]{0,40}[-_ ]here',
    'string!?|str|bytes|int!?|number|boolean!?|bool|id!?|any|object|secretstr',
    '(?:process\\.env|import\\.meta\\.env|os\\.environ|system\\.getenv|os\\.getenv|getenv|env)\\b[\\w.[\\]\'"()-]{0,80}',
  ].join('|')})$`,
  'i',
);

/**
 * True when `text[start, end)` is a placeholder or an already-censored value (see PLACEHOLDER),
 * not a secret.
 */
export function isPlaceholderValue(text: string, start = 0, end = text.length): boolean {
  const n = end - start;
  if (n <= 0) return true;
  if (n > MAX_PLACEHOLDER) return false;
  return PLACEHOLDER.test(start === 0 && end === text.length ? text : text.slice(start, end));
}
