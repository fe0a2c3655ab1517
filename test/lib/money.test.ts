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
    ['12.505', 'usd', /USD has 2 decimals/],
    ['12.5', 'jpy', /JPY has no minor unit/],
    ['1.255', 'kwd', /end in 0/],
    ['1.2345', 'kwd', /KWD has 3 decimals/],
    ['twelve', 'usd', /not an amount/],
    ['$12', 'usd', /not an amount/],
    ['12,50', 'eur', /not an amount/],
    ['1e3', 'usd', /not an amount/],
    ['', 'usd', /not an amount/],
    ['.', 'usd', /not an amount/],
    ['99999999999999999999', 'usd', /too large/],
  ])('%j %s is refused: %s', (text, currency, message) => {
    expect(() => parseDecimalAmount(text, currency)).toThrow(message);
  });

  it("shows an example in the currency's own form", () => {
    expect(() => parseDecimalAmount('abc', 'jpy')).toThrow('"1200" (JPY)');
    expect(() => parseDecimalAmount('abc', 'kwd')).toThrow('"12.500" (KWD)');
  });
});
