import {
  currencyExponent,
  decimalOrNull,
  MoneyError,
  moneyText,
  parseDecimalAmount,
  toDecimalString,
  withCurrencyCode,
} from '../../lib/money';

describe('currency precision', () => {
  it.each([
    ['usd', 2],
    ['EUR', 2],
    ['jpy', 0],
    ['KRW', 0],
    ['kwd', 3],
    ['bhd', 3],
  ])('%s has %i decimals', (currency, exponent) =>
    expect(currencyExponent(currency)).toBe(exponent),
  );
});

describe('toDecimalString', () => {
  it.each([
    [1250, 'usd', '12.50'],
    [5, 'usd', '0.05'],
    [0, 'usd', '0.00'],
    [-5, 'eur', '-0.05'],
    [1200, 'jpy', '1200'],
    [1250, 'kwd', '1.250'],
    [7, 'kwd', '0.007'],
    [123456789, 'usd', '1234567.89'],
  ])('%i %s → %s', (minor, currency, text) => expect(toDecimalString(minor, currency)).toBe(text));

  it('refuses fractional minor units', () =>
    expect(() => toDecimalString(12.5, 'usd')).toThrow(MoneyError));

  it('keeps nulls null', () => {
    expect(decimalOrNull(null, 'usd')).toBeNull();
    expect(decimalOrNull(100, null)).toBeNull();
  });
});

describe('moneyText', () => {
  it.each([
    [1250, 'usd', '12.50 USD'],
    [-5, 'eur', '-0.05 EUR'],
    [1200, 'jpy', '1200 JPY'],
    [1250, 'KWD', '1.250 KWD'],
  ])('%i %s → %s', (minor, currency, text) => expect(moneyText(minor, currency)).toBe(text));

  it('writes a decimal already made with its upper-case code, or alone without a currency', () => {
    expect(withCurrencyCode('-3.00', 'usd')).toBe('-3.00 USD');
    expect(withCurrencyCode('12.50', null)).toBe('12.50');
  });
});

describe('parseDecimalAmount', () => {
  it.each([
    ['12.50', 'usd', 1250],
    ['12.5', 'usd', 1250],
    ['12', 'usd', 1200],
    [' 0.99 ', 'usd', 99],
    ['.5', 'usd', 50],
    ['1,200.00', 'usd', 120000],
    ['12.50', 'USD', 1250],
    ['1200', 'jpy', 1200],
    ['1,200', 'jpy', 1200],
    ['1200.00', 'jpy', 1200],
    ['1.250', 'kwd', 1250],
    ['1.25', 'kwd', 1250],
    ['3', 'kwd', 3000],
    [19.99, 'usd', 1999],
  ])('%j %s → %i', (text, currency, minor) =>
    expect(parseDecimalAmount(text, currency)).toBe(minor),
  );

  it.each([
    ['-5', 'usd', /negative/],
    ['0', 'usd', /zero/],
    ['0.00', 'usd', /zero/],
    ['12.505', 'usd', /ambiguous in USD/],
    ['12.5055', 'usd', /USD has 2 decimals/],
    ['12.5', 'jpy', /JPY has no minor unit/],
    ['1.255', 'kwd', /end in 0/],
    ['1.2345', 'kwd', /KWD has 3 decimals/],
    ['twelve', 'usd', /not an amount/],
    ['$12', 'usd', /not an amount/],
    ['12,50', 'eur', /decimal comma; .* like "12\.50"/],
    ['1e3', 'usd', /not an amount/],
    ['', 'usd', /not an amount/],
    ['.', 'usd', /not an amount/],
    ['99999999999999999999', 'usd', /too large/],
  ])('%j %s is refused: %s', (text, currency, message) => {
    expect(() => parseDecimalAmount(text, currency)).toThrow(message);
  });

  it.each([
    ['1,200', 'usd', 120000],
    ['1,200,000.50', 'usd', 120000050],
    ['1 200.50', 'eur', 120050],
    ["1'200.50", 'chf', 120050],
    ['1_200', 'jpy', 1200],
    ['1,250.000', 'kwd', 1250000],
    ['2.5000', 'eur', 250],
    ['1234.500', 'eur', 123450],
    ['12', 'isk', 1200],
    ['1,200', 'isk', 120000],
    ['12.00', 'isk', 1200],
  ])('accepts the unambiguous %j %s → %i', (text, currency, minor) =>
    expect(parseDecimalAmount(text, currency)).toBe(minor),
  );

  it.each([
    ['2.500', 'eur', /"2\.500" is ambiguous in EUR: .*like "2500\.00" or "2\.50"\.$/],
    ['1.000', 'usd', /ambiguous in USD.*"1000\.00" or "1\.00"/],
    ['1.000', 'jpy', /ambiguous in JPY.*"1000" or "1"/],
    ['12.505', 'usd', /ambiguous in USD.*like "12505\.00"\.$/],
    ['2.500.000', 'eur', /ambiguous in EUR.*"2500000\.00"/],
    ['1,250', 'kwd', /ambiguous in KWD: the comma/],
    ['1.200,50', 'eur', /decimal comma.*"1200\.50"/],
    ['1,2345', 'usd', /not an amount/],
    ['12.50', 'isk', /whole krónur only.*"12"/],
    ['0.50', 'isk', /whole krónur only/],
  ])('refuses %j %s instead of guessing: %s', (text, currency, message) => {
    expect(() => parseDecimalAmount(text, currency)).toThrow(message);
  });

  it("shows an example in the currency's own form", () => {
    expect(() => parseDecimalAmount('abc', 'jpy')).toThrow('"1200" (JPY)');
    expect(() => parseDecimalAmount('abc', 'kwd')).toThrow('"12.500" (KWD)');
  });
});

/**
 * docs.stripe.com/currencies: the presentment currencies, the zero-decimal ones (amounts are whole
 * units) and the three-decimal ones (amounts end in 0). ISK is a special case: Stripe takes it in
 * two-decimal form, whole krónur only.
 */
// prettier-ignore
const STRIPE_ZERO_DECIMAL = [
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA',
  'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
];
const STRIPE_THREE_DECIMAL = ['BHD', 'JOD', 'KWD', 'OMR', 'TND'];
// prettier-ignore
const STRIPE_TWO_DECIMAL = [
  'USD', 'AED', 'AFN', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD',
  'BDT', 'BGN', 'BMD', 'BND', 'BOB', 'BRL', 'BSD', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF',
  'CNY', 'COP', 'CRC', 'CVE', 'CZK', 'DKK', 'DOP', 'DZD', 'EGP', 'ETB', 'EUR', 'FJD', 'FKP',
  'GBP', 'GEL', 'GIP', 'GMD', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR',
  'ISK', 'JMD', 'KES', 'KGS', 'KHR', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'MAD',
  'MDL', 'MKD', 'MMK', 'MNT', 'MOP', 'MUR', 'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN',
  'NIO', 'NOK', 'NPR', 'NZD', 'PAB', 'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'QAR', 'RON', 'RSD',
  'RUB', 'SAR', 'SBD', 'SCR', 'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD', 'STD', 'SZL', 'THB',
  'TJS', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UYU', 'UZS', 'WST', 'XCD', 'ZAR', 'ZMW',
];
const EXPONENT_CLASSES: [string, string[], number][] = [
  ['zero-decimal', STRIPE_ZERO_DECIMAL, 0],
  ['two-decimal', STRIPE_TWO_DECIMAL, 2],
  ['three-decimal', STRIPE_THREE_DECIMAL, 3],
];
/** Amounts in minor units, with fractions that start with 0 ("12.05") and that end in 0. */
const AMOUNTS = [
  1, 5, 9, 10, 50, 99, 100, 101, 105, 110, 1005, 1200, 1205, 12345, 100_000, 1_000_001,
  987_654_321_012,
];

describe('every currency Stripe supports', () => {
  it.each(EXPONENT_CLASSES)(
    'each %s currency has that exponent, in either case',
    (_c, codes, e) => {
      for (const code of codes) {
        expect([code, currencyExponent(code)]).toEqual([code, e]);
        expect([code, currencyExponent(code.toLowerCase())]).toEqual([code, e]);
      }
    },
  );

  it.each(EXPONENT_CLASSES)(
    '%s: every amount round-trips between minor units and text',
    (_c, codes, exponent) => {
      for (const code of codes) {
        // What Stripe accepts: three-decimal amounts end in 0; ISK is whole krónur.
        const step = exponent === 3 ? 10 : code === 'ISK' ? 100 : 1;
        for (const minor of AMOUNTS.map((a) => a * step)) {
          const text = toDecimalString(minor, code.toLowerCase());
          const digits = String(minor).padStart(exponent + 1, '0');
          const written =
            exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
          expect([code, minor, text]).toEqual([code, minor, written]);
          expect([code, text, parseDecimalAmount(text, code.toLowerCase())]).toEqual([
            code,
            text,
            minor,
          ]);
          expect([code, minor, toDecimalString(-minor, code)]).toEqual([code, minor, `-${text}`]);
        }
      }
    },
  );

  it.each([
    ['12.05', 'usd', 1205],
    ['0.05', 'usd', 5],
    ['12.50', 'usd', 1250],
    ['10.00', 'usd', 1000],
    ['1.05', 'kwd', 1050],
    ['1.050', 'kwd', 1050],
    ['0.01', 'eur', 1],
    ['100.10', 'gbp', 10010],
  ])('a fraction starting or ending with 0: %j %s → %i', (text, currency, minor) =>
    expect(parseDecimalAmount(text, currency)).toBe(minor),
  );
});

describe('money edge cases', () => {
  it('names the amount it refuses to format', () =>
    expect(() => toDecimalString(12.5, 'usd')).toThrow('Not a whole minor-unit amount: 12.5'));

  it.each([
    [0, 'usd', '0.00'],
    [0, 'jpy', '0'],
    [1250, 'usd', '12.50'],
    [undefined, 'usd', null],
    [null, 'usd', null],
    [1250, undefined, null],
    [1250, '', null],
  ])('decimalOrNull(%j, %j) → %j', (minor, currency, text) =>
    expect(decimalOrNull(minor, currency)).toBe(text),
  );

  it.each([
    ['12 345', 'eur', 1234500],
    ['1 234 567', 'eur', 123456700],
    ['12,345', 'usd', 1234500],
    ['1,234,567', 'usd', 123456700],
  ])('takes the grouping %j %s → %i', (text, currency, minor) =>
    expect(parseDecimalAmount(text, currency)).toBe(minor),
  );

  it.each([
    ['1234 567', 'eur', /not an amount/],
    ['1 2345', 'eur', /not an amount/],
    ['1234,567', 'usd', /not an amount/],
    ['1,2345', 'usd', /not an amount/],
    ['12-', 'usd', /not an amount/],
    ['€1.200,50', 'eur', /not an amount/],
    ['1.200,50x', 'eur', /not an amount/],
    ['€12,50', 'eur', /not an amount/],
  ])('refuses the malformed %j %s: %s', (text, currency, message) =>
    expect(() => parseDecimalAmount(text, currency)).toThrow(message),
  );

  it.each([
    ['12.345,67', 'eur', '"12345.67"'],
    ['1.234.567,89', 'eur', '"1234567.89"'],
  ])('says how to write the decimal comma %j %s: %s', (text, currency, written) =>
    expect(() => parseDecimalAmount(text, currency)).toThrow(
      `"${text}" uses a decimal comma; write it with a decimal point and no thousands separators, like ${written}.`,
    ),
  );

  it.each([
    [
      '1,250',
      'kwd',
      '"1,250" is ambiguous in KWD: the comma could be a decimal comma or a thousands separator. Write it with a decimal point and no separators, like "1250.000" or "1.250".',
    ],
    [
      '2.500.000',
      'eur',
      '"2.500.000" is ambiguous in EUR: "." could group thousands or be a decimal point. Write the amount with a decimal point and no thousands separators, like "2500000.00".',
    ],
    ['.50', 'isk', 'Write a whole amount, like "0".'],
  ])('refuses %j %s with the whole advice', (text, currency, message) =>
    expect(() => parseDecimalAmount(text, currency)).toThrow(message),
  );
});
