/**
 * key=value in the assignment forms of code, config and command lines. Cases follow the public
 * formats (Go, PHP, Make, Java, .NET config, Maven settings, PostgreSQL and MySQL DDL, curl and
 * mysql command lines, Azure connection strings, RFC 7517 JWKs) and the shapes of gitleaks' and
 * secretlint's rule fixtures, written anew; secrets are generated at run time.
 */
import { describe, expect, it } from 'vitest';
import { b64url, base62, redact } from './helpers.js';

const S = base62(24, 11); // a random-looking secret
const T = base62(32, 12);

describe('assignment operators of code and config syntaxes', () => {
  it.each([
    [`githubToken := "${S}"`, `githubToken := "[kv]"`],
    [`var stripeToken string = "${S}"`, `var stripeToken string = "[kv]"`],
    [`const apiKey string = "${S}"`, `const apiKey string = "[kv]"`],
    [`token: str = "${S}"`, `token: str = "[kv]"`],
    [`$token .= "${S}";`, `$token .= "[kv]";`],
    [`API_TOKEN ?= ${S}`, `API_TOKEN ?= [kv]`],
    [`password ||= '${S}'`, `password ||= '[kv]'`],
    [`secret += "${S}"`, `secret += "[kv]"`],
    [`os.environ["API_TOKEN"] = "${S}"`, `os.environ["API_TOKEN"] = "[kv]"`],
    [`ENV['SECRET_KEY_BASE'] = '${S}'`, `ENV['SECRET_KEY_BASE'] = '[kv]'`],
    [`payment_method_data[card][cvc]=417&confirm=true`, `payment_method_data[card][cvc]=[kv]&confirm=true`],
    [`1passwordToken="${S}"`, `1passwordToken="[kv]"`],
    [`'X-Amz-Security-Token': b'${T}'`, `'X-Amz-Security-Token': b'[kv]'`],
    [`"pass":"${S}"`, `"pass":"[kv]"`],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('reads a key whose name only ends in a sensitive word, in any spelling', () => {
    expect(redact(`encryptionKey=${S}`)).toBe('encryptionKey=[kv]');
    expect(redact(`COOKIE_KEY=${S}`)).toBe('COOKIE_KEY=[kv]');
  });

  it('leaves comparisons, scopes and times alone', () => {
    for (const text of [
      'if token == expected',
      'if (password != null)',
      'retry at 12:30:45',
      'std::string token',
      'listening on localhost:8080',
      'token >= 3',
      'at 2025-01-01T10:00:00Z',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('unquoted values', () => {
  it('keeps separators that sit inside a password, and stops at the ones that end it', () => {
    expect(redact('DB_PASSWORD=a1;b2,c3}d4! next')).toBe('DB_PASSWORD=[kv] next');
    expect(redact('Server=db;User Id=sa;Password=P@ss;w0rd;Encrypt=true')).toBe('Server=db;User Id=sa;Password=[kv];Encrypt=true');
    expect(redact('body=user=bob&password=a&b&remember_me=1')).toBe('body=user=bob&password=[kv]&remember_me=1');
    expect(redact('{password=abc123}, next')).toBe('{password=[kv]}, next');
  });
});

describe('connection strings', () => {
  const key = b64url(86, 3) + '==';
  it('hides the AccountKey of an Azure storage connection string and keeps the account', () => {
    expect(redact(`DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=${key};EndpointSuffix=core.windows.net`)).toBe(
      'DefaultEndpointsProtocol=https;AccountName=acmelogs;AccountKey=[kv];EndpointSuffix=core.windows.net',
    );
  });

  it('hides a Service Bus SharedAccessKey and keeps the key name', () => {
    const text = `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${S}=;EntityPath=orders`;
    expect(redact(text)).toBe(
      'Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=[kv];EntityPath=orders',
    );
  });
});

describe('calls with a name and a value', () => {
  it.each([
    [`System.setProperty("STRIPE_TOKEN","${S}")`, 'System.setProperty("STRIPE_TOKEN","[kv]")'],
    [`os.Setenv("GITHUB_TOKEN", "${S}")`, 'os.Setenv("GITHUB_TOKEN", "[kv]")'],
    [`config.put('db.password', '${S}')`, "config.put('db.password', '[kv]')"],
    [`headers.set('Authorization', 'Api-Token ${S}')`, "headers.set('Authorization', 'Api-Token [kv]')"],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves calls whose name is not sensitive', () => {
    const text = 'map.put("region", "eu-west-1"); log("token", count)';
    expect(redact(text)).toBe(text);
  });
});

describe('XML elements and attributes', () => {
  it('hides the text of a password element, with or without a namespace', () => {
    expect(redact(`<server><id>nexus</id><username>deploy</username><password>${S}</password></server>`)).toBe(
      '<server><id>nexus</id><username>deploy</username><password>[kv]</password></server>',
    );
    expect(redact(`<wsse:Username>svc</wsse:Username><wsse:Password Type="#PasswordText">Summer2024!</wsse:Password>`)).toBe(
      '<wsse:Username>svc</wsse:Username><wsse:Password Type="#PasswordText">[kv]</wsse:Password>',
    );
  });

  it('hides a value named by a key attribute', () => {
    expect(redact(`<add key="DbPassword" value="${S}" />`)).toBe('<add key="DbPassword" value="[kv]" />');
    expect(redact(`<entry key="password">${S}</entry>`)).toBe('<entry key="password">[kv]</entry>');
    expect(redact(`<input name="password" value="${S}">`)).toBe('<input name="password" value="[kv]">');
  });

  it('keeps elements that are not secrets, nested markup and placeholders', () => {
    for (const text of [
      '<id>nexus-releases</id><username>ci</username>',
      '<password><![CDATA[]]></password>',
      '<password>${env.NEXUS_PASSWORD}</password>',
      '<entry key="jetbrains.mps.v8_elimination" value="executed" />',
      '<input type="password" value="">',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('SQL', () => {
  it.each([
    [`ALTER ROLE app WITH LOGIN PASSWORD '${S}'`, "ALTER ROLE app WITH LOGIN PASSWORD '[kv]'"],
    [`CREATE USER 'app'@'%' IDENTIFIED BY '${S}';`, "CREATE USER 'app'@'%' IDENTIFIED BY '[kv]';"],
    [`ALTER USER app IDENTIFIED WITH mysql_native_password BY '${S}'`, "ALTER USER app IDENTIFIED WITH mysql_native_password BY '[kv]'"],
    [`CREATE USER scott IDENTIFIED BY ${S};`, 'CREATE USER scott IDENTIFIED BY [kv];'],
    [`SET PASSWORD FOR 'app'@'%' = PASSWORD('${S}')`, "SET PASSWORD FOR 'app'@'%' = PASSWORD('[kv]')"],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('keeps bind parameters and prose about passwords', () => {
    for (const text of [
      'UPDATE users SET password = $1 WHERE id = $2',
      'SET phone = $1',
      "user asked for a password reset, see 'docs'",
      "INSERT INTO users (email, password) VALUES (?, ?) -- 'ok'",
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('HTTP header lines', () => {
  it('keeps any Authorization scheme and hides the credential', () => {
    expect(redact(`Authorization: Api-Token ${S}`)).toBe('Authorization: Api-Token [kv]');
    expect(redact(`authorization: SharedKey acme:${S}=`)).toBe('authorization: SharedKey [kv]');
    expect(redact(`Authorization: ${S}`)).toBe('Authorization: [kv]');
  });

  it('stops a token credential at its end, so the rest of the line stays', () => {
    expect(redact(`Authorization: Api-Token ${S} took 4581ms`)).toBe('Authorization: Api-Token [kv] took 4581ms');
  });

  it('keeps the SigV4 credential scope and signed headers readable', () => {
    const text = `Authorization: AWS4-HMAC-SHA256 Credential=${'AKIA' + 'Q'.repeat(16)}/20250320/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'ab12'.repeat(16)}`;
    const out = redact(text);
    expect(out).not.toContain('AKIA');
    expect(out).toContain('/20250320/eu-west-1/s3/aws4_request');
    expect(out).toContain('SignedHeaders=host;x-amz-date');
  });

  it('keeps a censored credential as it is', () => {
    expect(redact('Authorization: Bearer [REDACTED]')).toBe('Authorization: Bearer [REDACTED]');
  });
});

describe('command lines', () => {
  it.each([
    [`curl -u admin:${S} https://api.example.com`, 'curl -u admin:[kv] https://api.example.com'],
    [`curl --user deploy:${S} -X POST`, 'curl --user deploy:[kv] -X POST'],
    [`curl --user=deploy:${S}`, 'curl --user=deploy:[kv]'],
    [`mysql -u root -p${S} orders`, 'mysql -u root -p[kv] orders'],
    [`mysqldump -uroot -p'${S}' shop`, "mysqldump -uroot -p'[kv]' shop"],
    [`app --password ${S} --verbose`, 'app --password [kv] --verbose'],
    [
      `argv: ['node', 'migrate.js', '--db-password', '${S}', '--dry-run']`,
      "argv: ['node', 'migrate.js', '--db-password', '[kv]', '--dry-run']",
    ],
    [`["--token","${S}"]`, '["--token","[kv]"]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('reads the user:password argument of curl in every quoting', () => {
    expect(redact(`curl -u ":${S}" https://localhost:9200`)).toBe('curl -u ":[kv]" https://localhost:9200');
    expect(redact(`curl -u "${S}:" https://localhost:9200`)).toBe('curl -u "[kv]:" https://localhost:9200');
    expect(redact(`curl -X POST --user  'johns:${S}' $URL`)).toBe("curl -X POST --user  'johns:[kv]' $URL");
    expect(redact(`curl --user "{app-id}":"{${S}}" -d x`)).toBe('curl --user "{app-id}":"[kv]" -d x');
    expect(redact(`curl --user kevin:'${S}' -iX PATCH`)).toBe("curl --user kevin:'[kv]' -iX PATCH");
    expect(redact(`curl -uadmin:${S} https://x`)).toBe('curl -uadmin:[kv] https://x');
    expect(redact(`curl --proxy-user proxy:${S} https://x`)).toBe('curl --proxy-user proxy:[kv] https://x');
  });

  it('keeps example and templated curl credentials', () => {
    for (const text of [
      "curl -i -u 'test:test'",
      'curl -sL --user "$1:$2" "$3"',
      'curl -u <user:password> https://test.com/endpoint',
      'curl --user neo4j:[PASSWORD] http://localhost:7474/db/data/',
      'curl -u "myusername" http://localhost:15130/api/check_user/',
      'curl -u username:token',
      'curl -u "${_username}:${_password}"',
      'curl --user "xxx:yyy"',
      'curl http://127.0.0.1:5000/file --user user:pass --digest',
      'curl -X POST --user "$(cat ./login.txt):$(cat ./password.txt)"',
      'curl -XGET -i -u "${{ env.ELK_ID }}:${{ build.env.ELK_PASS }}"',
      'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://x',
      'curl -H "Authorization: basic {base64(email:password)}" https://x',
      'curl -H "Authorization: Token **********" https://x',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });

  it('reads prose after a flag as prose', () => {
    for (const text of [
      'Using --password on the command line interface can be insecure.',
      'mysql: [Warning] Using a password on the command line interface can be insecure.',
      'ERROR 1045 (28000): Access denied for user root (using password: YES)',
      'docker run -p 8080:80 app',
      'curl -u $USER:$TOKEN https://x',
      'mysql -u root -p orders',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});

describe('JSON Web Keys held in text', () => {
  const d = b64url(86, 5);
  const k = b64url(43, 6);

  it('hides the private members of an object with kty and keeps the public ones', () => {
    const out = redact(
      `loaded jwk={"kty":"RSA","kid":"k1","n":"${b64url(40, 7)}","e":"AQAB","d":"${d}","p":"${b64url(43, 8)}","qi":"${b64url(43, 9)}"}`,
    );
    expect(out).not.toContain(d);
    expect(out).toContain('"kid":"k1"');
    expect(out).toContain('"e":"AQAB"');
    expect(out).toContain(`"n":"${b64url(40, 7)}"`);
  });

  it('reads a symmetric key and JSON escaped inside a string', () => {
    expect(redact(`{"kty":"oct","k":"${k}"}`)).toBe('{"kty":"oct","k":"[kv]"}');
    expect(redact(`"{\\"kty\\":\\"EC\\",\\"crv\\":\\"P-256\\",\\"d\\":\\"${k}\\"}"`)).toBe(
      '"{\\"kty\\":\\"EC\\",\\"crv\\":\\"P-256\\",\\"d\\":\\"[kv]\\"}"',
    );
  });

  it('keeps d, p and q outside an object that has kty', () => {
    const text = '{"q":"jane doe","p":"2","d":"2025-01-01"} and {"kty":"RSA","n":"abc"}';
    expect(redact(text)).toBe(text);
  });
});

describe('secrets after a key word and a space', () => {
  it('hides a secret-looking value after key, token or secret in prose', () => {
    expect(redact(`upstream rejected key ${T}`)).toBe('upstream rejected key [kv]');
    expect(redact(`webhook secret ${T} was rotated`)).toBe('webhook secret [kv] was rotated');
  });

  it('keeps words, ids and dates after those words', () => {
    for (const text of [
      'the key ArrowDown was pressed',
      'token 3 of 5 expired',
      'rotated key 2024-06-01T10:00:00Z',
      'secret manager arn:aws:secretsmanager:eu-west-1:123456789012:secret:db',
      'key 9d42c223-199b-4b28-95d4-ec4728032f1a not found',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });
});
