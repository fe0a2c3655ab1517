import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { abandonedCheckout, type AbandonedCheckout } from '../lib/stripe/abandoned';
import { connectedAccount, stripeClient } from '../lib/stripe/client';
import { mapStripeErrors } from '../lib/stripe/errors';
import { orderForSession } from '../lib/stripe/order';
import {
  ABANDONED,
  EXPIRED_EVENTS,
  recentSessions,
  selectAbandonedSession,
} from '../lib/webhooks/checkout';
import { hookOperation } from './shared/hook';
import { orderOutputFields, orderSample } from '../common/order-fields';
import { paymentLinksField, selectedLinks, sessionHook } from './shared/session-hook';

const KEY = 'checkout_session_expired';
const hook = sessionHook(KEY, EXPIRED_EVENTS, selectAbandonedSession, abandonedCheckout);

/** Sample: the newest expired Payment Link sessions, listed with everything their record needs. */
const performList = async (z: ZObject, bundle: Bundle): Promise<AbandonedCheckout[]> => {
  const stripe = stripeClient(z, bundle.authData);
  const account = connectedAccount(bundle.authData);
  return mapStripeErrors(z, async () => {
    const sessions = await recentSessions(stripe, selectedLinks(bundle), 10, ABANDONED);
    return Promise.all(
      sessions.map(async (s) => abandonedCheckout(s, await orderForSession(stripe, s, account))),
    );
  });
};

/** Stripe keeps no name, phone or address of an abandoned checkout: only the email, at times. */
const notKept = Object.fromEntries(
  Object.keys(orderSample)
    .filter((k) => /^(customer_(name|first_name|last_name|phone|address_)|shipping_)/.test(k))
    .map((k) => [k, null]),
);

const sample: AbandonedCheckout = {
  ...orderSample,
  ...notKept,
  customer: null,
  status: 'expired',
  payment_status: 'unpaid',
  payment_intent: null,
  receipt_url: null,
  settlement_currency: null,
  settlement_amount_decimal: null,
  fee_decimal: null,
  net_decimal: null,
  dashboard_url: 'https://dashboard.stripe.com/test/payment-links/plink_1QxSpringSale',
  expired_at: '2026-11-23T08:26:40.000Z',
  promotions_consent: 'opt_in',
  recovery_url:
    'https://buy.stripe.com/test_9AQ5kQ?client_reference_id=order-1042&prefilled_email=ada%40example.com',
};

export default defineTrigger({
  key: KEY,
  noun: 'Checkout',
  display: {
    label: 'Checkout Abandoned (Payment Link)',
    description:
      'Triggers when a Payment Link checkout expires unpaid, with the cart, the customer email when Stripe kept it, and a link back to the payment page.',
  },
  operation: {
    inputFields: [
      {
        ...paymentLinksField,
        helpText:
          'Fire only for checkouts of these Payment Links. Leave empty for every Payment Link (other Checkout Sessions never fire).',
      },
    ],
    ...hookOperation(hook, {
      performList,
      sample,
      outputFields: [
        ...orderOutputFields,
        { key: 'expired_at', label: 'Expired At', type: 'datetime' as const },
        { key: 'promotions_consent', label: 'Promotional Emails Consent' },
        { key: 'recovery_url', label: 'Recovery URL' },
      ],
    }),
  },
});
