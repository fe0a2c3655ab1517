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

/** The first character Stripe would not keep in a link parameter (position from 1), or null. */
export function disallowedCharacter(
  value: string,
): { position: number; description: string } | null {
  const chars = [...value];
  const bad = chars.findIndex((ch) => !ALLOWED.test(ch));
  return bad < 0 ? null : { position: bad + 1, description: describeChar(chars[bad]) };
}

/** null when the value is acceptable (or empty: then it is simply not added). */
export function trackingValueProblem(field: TrackingField, value: string): string | null {
  if (value === '') return null;
  const bad = disallowedCharacter(value);
  if (bad) {
    return `${field}: ${bad.description} at position ${bad.position} is not allowed — Stripe only keeps letters, digits, "-" and "_" and would silently drop this value. Example: spring-sale_2026.`;
  }
  const length = [...value].length;
  if (length > maxLength(field)) {
    return `${field} is ${length} characters; Stripe allows at most ${maxLength(field)} and would silently drop this value.`;
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

/**
 * Things that are keys by their shape: a known prefix. Length or randomness alone says nothing —
 * UUIDs (with or without dashes) and long cart ids are the most common order references.
 */
const SECRETISH = [
  /^(sk|rk|pk)_(test|live)_/i, // Stripe API keys
  /^whsec_/i, // Stripe webhook signing secret
  /^eyJ[A-Za-z0-9_-]{10,}/, // a JWT (its header, base64url of '{"')
  /^(ghp|gho|ghu|ghs|ghr|github_pat)_[A-Za-z0-9_]{20,}/, // GitHub tokens
  /^xox[abposr]-/i, // Slack tokens
  /^(AKIA|ASIA)[0-9A-Z]{16}$/, // AWS access key ids
  /^AIza[0-9A-Za-z_-]{35}$/, // Google API keys
  /^sk-[A-Za-z0-9_-]{20,}/, // OpenAI-style secret keys
];

/** The seed docs advise against sensitive values in links: warn on emails and key-shaped values. */
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
