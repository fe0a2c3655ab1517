import { defineTrigger } from 'zapier-platform-core';
import {
  canceledSubscriptionRecordFor,
  recentCanceledSubscriptions,
  selectCanceledSubscription,
  SUBSCRIPTION_CANCELED_EVENTS,
} from '../lib/webhooks/subscriptions';
import { canceledSubscriptionOutputFields, canceledSubscriptionSample } from './shared/billing';
import { hookOperation, recordHook, samplesFrom } from './shared/hook';

const KEY = 'subscription_canceled';

const hook = recordHook(
  KEY,
  SUBSCRIPTION_CANCELED_EVENTS,
  selectCanceledSubscription,
  canceledSubscriptionRecordFor,
);

export default defineTrigger({
  key: KEY,
  noun: 'Subscription',
  display: {
    label: 'Subscription Canceled',
    description:
      'Triggers when a subscription ends (canceled at once, at the period’s end, or after failed payments), once per subscription, with the customer, the plan and the Payment Link it came from.',
  },
  operation: hookOperation(hook, {
    performList: samplesFrom(recentCanceledSubscriptions),
    sample: canceledSubscriptionSample,
    outputFields: canceledSubscriptionOutputFields,
  }),
});
