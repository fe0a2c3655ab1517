import type Stripe from 'stripe';
import type { StripeIdKind } from '../stripe/validate';
import { RefundRefused } from './plan';

export type RefundableKind = Extract<
  StripeIdKind,
  'checkout_session' | 'payment_intent' | 'charge'
>;
export const REFUNDABLE_KINDS: RefundableKind[] = ['checkout_session', 'payment_intent', 'charge'];

/** A charge that may be refunded, with its dispute when it has one. */
export type ChargeToRefund = { charge: Stripe.Charge; dispute: Stripe.Dispute | null };

/**
 * Runs one Stripe call with the request options the gate gives it. Bulk refunds pass a gate that
 * waits for the step's rate limiter (by endpoint), then sets each try's timeout from the time left
 * (lib/refunds/gate.ts). Single refunds call straight through with fixed options.
 */
export type CallGate = <T>(
  endpoint: string,
  call: (options: Stripe.RequestOptions) => Promise<T>,
) => Promise<T>;

export const directGate =
  (options: Stripe.RequestOptions = {}): CallGate =>
  (_endpoint, call) =>
    call(options);

const READ_ENDPOINT: Record<RefundableKind, string> = {
  charge: 'GET /v1/charges/:id',
  payment_intent: 'GET /v1/payment_intents/:id',
  checkout_session: 'GET /v1/checkout/sessions/:id',
};

export type ChargePurpose = 'refund' | 'receipt';
const CANNOT = { refund: 'cannot be refunded', receipt: 'has no payment to send a receipt for' };
const TO = { refund: 'to refund', receipt: 'to send a receipt for' };

/** What each kind expands to reach its latest charge; refunds also read the charge's refunds. */
const EXPAND: Record<ChargePurpose, Record<RefundableKind, string[]>> = {
  receipt: {
    charge: [],
    payment_intent: ['latest_charge'],
    checkout_session: ['payment_intent.latest_charge'],
  },
  refund: {
    charge: ['refunds'],
    payment_intent: ['latest_charge.refunds'],
    checkout_session: ['payment_intent.latest_charge.refunds'],
  },
};

/**
 * The latest charge behind a checkout session, payment intent or charge id: one Stripe call
 * (sessions and intents expand it). For a refund the charge comes with its refunds, which is
 * where an earlier run's refund is found again. `purpose` also words the refusals.
 */
export async function chargeFor(
  stripe: Stripe,
  id: string,
  kind: RefundableKind,
  options: Stripe.RequestOptions = {},
  purpose: ChargePurpose = 'refund',
): Promise<Stripe.Charge> {
  const expand = EXPAND[purpose][kind];
  if (kind === 'charge')
    return stripe.charges.retrieve(id, expand.length ? { expand } : {}, options);
  if (kind === 'payment_intent') {
    const intent = await stripe.paymentIntents.retrieve(id, { expand }, options);
    return intentCharge(intent, id, purpose);
  }
  const session = await stripe.checkout.sessions.retrieve(id, { expand }, options);
  return sessionCharge(session, id, purpose);
}

/**
 * An expanded list holds its first page (10) only: a charge with more refunds has the rest
 * listed, so a marked refund is never missed.
 */
async function withAllRefunds(
  stripe: Stripe,
  charge: Stripe.Charge,
  gate: CallGate,
): Promise<Stripe.Charge> {
  if (!charge.refunds?.has_more) return charge;
  const data: Stripe.Refund[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = await gate('GET /v1/refunds', (options) =>
      stripe.refunds.list(
        {
          charge: charge.id,
          limit: 100,
          ...(startingAfter ? { starting_after: startingAfter } : {}),
        },
        options,
      ),
    );
    data.push(...page.data);
    if (!page.has_more || page.data.length === 0) break;
    startingAfter = page.data[page.data.length - 1].id;
  }
  return { ...charge, refunds: { ...charge.refunds, data, has_more: false } };
}

/**
 * The charges behind a checkout session, payment intent or charge id, newest first: one Stripe
 * call in the usual case (sessions and intents expand their latest charge and its refunds). An intent whose
 * money is spread over several charges lists them (with their refunds, to plan across them); a
 * disputed charge fetches its dispute, which says whether it may still be refunded.
 */
export async function chargesFor(
  stripe: Stripe,
  id: string,
  kind: RefundableKind,
  gate: CallGate = directGate(),
): Promise<ChargeToRefund[]> {
  const charges = [await gate(READ_ENDPOINT[kind], (o) => chargeFor(stripe, id, kind, o))];
  const spread = spreadIntent(charges[0]);
  const all = spread
    ? await gate('GET /v1/charges', (o) => intentCharges(stripe, spread, o))
    : charges;
  return Promise.all(
    all.map(async (charge) => ({
      charge: await withAllRefunds(stripe, charge, gate),
      dispute: charge.disputed
        ? await gate('GET /v1/disputes', (o) => disputeOf(stripe, charge.id, o))
        : null,
    })),
  );
}

/** The intent's id when it received more than its latest charge holds: its money is on several charges. */
function spreadIntent(latest: Stripe.Charge): string | null {
  const intent = latest.payment_intent;
  return typeof intent === 'object' && intent && intent.amount_received > latest.amount_captured
    ? intent.id
    : null;
}

async function intentCharges(
  stripe: Stripe,
  intent: string,
  options: Stripe.RequestOptions,
): Promise<Stripe.Charge[]> {
  const page = await stripe.charges.list(
    { payment_intent: intent, limit: 100, expand: ['data.refunds'] },
    options,
  );
  return page.data
    .filter((c) => c.status === 'succeeded' && c.captured)
    .sort((a, b) => b.created - a.created);
}

async function disputeOf(
  stripe: Stripe,
  charge: string,
  options: Stripe.RequestOptions,
): Promise<Stripe.Dispute | null> {
  const page = await stripe.disputes.list({ charge, limit: 1 }, options);
  return page.data[0] ?? null;
}

function sessionCharge(
  session: Stripe.Checkout.Session,
  asked: string,
  purpose: ChargePurpose,
): Stripe.Charge {
  if (!session.payment_intent) {
    const why =
      session.mode !== 'payment'
        ? `it is a ${session.mode}-mode session (its payments are on the subscription's invoices)`
        : `it has no payment (payment status: ${session.payment_status})`;
    throw new RefundRefused(`Checkout Session ${asked} ${CANNOT[purpose]}: ${why}.`);
  }
  if (typeof session.payment_intent === 'string')
    throw new RefundRefused(`Checkout Session ${asked}: Stripe did not return its payment.`);
  return intentCharge(session.payment_intent, asked, purpose);
}

function intentCharge(
  intent: Stripe.PaymentIntent,
  asked: string,
  purpose: ChargePurpose,
): Stripe.Charge {
  const charge = intent.latest_charge;
  if (!charge || typeof charge === 'string') {
    throw new RefundRefused(
      `${asked} has no successful charge ${TO[purpose]} yet (payment status: ${intent.status}).`,
    );
  }
  // The intent tells how much it received in all; its charges' payment_intent is only an id.
  return { ...charge, payment_intent: intent };
}
