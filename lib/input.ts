const YES = ['true', 'yes', 'y', '1', 'on'];
const NO = ['false', 'no', 'n', '0', 'off'];

/**
 * The one yes/no reader. Zapier hands boolean fields over as booleans or as the strings it shows
 * ("true", "yes", …): true or false; empty → null; anything else → undefined.
 */
function readYesNo(value: unknown): boolean | null | undefined {
  if (typeof value === 'boolean') return value;
  const t = text(value).toLowerCase();
  if (!t) return null;
  if (YES.includes(t)) return true;
  if (NO.includes(t)) return false;
  return undefined;
}

/** A yes/no option: empty or unreadable means the default. */
export function asBoolean(value: unknown, fallback: boolean): boolean {
  return readYesNo(value) ?? fallback;
}

/** A yes/no input; anything else is refused rather than guessed (for inputs that move money). */
export function checkFlag(
  value: unknown,
  fieldLabel: string,
): { flag: boolean } | { problem: string } {
  const flag = readYesNo(value);
  if (flag !== undefined) return { flag: flag ?? false };
  return {
    problem: `${fieldLabel} must be yes or no (or left empty for no); got "${text(value).toLowerCase().slice(0, 40)}".`,
  };
}

/**
 * What separates the items of one pasted text, per kind of list:
 * - `text`: commas, semicolons, line breaks — items may hold spaces (country names, dropdown
 *   options, custom-field labels).
 * - `ids`: any run of spaces, tabs, commas, semicolons, line breaks — a Stripe id holds none, and a
 *   column copied from a sheet or a CSV comes in any of them.
 * Email recipients are not split at all: an address's display name may hold a comma
 * ("Doe, Jane" <jane@example.com>), so each entry of a Zapier list field is one address.
 */
export const SEPARATORS = { text: /[,;\n]/, ids: /[\s,;]+/ } as const;

/** A Zapier list field, or one pasted text split by `separators`: the trimmed, non-empty items. */
export function listItems(value: unknown, separators: keyof typeof SEPARATORS): string[] {
  const parts = Array.isArray(value) ? value : [value];
  return parts
    .flatMap((part) => text(part).split(SEPARATORS[separators]))
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A yes/no input where empty means "not given" (null); anything else than yes/no is refused
 * rather than guessed.
 */
export function yesNo(
  value: unknown,
  label: string,
): { value: boolean | null } | { problem: string } {
  const value_ = readYesNo(value);
  if (value_ !== undefined) return { value: value_ };
  return {
    problem: `${label} must be yes or no (or empty); got "${text(value).toLowerCase().slice(0, 40)}".`,
  };
}

/** The trimmed text of an optional input, '' when absent. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).trim();
}

/**
 * A whole number within [min, max], or a problem naming the field. '' → null (not given).
 * Accepts "3", 3 and "3.0"; refuses "3.5", "three", "-1".
 */
export function wholeNumber(
  value: unknown,
  fieldLabel: string,
  min: number,
  max: number,
): { value: number | null } | { problem: string } {
  const raw = text(value);
  if (raw === '') return { value: null };
  const n = Number(raw);
  if (!/^[+-]?\d+(\.0+)?$/.test(raw) || !Number.isSafeInteger(n)) {
    return {
      problem: `${fieldLabel} "${raw.slice(0, 30)}" is not a whole number. Enter a number such as ${Math.max(min, 1)}.`,
    };
  }
  if (n < min || n > max)
    return { problem: `${fieldLabel} must be between ${min} and ${max}; got ${n}.` };
  return { value: n };
}

/**
 * A point in time as Zapier hands over a date field (ISO text, or unix seconds/milliseconds) →
 * whole unix seconds, a fraction rounded down (a range's start) or up (`'up'`: a range's end), so
 * that a range of whole seconds loses nothing of the one given; '' → null (not given).
 */
export function unixSeconds(
  value: unknown,
  fieldLabel: string,
  round: 'down' | 'up' = 'down',
): { value: number | null } | { problem: string } {
  const raw = text(value);
  if (raw === '') return { value: null };
  const whole = round === 'up' ? Math.ceil : Math.floor;
  if (/^\d{9,13}$/.test(raw)) {
    const n = Number(raw);
    return { value: raw.length > 11 ? whole(n / 1000) : n };
  }
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) {
    return {
      problem: `${fieldLabel} "${raw.slice(0, 40)}" is not a date. Use a date like 2026-09-01 or pick one from the date picker.`,
    };
  }
  return { value: whole(ms / 1000) };
}
