import type Stripe from 'stripe';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectedAccount, stripeClient, type StripeClient } from '../../lib/stripe/client';
import { mapStripeErrors } from '../../lib/stripe/errors';
import {
  receiveHook,
  sampleLimit,
  subscribeHook,
  unsubscribeHook,
  type Selection,
  type StripeHook,
} from '../../lib/webhooks/lifecycle';

/** The operation of an instant trigger: the shared webhook lifecycle around one hook. */
export function hookOperation<O, T, S>(
  hook: StripeHook<O, T>,
  rest: {
    performList: (z: ZObject, bundle: Bundle) => Promise<S[]>;
    sample: S;
    outputFields: { key: string; label?: string }[];
  },
) {
  return {
    type: 'hook' as const,
    performSubscribe: subscribeHook(hook),
    performUnsubscribe: unsubscribeHook(),
    perform: async (z: ZObject, bundle: Bundle) =>
      mapStripeErrors(z, () => receiveHook(hook)(z, bundle)),
    ...rest,
  };
}

type ForAccount = { account: string | null };

/** A hook whose record is one lookup-backed record per selected object, on the connection's account. */
export function recordHook<O, T>(
  key: string,
  events: Stripe.WebhookEndpointCreateParams.EnabledEvent[],
  select: (event: Stripe.Event) => Selection<O> | null,
  recordFor: (stripe: StripeClient, object: O, options: ForAccount) => Promise<T>,
): StripeHook<O, T> {
  return {
    key,
    events,
    select: (event) => select(event),
    build: async (_z, bundle, object, stripe) => [
      await recordFor(stripe(), object, { account: connectedAccount(bundle.authData) }),
    ],
  };
}

/** performList from Stripe's own objects: the newest records, on the connection's account. */
export function samplesFrom<S>(
  recent: (stripe: StripeClient, options: ForAccount & { limit: number }) => Promise<S[]>,
) {
  return async (z: ZObject, bundle: Bundle): Promise<S[]> => {
    const stripe = stripeClient(z, bundle.authData);
    return mapStripeErrors(z, () =>
      recent(stripe, { limit: sampleLimit(bundle), account: connectedAccount(bundle.authData) }),
    );
  };
}
