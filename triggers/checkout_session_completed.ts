import { defineInputFields, defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { mapStripeErrors } from '../lib/stripe/errors';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import type Stripe from 'stripe';
import {
  CHECKOUT_EVENTS,
  orderFromWebhookSession,
  recentOrders,
  selectPaidSession,
} from '../lib/webhooks/checkout';
import {
  receiveHook,
  subscribeHook,
  unsubscribeHook,
  type StripeHook,
} from '../lib/webhooks/lifecycle';
import type { CheckoutOrder } from '../lib/stripe/order';
import { orderOutputFields, orderSample } from './shared/order';

const KEY = 'checkout_session_completed';

const inputFields = defineInputFields([
  {
    key: 'payment_links',
    label: 'Payment Links',
    list: true,
    required: false,
    dynamic: 'payment_link_list.id.name',
    helpText:
      'Fire only for orders from these Payment Links. Leave empty to fire for every paid Checkout Session in the account (including ones that did not come from a Payment Link).',
  },
]);

function selectedLinks(bundle: Bundle): string[] {
  const value = bundle.inputData.payment_links;
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string' && value
      ? value.split(',')
      : [];
  return list.map((v) => String(v).trim()).filter(Boolean);
}

const hook: StripeHook<Stripe.Checkout.Session, CheckoutOrder> = {
  key: KEY,
  events: CHECKOUT_EVENTS,
  select: (event, bundle) => selectPaidSession(event, selectedLinks(bundle)),
  build: async (_z, bundle, session, stripe) => [
    await orderFromWebhookSession(stripe(), session, connectedAccount(bundle.authData)),
  ],
};

const performList = async (z: ZObject, bundle: Bundle) => {
  const limit = bundle.meta?.limit && bundle.meta.limit > 0 ? bundle.meta.limit : 10;
  const stripe = stripeClient(z, bundle.authData);
  return mapStripeErrors(z, () =>
    recentOrders(stripe, selectedLinks(bundle), limit, connectedAccount(bundle.authData)),
  );
};

export default defineTrigger({
  key: KEY,
  noun: 'Order',
  display: {
    label: 'Checkout Session Completed (Payment Link)',
    description:
      'Triggers when a Payment Link order is paid, once per order (card payments at once, bank debits and vouchers when the money arrives), with line items and customer details.',
  },
  operation: {
    type: 'hook',
    inputFields,
    performSubscribe: subscribeHook(hook),
    performUnsubscribe: unsubscribeHook(),
    perform: async (z: ZObject, bundle: Bundle) =>
      mapStripeErrors(z, () => receiveHook(hook)(z, bundle)),
    performList,
    sample: orderSample,
    outputFields: orderOutputFields,
  },
});
