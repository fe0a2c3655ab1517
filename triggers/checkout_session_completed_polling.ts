import { defineTrigger } from 'zapier-platform-core';
import { orderOutputFields, orderSample } from '../common/order-fields';
import { ordersFromEvents, paymentLinksField } from './shared/session-hook';

/**
 * The same order record as the instant trigger, read from Stripe's Events list instead of a
 * webhook endpoint: for accounts at Stripe's endpoint limit, many Zaps, or Connect platforms.
 * Zapier deduplicates on `id` (the session id), so each order fires once per Zap.
 */
const perform = ordersFromEvents();

export default defineTrigger({
  key: 'checkout_session_completed_polling',
  noun: 'Order',
  display: {
    label: 'Checkout Session Completed (Payment Link, Polling)',
    description:
      'Triggers when a Payment Link order is paid, checked every few minutes instead of instantly.',
  },
  operation: {
    type: 'polling',
    inputFields: [paymentLinksField],
    perform,
    sample: orderSample,
    outputFields: orderOutputFields,
  },
});
