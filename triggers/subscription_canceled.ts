import type Stripe from 'stripe';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import type { CanceledSubscriptionRecord } from '../lib/stripe/billing-record';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import type { StripeHook } from '../lib/webhooks/lifecycle';
import {
  canceledSubscriptionRecordFor,
  recentCanceledSubscriptions,
  selectCanceledSubscription,
  SUBSCRIPTION_CANCELED_EVENTS,
} from '../lib/webhooks/subscriptions';
import { canceledSubscriptionOutputFields, canceledSubscriptionSample } from './shared/billing';
import { hookOperation } from './shared/hook';

const KEY = 'subscription_canceled';

const hook: StripeHook<Stripe.Subscription, CanceledSubscriptionRecord> = {
  key: KEY,
  events: SUBSCRIPTION_CANCELED_EVENTS,
  select: (event) => selectCanceledSubscription(event),
  build: async (_z, bundle, subscription, stripe) => [
    await canceledSubscriptionRecordFor(stripe(), subscription, connectedAccount(bundle.authData)),
  ],
};

const performList = async (z: ZObject, bundle: Bundle) => {
  const stripe = stripeClient(z, bundle.authData);
  return mapStripeErrors(z, () =>
    recentCanceledSubscriptions(stripe, {
      limit: Math.min(100, bundle.meta?.limit && bundle.meta.limit > 0 ? bundle.meta.limit : 10),
      account: connectedAccount(bundle.authData),
    }),
  );
};

export default defineTrigger({
  key: KEY,
  noun: 'Subscription',
  display: {
    label: 'Subscription Canceled',
    description:
      'Triggers when a subscription ends (canceled at once, at the period’s end, or after failed payments), once per subscription, with the customer, the plan and the Payment Link it came from.',
  },
  operation: hookOperation(hook, {
    performList,
    sample: canceledSubscriptionSample,
    outputFields: canceledSubscriptionOutputFields,
  }),
});
