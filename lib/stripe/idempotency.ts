import { createHash } from 'node:crypto';
import type Stripe from 'stripe';

/**
 * Every Idempotency-Key this app sends Stripe: derived from what the request is, so a Zapier retry
 * or replay of the same step sends the same key and Stripe returns the first object instead of
 * making a second (for 24 hours; refunds also carry a durable marker, lib/refunds/plan.ts).
 * `zapier-<kind>-` and 48 hex digits of a SHA-256: within Stripe's 255 characters, and nothing of
 * the inputs readable. Each kind keeps the encoding of its parts it has always had: a key derived
 * differently after a deploy would not find the object made before it.
 */
function derivedKey(kind: 'refund' | 'receipt' | 'plink', material: string): string {
  return `zapier-${kind}-${createHash('sha256').update(material).digest('hex').slice(0, 48)}`;
}

/**
 * A refund: charge (or payment), amount (or "full"), reason and an optional user key. A different
 * amount gives a different key.
 */
export function refundIdempotencyKey(
  chargeId: string,
  amount: number | 'full',
  reason: string | null,
  userKey?: string | null,
): string {
  return derivedKey('refund', [chargeId, amount, reason ?? '', userKey ?? ''].join('|'));
}

/** The same charge and address within 24 h is one receipt: a replayed step sends no second email. */
export function receiptIdempotencyKey(charge: string, email: string): string {
  return derivedKey('receipt', `${charge}\n${email.toLowerCase()}`);
}

/**
 * From the user's key and the link definition: a replay of a step with the same key gets the
 * first link back instead of a twin. No user key, no Idempotency-Key: identical single-use links
 * are legitimate, and the SDK keys its own network retries.
 */
export function paymentLinkIdempotencyKey(
  params: Stripe.PaymentLinkCreateParams,
  userKey: string,
): string | undefined {
  if (!userKey) return undefined;
  return derivedKey('plink', JSON.stringify([params, userKey]));
}
