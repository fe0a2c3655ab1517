import {
  currencyExponent,
  decimalOrNull,
  MoneyError,
  parseDecimalAmount,
  toDecimalString,
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
