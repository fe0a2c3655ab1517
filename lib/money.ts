/**
 * Minor/major units for Stripe amounts. Stripe amounts are integers in the currency's minor unit;
 * the exponent differs per currency, so never multiply or divide by 100 blindly.
 */

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

export class MoneyError extends Error {}

export function currencyExponent(currency: string): number {
  const code = currency.toLowerCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/** 1250 usd → "12.50"; 1200 jpy → "1200"; 1250 kwd → "1.250"; -5 usd → "-0.05". */
export function toDecimalString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`Not a whole minor-unit amount: ${minor}`);
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * "12.50" and "usd" → "12.50 USD": the one way an amount is written for people (messages, labels,
 * emails). Without a currency, the decimal alone.
 */
export function withCurrencyCode(decimal: string, currency: string | null | undefined): string {
  return [decimal, currency?.toUpperCase()].filter(Boolean).join(' ');
}

/** 1250 usd → "12.50 USD"; 1200 jpy → "1200 JPY"; 1250 kwd → "1.250 KWD". */
export function moneyText(minor: number, currency: string): string {
  return withCurrencyCode(toDecimalString(minor, currency), currency);
}

/** Like toDecimalString, but null stays null (Stripe leaves many totals null). */
export function decimalOrNull(
  minor: number | null | undefined,
  currency: string | null | undefined,
): string | null {
  if (minor === null || minor === undefined || !currency) return null;
  return toDecimalString(minor, currency);
}

/** Stripe takes ISK in two-decimal form but only whole krónur: multiples of 100 minor units. */
const WHOLE_UNITS_ONLY = new Set(['isk']);

/**
 * Removes thousands separators where they cannot mean anything else, or refuses. The decimal
 * point is always "."; a space, "_" or "'" between groups of three is always grouping; "," is
 * grouping only in well-formed groups and where a decimal comma could not be meant. A lone "."
 * before three digits ("2.500") is refused outside three-decimal currencies: it could be
 * European grouping (2500) as well as a decimal point.
 */
function ungroup(text: string, input: string | number, code: string, exponent: number): string {
  if (/^\d{1,3}([ _'\u00a0\u202f]\d{3})+(\.\d*)?$/.test(text))
    return text.replace(/[ _'\u00a0\u202f]/g, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) {
    if (exponent === 3 && !text.includes('.'))
      throw new MoneyError(
        `"${input}" is ambiguous in ${code}: the comma could be a decimal comma or a thousands separator. Write it with a decimal point and no separators, like "${text.replace(/,/g, '')}.000" or "${text.replace(',', '.')}".`,
      );
    return text.replace(/,/g, '');
  }
  if (exponent < 3 && /^\d{1,3}(\.\d{3})+$/.test(text)) {
    const thousands = text.replace(/\./g, '');
    const written = exponent === 0 ? thousands : `${thousands}.${'0'.repeat(exponent)}`;
    const [whole, fraction] = text.split('.');
    const decimal =
      text.split('.').length === 2 && fraction.replace(/0+$/, '').length <= exponent
        ? ` or "${exponent === 0 ? whole : `${whole}.${fraction.slice(0, exponent)}`}"`
        : '';
    throw new MoneyError(
      `"${input}" is ambiguous in ${code}: "." could group thousands or be a decimal point. Write the amount with a decimal point and no thousands separators, like "${written}"${decimal}.`,
    );
  }
  if (/^\d+(\.\d{3})+,\d+$/.test(text) || /^\d+,\d{1,2}$/.test(text))
    throw new MoneyError(
      `"${input}" uses a decimal comma; write it with a decimal point and no thousands separators, like "${text.replace(/\./g, '').replace(',', '.')}".`,
    );
  return text;
}

/**
 * Parses an amount as a person writes it ("12.50", "1,200.00", "1.250" KWD) into minor units, by
 * string arithmetic (no floating point). Positive amounts only; an ambiguous or wrong amount is
 * refused with a message saying what to write instead.
 */
export function parseDecimalAmount(input: string | number, currency: string): number {
  const code = currency.toUpperCase();
  const exponent = currencyExponent(currency);
  const text = ungroup(String(input).trim(), input, code, exponent);
  const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!text || !match || (match[1] === '' && !match[2])) {
    if (/^-/.test(text))
      throw new MoneyError(
        `The amount "${input}" is negative; enter a positive amount such as ${example(code, exponent)}.`,
      );
    throw new MoneyError(
      `"${input}" is not an amount; write it like ${example(code, exponent)} (digits, one decimal point, no currency symbol).`,
    );
  }
  const whole = match[1] || '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent) {
    throw new MoneyError(
      exponent === 0
        ? `${code} has no minor unit: "${input}" cannot have decimals; write it like ${example(code, exponent)}.`
        : `${code} has ${exponent} decimals: "${input}" has too many; write it like ${example(code, exponent)}.`,
    );
  }
  const minor = Number(whole + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor)) throw new MoneyError(`The amount "${input}" is too large.`);
  if (minor === 0)
    throw new MoneyError(`The amount "${input}" is zero; enter an amount above zero.`);
  if (exponent === 3 && minor % 10 !== 0) {
    throw new MoneyError(
      `Stripe requires ${code} amounts to end in 0 (e.g. "1.250"); "${input}" does not.`,
    );
  }
  if (WHOLE_UNITS_ONLY.has(currency.toLowerCase()) && minor % 100 !== 0)
    throw new MoneyError(
      `Stripe takes ${code} in whole krónur only: "${input}" has a fraction. Write a whole amount, like "${whole}".`,
    );
  return minor;
}

function example(code: string, exponent: number): string {
  return exponent === 0
    ? `"1200" (${code})`
    : `"${toDecimalString(1250 * 10 ** (exponent - 2), code)}" (${code})`;
}
