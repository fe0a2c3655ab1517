import { formValue, parseForm as parseTree, type FormValue } from '../doubles/stripe/form';

export type { FormValue };
export type Form = { [key: string]: FormValue };

/** Stripe's wire encoding back to nested values, read by the strict double's own parser. */
export function parseForm(text: string): Form {
  const value = formValue(parseTree(text).root);
  return typeof value === 'object' && !Array.isArray(value) ? value : {};
}

export function text(form: Form, key: string): string | undefined {
  const value = form[key];
  return typeof value === 'string' ? value : undefined;
}

export function list(form: Form, key: string): string[] {
  const value = form[key];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** A number only when Stripe would read one: a fractional `limit` stays what it is (NaN-free). */
export function num(form: Form, key: string): number | undefined {
  const value = text(form, key);
  return value === undefined || value === '' ? undefined : Number(value);
}
