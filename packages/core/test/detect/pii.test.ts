import { describe, expect, it } from 'vitest';
import { card, email, emailEncoded, emailIntl, iban, ipv4, ipv6, phone, phoneEncoded, ssn, ssnNamed } from '../../src/detect/index.js';
import { findAll, group, luhnNumber, makeIban, redact } from './helpers.js';

describe('email', () => {
  it('finds an address in a sentence', () => {
    expect(findAll(email, 'user jane.doe@example.com paid')).toEqual(['jane.doe@example.com']);
  });
  it('finds plus-tagged, sub-domain and quoted addresses', () => {
    expect(findAll(email, 'to: "a.b+tag@mail.example.co.uk", cc <x_y%z@sub-domain.example.io>')).toEqual([
      'a.b+tag@mail.example.co.uk',
      'x_y%z@sub-domain.example.io',
    ]);
  });
  it('finds addresses inside a query string and after mailto:', () => {
    expect(findAll(email, 'https://x.test/?email=jane@example.com&a=1 mailto:bob@example.org')).toEqual([
      'jane@example.com',
      'bob@example.org',
    ]);
  });
  it('leaves versions, image densities, URL users and hostless handles alone', () => {
    for (const text of [
      'lodash@4.17.21',
      'icon@2x.png',
      'logo@3x.jpg',
      'ssh://git@github.com/org/repo',
      'postgres://u:secret@db.example.com/x',
      '@scope/pkg',
      'user@localhost',
      'a@b',
    ]) {
      expect(findAll(email, text)).toEqual([]);
    }
  });
  it('asks each new text afresh whether it holds a URL scheme', () => {
    // the userinfo check remembers its answer for the last text; a stale answer would let the
    // email pattern eat a URL password, or hide a real address
    expect(findAll(email, 'x jo@ex.com')).toEqual(['jo@ex.com']);
    expect(findAll(email, 'postgres://app:correct horse@db.example.com')).toEqual([]);
    expect(findAll(email, 'x jo@ex.com')).toEqual(['jo@ex.com']);
    const far = `postgres://u:secret@db.example.com/x ${'filler '.repeat(30)}mail jane@example.com`;
    expect(findAll(email, far)).toEqual(['jane@example.com']);
  });
  it('hides the whole address, local part included, when the match starts at the @', () => {
    expect(findAll(email, 'from: x_y.z+1@example.com;')).toEqual(['x_y.z+1@example.com']);
  });
  it('finds addresses with internationalised domains and local parts', () => {
    expect(findAll(emailIntl, 'to jane@bücher.de, 用户@例子.广告 and josé.garcía@correo.es.')).toEqual([
      'jane@bücher.de',
      '用户@例子.广告',
      'josé.garcía@correo.es',
    ]);
    expect(redact('kontakt: jürgen@straße.de')).toBe('kontakt: [email]');
  });
  it('keeps internationalised look-alikes that are not addresses', () => {
    for (const text of ['café@2x.png', 'ssh://jürgen@host.de/x', 'ü@localhost', 'straße@']) expect(findAll(emailIntl, text)).toEqual([]);
  });
  it('finds URL-encoded addresses in query strings, form bodies and paths', () => {
    expect(findAll(emailEncoded, '/v1/lookup?q=maria%2Bnews%40example.co.uk&type=customer')).toEqual(['maria%2Bnews%40example.co.uk']);
    expect(findAll(emailEncoded, 'body=username=JANE.doe%40EXAMPLE.IO&password=x')).toEqual(['JANE.doe%40EXAMPLE.IO']);
    expect(redact('GET https://mail.example.com/unsubscribe/li_wang%40example.com?list=weekly')).toBe(
      'GET https://mail.example.com/unsubscribe/[email]?list=weekly',
    );
  });
  it('keeps encoded look-alikes without a dotted alphabetic domain', () => {
    for (const text of ['icon%402x.png', 'pkg%401.2.3', 'user%40localhost', '%40scope%2Fpkg'])
      expect(findAll(emailEncoded, text)).toEqual([]);
  });
});

describe('card', () => {
  it('finds a Luhn-valid Visa number grouped by spaces', () => {
    expect(findAll(card, 'paid 4111 1111 1111 1111 today')).toEqual(['4111 1111 1111 1111']);
  });
  it('finds dashed, bare and Amex 4-6-5 layouts', () => {
    const mc = luhnNumber('5500', 16);
    const amex = luhnNumber('37', 15);
    expect(findAll(card, `a ${group(mc, '-')} b ${mc} c ${amex.slice(0, 4)} ${amex.slice(4, 10)} ${amex.slice(10)}`)).toEqual([
      group(mc, '-'),
      mc,
      `${amex.slice(0, 4)} ${amex.slice(4, 10)} ${amex.slice(10)}`,
    ]);
  });
  it('finds Discover, JCB, Diners, Dankort, UATP and Maestro numbers', () => {
    for (const [prefix, length] of [
      ['6011', 16],
      ['65', 16],
      ['3530', 16],
      ['36', 14],
      ['5019', 16],
      ['1220', 15],
    ] as const) {
      const n = luhnNumber(prefix, length);
      expect(findAll(card, `card ${n} ok`)).toEqual([n]);
    }
  });
  it('finds 17 to 19 digit UnionPay, Maestro and Visa numbers in their printed groups of four', () => {
    for (const [prefix, length] of [
      ['62', 19],
      ['6759', 18],
      ['4', 19],
    ] as const) {
      const n = group(luhnNumber(prefix, length));
      expect(findAll(card, `card ${n} ok`)).toEqual([n]);
    }
  });
  it('keeps a bare 19-digit Luhn-valid trace id: 64-bit IDs are integers, not cards', () => {
    // dd-trace and snowflake IDs are 17-20 digit integers; one in ten passes Luhn
    for (const prefix of ['39', '4', '62']) {
      const id = luhnNumber(prefix, 19);
      expect(findAll(card, `{"dd.trace_id":"${id}","dd.span_id":"${luhnNumber('31', 16)}"}`)).toEqual([]);
    }
  });
  it('finds several cards in one line, whatever their layouts', () => {
    const [a, b, c] = [luhnNumber('4012', 16, 1), luhnNumber('4012', 16, 2), luhnNumber('4012', 16, 3)];
    expect(findAll(card, `${a} ${group(b, '-')} ${group(c)}`)).toEqual([a, group(b, '-'), group(c)]);
    expect(findAll(card, `cards: ${a}, ${b} and ${group(c)}.`)).toEqual([a, b, group(c)]);
  });
  it('refuses 16-digit order numbers that fail Luhn', () => {
    expect(findAll(card, 'order 4111111111111112 shipped')).toEqual([]);
  });
  it('refuses epoch millis and micros, unknown prefixes and digits inside identifiers', () => {
    const unknown = luhnNumber('9', 16);
    for (const text of [
      '1678419700099',
      '1678419700099123',
      unknown,
      `ord_${luhnNumber('4', 16)}`,
      `${luhnNumber('4', 16)}abc`,
      '4111 1111 1111 1111 1111 1111',
    ]) {
      expect(findAll(card, text)).toEqual([]);
    }
  });
  it('refuses mixed separators and date-like groupings', () => {
    expect(findAll(card, '4111 1111-1111 1111')).toEqual([]);
    expect(findAll(card, '2023-03-20 1111 1111 11')).toEqual([]);
  });
});

describe('iban', () => {
  it('finds IBANs with and without groups of four', () => {
    expect(findAll(iban, 'pay to DE89 3704 0044 0532 0130 00 now')).toEqual(['DE89 3704 0044 0532 0130 00']);
    expect(findAll(iban, 'iban=GB82WEST12345698765432;')).toEqual(['GB82WEST12345698765432']);
    const fr = makeIban('FR', '20041010050500013M02606');
    expect(findAll(iban, `FR: ${group(fr)}`)).toEqual([group(fr)]);
  });
  it('finds IBANs grouped by dashes', () => {
    expect(findAll(iban, 'iban DE89-3704-0044-0532-0130-00 ok')).toEqual(['DE89-3704-0044-0532-0130-00']);
  });
  it('finds an IBAN exactly as long as its country says, before upper-case words and at the end of a line', () => {
    const be = makeIban('BE', '539007547034');
    expect(findAll(iban, `IBAN ${group(be)} DONE`)).toEqual([group(be)]);
    expect(findAll(iban, `IBAN: ${group(be)}\nREF 2231`)).toEqual([group(be)]);
    expect(findAll(iban, `${be} OK`)).toEqual([be]);
    const de = makeIban('DE', '370400440532013000');
    expect(findAll(iban, `IBAN ${group(de)} BIC COBADEFFXXX`)).toEqual([group(de)]);
  });
  it('refuses mixed separators and a run glued to letters', () => {
    expect(findAll(iban, 'DE89 3704-0044 0532-0130 00')).toEqual([]);
    expect(findAll(iban, 'DE89370400440532013000EUR')).toEqual([]);
  });
  it('refuses a wrong check digit, a wrong length and SKUs', () => {
    for (const text of [
      'DE88 3704 0044 0532 0130 00',
      'DE89 3704 0044 0532 0130',
      'SKU-MYQ-1095',
      'AB12CDEF34567890',
      'XX12 3456 7890 1234 56',
    ]) {
      expect(findAll(iban, text)).toEqual([]);
    }
  });
});

describe('ssn', () => {
  it('finds a dashed SSN', () => {
    expect(findAll(ssn, 'ssn 234-56-7890 on file')).toEqual(['234-56-7890']);
  });
  it('refuses invalid areas, groups and serials', () => {
    for (const text of ['000-12-3456', '666-12-3456', '900-12-3456', '123-00-6789', '123-45-0000']) expect(findAll(ssn, text)).toEqual([]);
  });
  it('refuses published sample numbers and one repeated digit', () => {
    for (const text of ['078-05-1120', '123-45-6789', '987-65-4320', '219-09-9999', '111-11-1111']) expect(findAll(ssn, text)).toEqual([]);
  });
  it('finds SSNs written with dots or spaces, or as nine digits, right after a word that names one', () => {
    for (const [text, number] of [
      ['SSN 078 05 1123 on file', '078 05 1123'],
      ['ssn: 078.05.1123', '078.05.1123'],
      ['Social Security number is 078051123.', '078051123'],
      ['applicant social_security_no=234 56 7890', '234 56 7890'],
      ['"ssn":"234.56.7890"', '234.56.7890'],
    ] as const)
      expect(findAll(ssnNamed, text)).toEqual([number]);
  });
  it('keeps dotted, spaced and bare nine-digit numbers without such a word, mixed separators and invalid ranges', () => {
    for (const text of [
      'order 078 05 1123',
      'v078.05.1123',
      'id 078051123',
      'SSN 693-09.4444',
      'ssn 078 05.1123',
      'SSN 078 00 1123',
      'ssn 000.12.3456',
      'lessn 078 05 1123',
    ])
      expect(findAll(ssnNamed, text)).toEqual([]);
  });
  it('refuses undashed digits, longer dash chains and ISBNs', () => {
    for (const text of ['123456789', '1-123-45-6789', '123-45-6789-0', '978-3-16-148410-0', 'id-123-45-6789'])
      expect(findAll(ssn, text)).toEqual([]);
  });
});

describe('phone', () => {
  it('finds E.164 and grouped international numbers', () => {
    expect(findAll(phone, 'call +44 20 7946 0958 or +14155550132 or +1 359-555-8738 or +33 1 23 45 67 89')).toEqual([
      '+44 20 7946 0958',
      '+14155550132',
      '+1 359-555-8738',
      '+33 1 23 45 67 89',
    ]);
  });
  it('finds North American national formats', () => {
    expect(findAll(phone, 'tel (415) 555-0132, 415-555-0132 or 415.555.0132; +1 (415) 555-0132')).toEqual([
      '(415) 555-0132',
      '415-555-0132',
      '415.555.0132',
      '+1 (415) 555-0132',
    ]);
  });
  it('finds dashed national numbers with a trunk 0: Japanese and Korean', () => {
    expect(findAll(phone, 'mobile 090-1234-5678, Tokyo 03-1234-5678, Seoul 010-1234-5678')).toEqual([
      '090-1234-5678',
      '03-1234-5678',
      '010-1234-5678',
    ]);
  });
  it('finds North American numbers written after the country code 1 and no plus; the 1 stays', () => {
    expect(redact('call 1-800-555-0199, 1 (415) 555-0132 or 1.415.555.0132')).toBe('call 1-[phone], 1 [phone] or 1.[phone]');
    for (const text of ['1-215-055-0132', '11-415-555-0132', 'a1-415-555-0132', '1-800-555-0199-2'])
      expect(findAll(phone, text)).toEqual([]);
  });
  it('finds more international groupings', () => {
    expect(findAll(phone, '+49 30 901820, +81 3-1234-5678, +49 (0)30 1234567')).toEqual([
      '+49 30 901820',
      '+81 3-1234-5678',
      '+49 (0)30 1234567',
    ]);
  });
  it('finds URL-encoded international numbers', () => {
    expect(findAll(phoneEncoded, 'phone=%2B33612345678&x=1 to=%2B33%201%2023%2045%2067%2089')).toEqual([
      '%2B33612345678',
      '%2B33%201%2023%2045%2067%2089',
    ]);
  });
  it('keeps encoded look-alikes: too few digits, a 0 after the plus, a slash', () => {
    for (const text of ['%2B1%2F2', '%2B0612345678', 'a%2B33612345678', '%2B336%2012']) expect(findAll(phoneEncoded, text)).toEqual([]);
  });
  it('keeps national look-alikes: short or long runs, a 00 start, longer groupings', () => {
    for (const text of [
      '09-30-2024',
      '0123-45-67',
      '00 12 34 56 78',
      '01 23 45 67 89 10',
      '020 7946 0958 1234',
      'ref 012-3456-78901',
      '%2B1%2F2',
    ])
      expect(findAll(phone, text)).toEqual([]);
  });
  it('refuses order ids, timestamps, epoch millis, durations, digit runs and dates', () => {
    for (const text of [
      'order 4155550132',
      '2023-03-20T01:42:19.018Z',
      '1678419700099',
      'took 2613ms',
      '123-456-78901',
      '2023-03-20',
      '20230320',
      'offset +05:30',
      'T12:00:00+01:00',
      'price +2001.67 EUR',
      'at +40.712776,-74.005974',
      'SKU-555-123-4567',
    ]) {
      expect(findAll(phone, text)).toEqual([]);
    }
  });
});

describe('ipv4', () => {
  it('finds addresses with valid octets, including with a port and in URLs', () => {
    expect(findAll(ipv4, 'from 203.0.113.9:8443 via http://10.0.0.1/x and 192.168.1.254.')).toEqual([
      '203.0.113.9',
      '10.0.0.1',
      '192.168.1.254',
    ]);
  });
  it('refuses version strings, out-of-range octets and leading zeros', () => {
    for (const text of [
      '1.2.3',
      '1.2.3.4.5',
      'v1.2.3.4',
      'Chrome/120.0.0.0',
      'version 4.2.1.0',
      '256.1.1.1',
      '1.2.3.999',
      '01.02.03.04',
      '1.3.6.1.4.1.311',
    ]) {
      expect(findAll(ipv4, text)).toEqual([]);
    }
  });
  it('refuses loopback, unspecified and netmasks', () => {
    expect(findAll(ipv4, '127.0.0.1 0.0.0.0 255.255.255.0')).toEqual([]);
  });
});

describe('ipv6', () => {
  it('finds full and compressed addresses', () => {
    expect(findAll(ipv6, 'src 2001:0db8:85a3:0000:0000:8a2e:0370:7334 dst 2001:db8::ff00:42:8329, [fe80::1ff:fe23:4567:890a]:443')).toEqual(
      ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '2001:db8::ff00:42:8329', 'fe80::1ff:fe23:4567:890a'],
    );
  });
  it('finds an IPv4-mapped address', () => {
    expect(findAll(ipv6, 'client ::ffff:192.0.2.128 connected')).toEqual(['::ffff:192.0.2.128']);
  });
  it('refuses loopback, MAC addresses, times and C++ scopes', () => {
    for (const text of ['::1', '::', '00:1a:2b:3c:4d:5e', '12:30:45', '01:42:19.018', 'std::vector', 'Foo::Bar::baz', 'dead::beef']) {
      expect(findAll(ipv6, text)).toEqual([]);
    }
  });
});
