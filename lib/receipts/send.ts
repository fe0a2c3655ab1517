import type Stripe from 'stripe';
import { checkAddress } from '../email/address';
import { text } from '../input';
import { decimalOrNull } from '../money';
import { RefundRefused } from '../refunds/plan';
import { chargeFor, REFUNDABLE_KINDS, type RefundableKind } from '../refunds/resolve';
import { receiptIdempotencyKey } from '../stripe/idempotency';
import { idOf } from '../stripe/ids';
import { checkStripeId } from '../stripe/validate';

/**
 * Stripe's own branded receipt: setting a charge's `receipt_email` makes Stripe email the
 * receipt to that address. One call finds the charge (receiptCharge), one sets the address (plus
 * one to read the customer's email when neither the input nor the charge has an address).
 */
export type ReceiptPlan = { id: string; kind: RefundableKind; email: string | null };

export type ReceiptOutput = {
  receipt_url: string | null;
  email: string;
  charge: string;
  payment_intent: string | null;
  status: string;
  amount: number;
  amount_decimal: string | null;
  currency: string;
  receipt_number: string | null;
  livemode: boolean;
  note: string;
};

export class ReceiptRefused extends Error {}

export const TEST_MODE_NOTE =
  'Test mode: Stripe does not email receipts for test payments; the receipt URL shows what the customer would get.';

/** Pure: the payment id and the optional address, checked; nothing is sent. */
export function planReceipt(input: { payment?: unknown; email?: unknown }):
  | ReceiptPlan
  | {
      problem: string;
    } {
  const payment = checkStripeId(input.payment, REFUNDABLE_KINDS, 'Payment');
  if ('problem' in payment) return payment;
  if (!text(input.email))
    return { id: payment.id, kind: payment.kind as RefundableKind, email: null };
  const email = checkAddress(input.email, 'Email');
  if ('problem' in email) return email;
  return { id: payment.id, kind: payment.kind as RefundableKind, email: email.address };
}

async function customerEmail(stripe: Stripe, charge: Stripe.Charge): Promise<string | null> {
  const id = idOf(charge.customer as string | { id: string } | null);
  if (!id) return null;
  const customer = await stripe.customers.retrieve(id);
  return 'deleted' in customer && customer.deleted ? null : (customer.email ?? null);
}

/** The charge behind the payment (one call); a payment without one is refused. */
export async function receiptCharge(stripe: Stripe, plan: ReceiptPlan): Promise<Stripe.Charge> {
  try {
    return await chargeFor(stripe, plan.id, plan.kind, {}, 'receipt');
  } catch (err) {
    if (err instanceof RefundRefused) throw new ReceiptRefused(err.message);
    throw err;
  }
}

/** Sets the charge's receipt_email (Stripe then emails its receipt), on the charge's account. */
export async function sendReceipt(
  stripe: Stripe,
  plan: ReceiptPlan,
  charge: Stripe.Charge,
): Promise<ReceiptOutput> {
  if (charge.status === 'failed')
    throw new ReceiptRefused(
      `Payment ${plan.id} failed (${charge.failure_message ?? charge.failure_code ?? 'declined'}): Stripe sends receipts only for successful payments.`,
    );
  const email =
    plan.email ??
    charge.billing_details?.email ??
    charge.receipt_email ??
    (await customerEmail(stripe, charge));
  if (!email)
    throw new ReceiptRefused(
      `Payment ${plan.id} has no customer email on record. Map the address to send the receipt to in Email.`,
    );
  const updated = await stripe.charges.update(
    charge.id,
    { receipt_email: email },
    { idempotencyKey: receiptIdempotencyKey(charge.id, email) },
  );
  const notes = [
    updated.livemode ? '' : TEST_MODE_NOTE,
    updated.status === 'pending'
      ? 'The payment is still pending: Stripe sends receipts only for successful payments, so no email goes out before it succeeds.'
      : '',
  ];
  return {
    receipt_url: updated.receipt_url ?? null,
    email,
    charge: updated.id,
    payment_intent: idOf(updated.payment_intent as string | { id: string } | null),
    status: updated.status,
    amount: updated.amount,
    amount_decimal: decimalOrNull(updated.amount, updated.currency),
    currency: updated.currency,
    receipt_number: updated.receipt_number ?? null,
    livemode: updated.livemode,
    note: notes.filter(Boolean).join(' '),
  };
}
