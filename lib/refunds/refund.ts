import type Stripe from 'stripe';
import { toDecimalString } from '../money';
import { idOf } from '../stripe/ids';
import { planRefund, type RefundPlan, type RefundRequest } from './plan';
import { chargeFor, type RefundableKind } from './resolve';

export const SETTLEMENT_NOTE = "Refunds take 5–10 business days to reach the customer's statement.";

export type RefundOutput = {
  id: string;
  status: string | null;
  pending_reason: string | null;
  amount: number;
  amount_decimal: string;
  currency: string;
  full_refund: boolean;
  charge: string | null;
  payment_intent: string | null;
  remaining_refundable: number;
  remaining_refundable_decimal: string;
  note: string;
};

export function refundOutput(refund: Stripe.Refund, plan: RefundPlan): RefundOutput {
  const remaining = Math.max(0, plan.remainingBefore - refund.amount);
  const pending = refund.pending_reason ?? null;
  const extra =
    pending === 'insufficient_funds'
      ? ' It is pending until your Stripe balance can cover it.'
      : '';
  return {
    id: refund.id,
    status: refund.status,
    pending_reason: pending,
    amount: refund.amount,
    amount_decimal: toDecimalString(refund.amount, refund.currency),
    currency: refund.currency,
    full_refund: plan.full,
    charge: idOf(refund.charge as string | { id: string } | null),
    payment_intent: idOf(refund.payment_intent as string | { id: string } | null),
    remaining_refundable: remaining,
    remaining_refundable_decimal: toDecimalString(remaining, refund.currency),
    note: SETTLEMENT_NOTE + extra,
  };
}

/** Reads the charge (1 call), decides, and creates the refund with its idempotency key (1 call). */
export async function refundPayment(
  stripe: Stripe,
  id: string,
  kind: RefundableKind,
  request: RefundRequest,
  options: Stripe.RequestOptions = {},
): Promise<RefundOutput> {
  const charge = await chargeFor(stripe, id, kind, options);
  const plan = planRefund(charge, request);
  const refund = await stripe.refunds.create(plan.params, {
    ...options,
    idempotencyKey: plan.idempotencyKey,
  });
  return refundOutput(refund, plan);
}
