/**
 * Stripe's metadata limits: 50 keys, key ≤ 40 characters without square brackets, value ≤ 500
 * characters. Checked before sending so the message names the key.
 */
export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

export function checkMetadata(
  value: unknown,
  fieldLabel = 'Metadata',
): { metadata: Record<string, string> } | { problem: string } {
  if (value === undefined || value === null || value === '') return { metadata: {} };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { problem: `${fieldLabel} must be key/value pairs (one key and one value per row).` };
  }
  const metadata: Record<string, string> = {};
  for (const [rawKey, rawValue] of Object.entries(value as Record<string, unknown>)) {
    const key = rawKey.trim();
    if (!key) continue;
    if (/[[\]]/.test(key)) {
      return {
        problem: `${fieldLabel} key "${key.slice(0, 40)}" contains "[" or "]", which Stripe does not allow in keys.`,
      };
    }
    if (key.length > METADATA_LIMITS.keyLength) {
      return {
        problem: `${fieldLabel} key "${key.slice(0, 40)}…" is ${key.length} characters; Stripe allows at most ${METADATA_LIMITS.keyLength}.`,
      };
    }
    const text = rawValue === undefined || rawValue === null ? '' : String(rawValue);
    if (text.length > METADATA_LIMITS.valueLength) {
      return {
        problem: `${fieldLabel} value for "${key}" is ${text.length} characters; Stripe allows at most ${METADATA_LIMITS.valueLength}.`,
      };
    }
    metadata[key] = text;
  }
  if (Object.keys(metadata).length > METADATA_LIMITS.keys) {
    return {
      problem: `${fieldLabel} has ${Object.keys(metadata).length} keys; Stripe allows at most ${METADATA_LIMITS.keys}.`,
    };
  }
  return { metadata };
}
