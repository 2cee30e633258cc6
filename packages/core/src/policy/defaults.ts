/**
 * The default lists. Key names are given in normalised form (see `normalizeKey`): lower case with
 * separators removed. A leading or trailing `*` matches any prefix or suffix of the normalised name.
 */

/**
 * Sensitive key names. Covers Sentry's default denylist, OAuth and cloud credential names, and
 * personal data that should never reach a log under its own name.
 */
export const DEFAULT_KEYS: readonly string[] = [
  // Sentry's defaults (normalised)
  'password',
  'passwd',
  'secret',
  'apikey',
  'auth',
  'credentials',
  'mysqlpwd',
  'privatekey',
  'token',
  'session',
  'csrftoken',
  'sessionid',
  'setcookie',
  'cookie',
  'authorization',
  'connectsid',
  'csrf',
  'phpsessid',
  'xsrftoken',
  // credentials
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'awssecretaccesskey',
  'secretaccesskey',
  'credential',
  'creds',
  'passphrase',
  'proxyauthorization',
  'accountkey',
  'sharedaccesskey',
  'encryptionkey',
  'cookiekey',
  'secretkeybase',
  // payment and identity
  'cvv',
  'cvc',
  'cvv2',
  'pin',
  'otp',
  'otpcode',
  'mfacode',
  'totp',
  'ssn',
  'socialsecuritynumber',
  'cardnumber',
  'creditcard',
  'iban',
  // contact data
  'email',
  'emailaddress',
  'phone',
  'phonenumber',
  'mobilenumber',
  'ipaddress',
  // compound names: anything that ends in one of these
  '*password',
  '*passwd',
  '*secret',
  '*token',
  '*apikey',
  '*privatekey',
  '*secretkey',
  '*secretaccesskey',
  '*sessionid',
  '*cardnumber',
  '*credentials',
  '*creds',
  '*passphrase',
  '*cookie',
  '*accountkey',
  '*sharedaccesskey',
  '*encryptionkey',
  '*cookiekey',
];

/**
 * Weak names: a value under one of them is censored only when it looks like a secret (see
 * detect/generic.ts, after gitleaks' `generic-api-key`): `signingKey: "i5A6TH4y…"` goes,
 * `cacheKey: "user:42"`, `key: "ArrowUp"` and `bypass: true` stay. Names ending in `pass` or `pwd`
 * are judged as passwords (`dbpass: "Summer2024!"` goes, `PWD=/home/app` stays).
 */
export const DEFAULT_WEAK_KEYS: readonly string[] = [
  'key',
  '*key',
  'pass',
  '*pass',
  'pwd',
  '*pwd',
  '*auth',
  // a sensitive word inside a longer name: `mySecretString`, `some_api_token_123`, `user_auth_b64`
  '*secret*',
  '*token*',
  '*password*',
  '*passwd*',
  '*apikey*',
  '*credential*',
];

/**
 * Names that are never weak: a last word that says the value is not the secret itself, but its
 * id, name, location, kind, size or date (`credentialId`, `secretName`, `tokenUrl`, `keyType`,
 * `passwordPolicy`, `tokenExpiresAt`).
 */
export const DEFAULT_NOT_WEAK_KEYS: readonly string[] = [
  '*id',
  '*ids',
  '*name',
  '*names',
  '*url',
  '*uri',
  '*endpoint',
  '*path',
  '*file',
  '*type',
  '*kind',
  '*length',
  '*size',
  '*count',
  '*version',
  '*policy',
  '*alias',
  '*at',
  '*date',
  '*time',
  '*ttl',
  '*days',
  '*expiry',
  '*expires',
  '*enabled',
  '*required',
  '*format',
  '*header',
  '*prefix',
  '*field',
];

/**
 * Names that are never sensitive although a pattern above matches them: kinds of key that are
 * identifiers (database and cache keys, public keys, keyboard keys), words that merely end in
 * `key`, `pass` or `token`, and well-known public values (.NET's `PublicKeyToken`).
 */
export const DEFAULT_KEY_EXCEPTIONS: readonly string[] = [
  'publickeytoken',
  '*publictoken',
  '*jsonwebtoken',
  '*cancellationtoken',
  '*publickey',
  '*pubkey',
  '*publishablekey',
  '*sitekey',
  '*primarykey',
  '*foreignkey',
  '*uniquekey',
  '*naturalkey',
  '*compositekey',
  '*surrogatekey',
  '*sortkey',
  '*partitionkey',
  '*rangekey',
  '*hashkey',
  '*rowkey',
  '*bucketkey',
  '*objectkey',
  '*schemakey',
  '*sequencekey',
  '*routingkey',
  '*cachekey',
  '*idempotencykey',
  '*dedupkey',
  '*dedupekey',
  '*eventkey',
  '*deduplicationkey',
  '*lookupkey',
  '*messagekey',
  '*groupkey',
  '*i18nkey',
  '*translationkey',
  '*localekey',
  '*hotkey',
  '*shortcutkey',
  '*monkey',
  '*turkey',
  '*donkey',
  '*hockey',
  '*jockey',
  '*whiskey',
  '*bypass',
  '*compass',
  '*surpass',
  '*overpass',
  '*underpass',
  '*trespass',
  'oldpwd',
  '*tokenizer*',
];

/** Weak names as URL query parameters only: the OAuth authorization `code` of a redirect. */
export const DEFAULT_WEAK_QUERY_KEYS: readonly string[] = ['code'];

/**
 * Extra names that are sensitive as URL query parameters only (`?key=`, `?sig=`), among them the
 * PKCE and OAuth 1 verifiers that go with an OAuth redirect (its `code` is a weak name above).
 */
export const DEFAULT_QUERY_KEYS: readonly string[] = [
  'key',
  'codeverifier',
  'oauthverifier',
  'sig',
  'signature',
  'amzsignature',
  'amzcredential',
  'googsignature',
  'googcredential',
];

/** Header names (lower case) censored inside header containers. */
export const DEFAULT_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'api-key',
  'x-csrf-token',
  'x-amz-security-token',
];

/** The replacement text for a whole value. */
export const DEFAULT_CENSOR = '[REDACTED]';

/** The replacement text for a span inside a string; `{rule}` is the detector name. */
export const DEFAULT_LABEL = '[REDACTED:{rule}]';

/** Default bounds on the work for one value. */
export const DEFAULT_LIMITS = { maxDepth: 64, maxNodes: 100_000, maxStringLength: 1_048_576 } as const;
