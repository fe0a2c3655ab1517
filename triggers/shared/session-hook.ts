import type Stripe from 'stripe';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { connectionCache } from '../../lib/cache';
import { connectedAccount, stripeClient } from '../../lib/stripe/client';
import { listItems } from '../../lib/input';
import { mapStripeErrors } from '../../lib/stripe/errors';
import type { CheckoutOrder } from '../../lib/stripe/order';
import {
  orderFromWebhookSession,
  recentOrdersFromEvents,
  type SessionSelector,
} from '../../lib/webhooks/checkout';
import type { StripeHook } from '../../lib/webhooks/lifecycle';

/** The Payment Link filter the order triggers share. */
export const paymentLinksField = {
  key: 'payment_links',
  label: 'Payment Links',
  list: true,
  required: false,
  dynamic: 'payment_link_list.id.name',
  search: 'find_payment_link.id',
  helpText:
    'Fire only for orders from these Payment Links. Leave empty for every Payment Link and every other Checkout Session in the account.',
};

export function selectedLinks(bundle: Bundle): string[] {
  return listItems(bundle.inputData.payment_links, 'ids');
}

/**
 * A hook on Checkout Session events: one order record per selected session (one session read),
 * shaped by the trigger when it adds to the order (the abandoned checkout's recovery URL).
 */
export function sessionHook<R = CheckoutOrder>(
  key: string,
  events: Stripe.WebhookEndpointCreateParams.EnabledEvent[],
  select: SessionSelector,
  shape: (session: Stripe.Checkout.Session, order: CheckoutOrder) => R = (_s, order) => order as R,
): StripeHook<Stripe.Checkout.Session, R> {
  return {
    key,
    events,
    select: (event, bundle) => select(event, selectedLinks(bundle)),
    build: async (_z, bundle, session, stripe) => [
      shape(
        session,
        await orderFromWebhookSession(stripe(), session, connectedAccount(bundle.authData)),
      ),
    ],
  };
}

/** A perform that reads orders from Stripe's Events list (polling trigger, samples). */
export function ordersFromEvents(kind?: Parameters<typeof recentOrdersFromEvents>[4]) {
  return async (z: ZObject, bundle: Bundle): Promise<CheckoutOrder[]> => {
    const stripe = stripeClient(z, bundle.authData);
    return mapStripeErrors(z, () =>
      recentOrdersFromEvents(
        stripe,
        connectionCache(z),
        selectedLinks(bundle),
        connectedAccount(bundle.authData),
        kind,
      ),
    );
  };
}
