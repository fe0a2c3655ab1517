import { hookOperation } from './shared/hook';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { isLiveKey } from '../lib/stripe/key';
import type { RefundEvent, RefundRecord } from '../lib/stripe/refund-record';
import { sampleLimit, type StripeHook } from '../lib/webhooks/lifecycle';
import {
  recentRefunds,
  refundRecordFor,
  REFUND_EVENTS,
  selectRefund,
} from '../lib/webhooks/refunds';
import { refundOutputFields, refundSample } from './shared/refund';

const KEY = 'refund_updated';
const nowSeconds = () => Math.floor(Date.now() / 1000);

const hook: StripeHook<RefundEvent, RefundRecord> = {
  key: KEY,
  events: REFUND_EVENTS,
  select: (event) => selectRefund(event),
  build: async (_z, bundle, refundEvent, stripe) => [
    await refundRecordFor(stripe(), refundEvent, connectedAccount(bundle.authData), nowSeconds()),
  ],
};

const performList = async (z: ZObject, bundle: Bundle) => {
  const stripe = stripeClient(z, bundle.authData);
  return mapStripeErrors(z, () =>
    recentRefunds(stripe, {
      limit: sampleLimit(bundle),
      livemode: isLiveKey(String(bundle.authData.stripe_secret_key ?? '')),
      account: connectedAccount(bundle.authData),
      nowSeconds: nowSeconds(),
    }),
  );
};

export default defineTrigger({
  key: KEY,
  noun: 'Refund',
  display: {
    label: 'Refund Status Changed',
    description:
      'Triggers when a refund is created (pending or succeeded) and each time its status changes (succeeded, failed, canceled, requires action).',
  },
  operation: {
    ...hookOperation(hook, { performList, sample: refundSample, outputFields: refundOutputFields }),
  },
});
