import { createHash } from 'node:crypto';
import type Stripe from 'stripe';
import { MoneyError, parseDecimalAmount, toDecimalString } from '../money';

export const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'other'] as const;
export type RefundReason = (typeof REASONS)[number];

/** A refund that must not be sent, with the reason in plain words. `halt`: a soft stop. */
export class RefundRefused extends Error {
  constructor(
    message: string,
    readonly halt = false,
  ) {
    super(message);
  }
}

export interface RefundPlan {
  chargeId: string;
  currency: string;
  /** Minor units; the whole remaining amount for a full refund. */
  amount: number;
  full: boolean;
  remainingBefore: number;
  params: Stripe.RefundCreateParams;
  idempotencyKey: string;
}

export interface RefundRequest {
  amount?: string | number | null;
  reason?: string | null;
  note?: string | null;
  metadata?: Record<string, string>;
  idempotencyKey?: string | null;
}

export function refundableAmount(
  charge: Pick<Stripe.Charge, 'captured' | 'amount_captured' | 'amount_refunded'>,
): number {
  return (charge.captured ? charge.amount_captured : 0) - charge.amount_refunded;
}

export function checkReason(
  reason: unknown,
  note: unknown,
): { reason: RefundReason | null; note: string | null } {
  const text = typeof reason === 'string' ? reason.trim() : '';
  const noteText = typeof note === 'string' ? note.trim() : '';
  if (!text) return { reason: null, note: noteText || null };
  if (!(REASONS as readonly string[]).includes(text)) {
    throw new RefundRefused(
      `Reason "${text}" is not one of: duplicate, fraudulent, requested_by_customer, other.`,
    );
  }
  if (text === 'other' && !noteText)
    throw new RefundRefused(
      'Reason "other" needs a Note explaining the refund (as the Stripe Dashboard asks).',
    );
  return { reason: text as RefundReason, note: noteText || null };
}

/**
 * Derived from what the refund is (charge, amount, reason) plus an optional user key, so a Zapier
 * retry or replay of the same step sends the same key and Stripe returns the first refund instead
 * of making a second. A different amount gives a different key.
 */
export function refundIdempotencyKey(
  chargeId: string,
  amount: number | 'full',
  reason: string | null,
  userKey?: string | null,
): string {
  const digest = createHash('sha256')
    .update([chargeId, amount, reason ?? '', userKey ?? ''].join('|'))
    .digest('hex');
  return `zapier-refund-${digest.slice(0, 48)}`;
}

/**
 * Pure: decides the refund against the charge as it is now, or refuses it (nothing is sent):
 * already fully refunded (a soft halt), disputed, not captured, bad or too-large amount.
 */
export function planRefund(charge: Stripe.Charge, request: RefundRequest): RefundPlan {
  const currency = charge.currency;
  const remaining = refundableAmount(charge);
  const code = currency.toUpperCase();
  if (charge.refunded || (charge.captured && remaining <= 0)) {
    throw new RefundRefused(
      `${charge.id} is already fully refunded (${toDecimalString(charge.amount_refunded, currency)} ${code}). Nothing was sent.`,
      true,
    );
  }
  if (!charge.captured)
    throw new RefundRefused(
      `${charge.id} was authorised but never captured, so there is nothing to refund: cancel the payment instead.`,
    );
  if (charge.disputed)
    throw new RefundRefused(
      `${charge.id} is disputed: Stripe does not allow refunding a disputed charge. Respond to the dispute in the Dashboard instead.`,
    );
  const { reason, note } = checkReason(request.reason, request.note);
  let amount = remaining;
  let full = true;
  const given =
    request.amount === null || request.amount === undefined ? '' : String(request.amount).trim();
  if (given) {
    try {
      amount = parseDecimalAmount(given, currency);
    } catch (err) {
      if (err instanceof MoneyError) throw new RefundRefused(`Amount: ${err.message}`);
      throw err;
    }
    if (amount > remaining) {
      throw new RefundRefused(
        `Amount ${toDecimalString(amount, currency)} ${code} is more than the ${toDecimalString(remaining, currency)} ${code} left to refund on ${charge.id}. Nothing was sent.`,
      );
    }
    full = amount === remaining;
  }
  const metadata: Record<string, string> = {
    ...(request.metadata ?? {}),
    ...(note ? { reason_note: note } : {}),
  };
  const params: Stripe.RefundCreateParams = {
    charge: charge.id,
    ...(full ? {} : { amount }),
    ...(reason && reason !== 'other' ? { reason } : {}),
    ...(Object.keys(metadata).length ? { metadata } : {}),
  };
  return {
    chargeId: charge.id,
    currency,
    amount,
    full,
    remainingBefore: remaining,
    params,
    idempotencyKey: refundIdempotencyKey(
      charge.id,
      full ? 'full' : amount,
      reason,
      request.idempotencyKey,
    ),
  };
}
