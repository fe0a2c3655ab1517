/**
 * Stripe's rules for the tracking parameters of a Payment Link URL: letters, digits, "-" and
 * "_"; UTM values ≤ 150 characters, client_reference_id ≤ 200. Stripe silently drops a value
 * that breaks them; we refuse it and say which character is wrong.
 */
export const UTM_FIELDS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const;
export const TRACKING_FIELDS = [...UTM_FIELDS, 'client_reference_id'] as const;
export type TrackingField = (typeof TRACKING_FIELDS)[number];

const ALLOWED = /^[A-Za-z0-9_-]$/;

export function maxLength(field: TrackingField): number {
  return field === 'client_reference_id' ? 200 : 150;
}

function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  if (/\s/.test(ch)) return `a line break or tab (U+${code})`;
  if (ch.codePointAt(0)! > 0x7e) return `"${ch}" (U+${code})`;
  return `"${ch}"`;
}

const DROPPED = 'would silently drop this value';

/**
 * null when the value is acceptable (or empty: then it is simply not added). `consequence` ends
 * the message: what Stripe does with such a value in this context.
 */
export function trackingValueProblem(
  field: TrackingField,
  value: string,
  consequence = DROPPED,
): string | null {
  if (value === '') return null;
  const chars = [...value];
  const bad = chars.findIndex((ch) => !ALLOWED.test(ch));
  if (bad >= 0) {
    const example = consequence === DROPPED ? ' Example: spring-sale_2026.' : '';
    return `${field}: ${describeChar(chars[bad])} at position ${bad + 1} is not allowed — Stripe only keeps letters, digits, "-" and "_" and ${consequence}.${example}`;
  }
  if (chars.length > maxLength(field)) {
    return `${field} is ${chars.length} characters; Stripe allows at most ${maxLength(field)} and ${consequence}.`;
  }
  return null;
}

/**
 * Adds the parameters (in the order of `fields`), keeping the URL's own query parameters and
 * fragment; values are encoded.
 */
export function withTracking(
  base: string,
  params: Partial<Record<string, string>>,
  fields: readonly string[] = TRACKING_FIELDS,
): string {
  const url = new URL(base);
  for (const field of fields) {
    const value = params[field];
    if (value) url.searchParams.set(field, value);
  }
  return url.toString();
}

const SECRETISH = [
  /^(sk|rk|pk)_(test|live)_/i,
  /^whsec_/i,
  /^eyJ[A-Za-z0-9_-]{10,}/,
  /^[0-9a-f]{32,}$/i,
  /^[A-Za-z0-9_-]{40,}$/,
];

/** The seed docs advise against sensitive values in links: warn on emails and secret-looking ids. */
export function clientReferenceWarnings(value: string): string[] {
  if (!value) return [];
  const warnings: string[] = [];
  if (/@|%40/.test(value) || /^[^_-]+[_-]at[_-][^_-]+[_-](com|net|org|io)$/i.test(value)) {
    warnings.push(
      'client_reference_id looks like an email address: it is visible in the link and to anyone it is shared with. Use your own order or customer number instead.',
    );
  }
  if (SECRETISH.some((re) => re.test(value))) {
    warnings.push(
      'client_reference_id looks like a key or token: never put secrets in a link. Use your own order or customer number instead.',
    );
  }
  return warnings;
}
