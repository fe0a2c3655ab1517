/**
 * Zapier hands boolean fields over as booleans or as the strings it shows ("true", "yes", …);
 * empty means the default.
 */
export function asBoolean(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined || value === null) return fallback;
  const text = String(value).trim().toLowerCase();
  if (text === '') return fallback;
  if (['true', 'yes', 'y', '1', 'on'].includes(text)) return true;
  if (['false', 'no', 'n', '0', 'off'].includes(text)) return false;
  return fallback;
}

/**
 * A yes/no input where empty means "not given" (null); anything else than yes/no is refused
 * rather than guessed.
 */
export function yesNo(
  value: unknown,
  label: string,
): { value: boolean | null } | { problem: string } {
  if (typeof value === 'boolean') return { value };
  const raw = text(value).toLowerCase();
  if (!raw) return { value: null };
  if (['true', 'yes', 'y', '1', 'on'].includes(raw)) return { value: true };
  if (['false', 'no', 'n', '0', 'off'].includes(raw)) return { value: false };
  return { problem: `${label} must be yes or no (or empty); got "${raw.slice(0, 40)}".` };
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
