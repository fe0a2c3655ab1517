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

/** A hook on Checkout Session events: one order record per selected session, for both triggers. */
export function sessionHook(
  key: string,
  events: Stripe.WebhookEndpointCreateParams.EnabledEvent[],
  select: SessionSelector,
): StripeHook<Stripe.Checkout.Session, CheckoutOrder> {
  return {
    key,
    events,
    select: (event, bundle) => select(event, selectedLinks(bundle)),
    build: async (_z, bundle, session, stripe) => [
      await orderFromWebhookSession(stripe(), session, connectedAccount(bundle.authData)),
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
