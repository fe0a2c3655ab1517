import type Stripe from 'stripe';
import type { StripeIdKind } from '../stripe/validate';
import { RefundRefused } from './plan';

export type RefundableKind = Extract<
  StripeIdKind,
  'checkout_session' | 'payment_intent' | 'charge'
>;
export const REFUNDABLE_KINDS: RefundableKind[] = ['checkout_session', 'payment_intent', 'charge'];

/**
 * The charge behind a checkout session, payment intent or charge id — one Stripe call each
 * (sessions and intents expand their latest charge). `purpose` only words the refusals.
 */
export async function chargeFor(
  stripe: Stripe,
  id: string,
  kind: RefundableKind,
  options: Stripe.RequestOptions = {},
  purpose: 'refund' | 'receipt' = 'refund',
): Promise<Stripe.Charge> {
  if (kind === 'charge') return stripe.charges.retrieve(id, {}, options);
  if (kind === 'payment_intent') {
    const intent = await stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }, options);
    return chargeOfIntent(intent, id, purpose);
  }
  const session = await stripe.checkout.sessions.retrieve(
    id,
    { expand: ['payment_intent.latest_charge'] },
    options,
  );
  if (!session.payment_intent) {
    const why =
      session.mode !== 'payment'
        ? `it is a ${session.mode}-mode session (its payments are on the subscription's invoices)`
        : `it has no payment (payment status: ${session.payment_status})`;
    throw new RefundRefused(`Checkout Session ${id} ${CANNOT[purpose]}: ${why}.`);
  }
  if (typeof session.payment_intent === 'string')
    throw new RefundRefused(`Checkout Session ${id}: Stripe did not return its payment.`);
  return chargeOfIntent(session.payment_intent, id, purpose);
}

const CANNOT = { refund: 'cannot be refunded', receipt: 'has no payment to send a receipt for' };
const TO = { refund: 'to refund', receipt: 'to send a receipt for' };

function chargeOfIntent(
  intent: Stripe.PaymentIntent,
  asked: string,
  purpose: 'refund' | 'receipt',
): Stripe.Charge {
  const charge = intent.latest_charge;
  if (!charge || typeof charge === 'string') {
    throw new RefundRefused(
      `${asked} has no successful charge ${TO[purpose]} yet (payment status: ${intent.status}).`,
    );
  }
  return charge;
}
