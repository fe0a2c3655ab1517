import { defineInputFields, defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { hookOperation } from './shared/hook';
import { mapStripeErrors } from '../lib/stripe/errors';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { CHECKOUT_EVENTS, recentOrders, selectPaidSession } from '../lib/webhooks/checkout';
import { sampleLimit } from '../lib/webhooks/lifecycle';
import { orderOutputFields, orderSample } from '../common/order-fields';
import { paymentLinksField, selectedLinks, sessionHook } from './shared/session-hook';

const KEY = 'checkout_session_completed';

const inputFields = defineInputFields([paymentLinksField]);

const hook = sessionHook(KEY, CHECKOUT_EVENTS, selectPaidSession);

const performList = async (z: ZObject, bundle: Bundle) => {
  const limit = sampleLimit(bundle);
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
      'Triggers when a Payment Link order is paid, once per order, with line items and customer details.',
  },
  operation: {
    inputFields,
    ...hookOperation(hook, { performList, sample: orderSample, outputFields: orderOutputFields }),
  },
});
