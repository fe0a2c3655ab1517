import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * What a delivery's signature says. `stale` and `future` mean the HMAC matched but the timestamp
 * is outside the tolerance: a genuine delivery processed late (or a replay) — the caller confirms
 * it with Stripe. `mismatch` means a well-formed header with no matching v1: a forged request, or
 * a signing secret rolled in the Dashboard. `malformed` is anything else.
 */
export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; kind: 'stale' | 'future'; timestamp: number; reason: string }
  | { ok: false; kind: 'mismatch' | 'malformed'; reason: string };

const malformed = (reason: string): SignatureCheck => ({ ok: false, kind: 'malformed', reason });

/**
 * Verifies a Stripe-Signature header (`t=<unix>,v1=<hex>[,v1=…]`) over the raw body: v1 is
 * HMAC-SHA256(secret, "<t>.<body>"). Any v1 may match (secret rotation sends several). The HMAC is
 * checked before the clock, so a late genuine delivery is told apart from a forged one; unlike
 * Stripe's SDK we also flag timestamps too far in the future. Pure: the caller passes the clock.
 */
export function verifyStripeSignature(
  payload: string,
  header: string | null | undefined,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header || !header.trim()) return malformed('no Stripe-Signature header');
  if (!secret) return malformed('no signing secret stored for this subscription');
  const pairs = header.split(',').map((part) => part.trim().split('='));
  if (pairs.some((pair) => pair.length !== 2 || !pair[0] || !pair[1])) {
    return malformed('malformed Stripe-Signature header');
  }
  const timestamps = pairs.filter(([k]) => k === 't').map(([, v]) => v);
  if (timestamps.length !== 1 || !/^\d{1,12}$/.test(timestamps[0])) {
    return malformed('malformed Stripe-Signature header (needs exactly one numeric t=)');
  }
  const signatures = pairs.filter(([k]) => k === 'v1').map(([, v]) => v);
  if (signatures.length === 0)
    return malformed('no v1 signature in the header (v0 and other schemes are not accepted)');
  const timestamp = Number(timestamps[0]);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest();
  const matches = signatures.some((signature) => {
    if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
    return timingSafeEqual(Buffer.from(signature, 'hex'), expected);
  });
  if (!matches)
    return {
      ok: false,
      kind: 'mismatch',
      reason: 'no v1 signature matches (wrong signing secret, or the body was altered)',
    };
  const age = nowSeconds - timestamp;
  if (age > toleranceSeconds)
    return {
      ok: false,
      kind: 'stale',
      timestamp,
      reason: `timestamp is ${age} s old (more than ${toleranceSeconds} s): a late run or a replay`,
    };
  if (-age > toleranceSeconds)
    return {
      ok: false,
      kind: 'future',
      timestamp,
      reason: `timestamp is ${-age} s in the future (more than ${toleranceSeconds} s)`,
    };
  return { ok: true, timestamp };
}

/** Zapier renames incoming headers (`Stripe-Signature` → `Http-Stripe-Signature`); find it either way. */
export function findSignatureHeader(
  headers: Record<string, string> | undefined,
): string | undefined {
  if (!headers) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'http-stripe-signature' || key === 'stripe-signature') return value;
  }
  return undefined;
}
