import type { StripeClient } from '../stripe/client';
import { mapConcurrent } from '../concurrency';
import { stepLimiter } from '../stripe/limiter';
import { lookupFailure } from './checkout';
import type { OrderLookup } from '../stripe/order-link';

export const ORDER_LOOKUP_ENDPOINT = 'GET /v1/checkout/sessions';

/**
 * One call: the Checkout Session of a payment intent or a subscription. Runs after the webhook
 * was acknowledged, so it never throws: a failure, or no session at all, is said in `message`.
 */
export async function findOrderSession(
  stripe: StripeClient,
  by: { payment_intent: string } | { subscription: string } | null,
  what: 'payment' | 'subscription',
): Promise<OrderLookup> {
  if (!by) return { session: null, message: 'There is no payment to find the order by.' };
  try {
    const page = await stripe.checkout.sessions.list({ ...by, limit: 1 });
    const session = page.data[0] ?? null;
    return {
      session,
      message: session ? null : `The ${what} did not come through Stripe Checkout.`,
    };
  } catch (err) {
    return { session: null, message: `The order could not be read (${lookupFailure(err)}).` };
  }
}

/** The order a payment belongs to (refunds, disputes): one call, never throws. */
export function findPaymentOrder(
  stripe: StripeClient,
  paymentIntent: string | null,
): Promise<OrderLookup> {
  return findOrderSession(
    stripe,
    paymentIntent ? { payment_intent: paymentIntent } : null,
    'payment',
  );
}

/**
 * Records for a sample, each costing one call to every endpoint named (the order lookup, and
 * more): up to 100 items, paced to the key's mode (test keys: 25 requests/s for the account).
 */
export async function withOrderLookups<I, O>(
  stripe: StripeClient,
  items: readonly I[],
  build: (item: I) => Promise<O>,
  endpoints: string[] = [ORDER_LOOKUP_ENDPOINT],
): Promise<O[]> {
  const limiter = stepLimiter(stripe);
  const paced = endpoints.map((name) => limiter.endpoint(name, 1));
  return mapConcurrent(items, 4, async (item) => {
    for (const endpoint of paced) await endpoint.take();
    return build(item);
  });
}
