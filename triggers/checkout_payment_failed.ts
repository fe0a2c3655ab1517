import { hookOperation } from './shared/hook';
import { defineTrigger } from 'zapier-platform-core';
import { PAYMENT_FAILED_EVENTS, selectFailedSession } from '../lib/webhooks/checkout';
import { orderOutputFields, orderSample } from '../common/order-fields';
import { ordersFromEvents, paymentLinksField, sessionHook } from './shared/session-hook';

const KEY = 'checkout_payment_failed';
const hook = sessionHook(KEY, PAYMENT_FAILED_EVENTS, selectFailedSession);

/** Sample: the newest failed delayed payments, from the Events list (kept 30 days). */
const performList = ordersFromEvents({
  types: PAYMENT_FAILED_EVENTS,
  select: selectFailedSession,
  limit: 10,
});

export default defineTrigger({
  key: KEY,
  noun: 'Order',
  display: {
    label: 'Checkout Payment Failed (Payment Link)',
    description: 'Triggers when a bank debit or voucher payment through a Payment Link fails.',
  },
  operation: {
    inputFields: [paymentLinksField],
    ...hookOperation(hook, {
      performList,
      sample: { ...orderSample, payment_status: 'unpaid' },
      outputFields: orderOutputFields,
    }),
  },
});
